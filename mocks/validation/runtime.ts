/** Validation runtime: the issue type, the member path and the helpers the schema table's checks call (mocks/schema/validate.ts). */

/** One violation: where (dotted member path), what (AWS-style message), and which kind of failure. */
export interface ValidationIssue {
  path: string
  message: string
  /** 'type': wrong JSON type (SerializationException); 'constraint': anything else (ValidationException). */
  kind: 'type' | 'constraint'
}

/** Validates a value and returns every issue found (empty when the value is valid). */
export type Validator = (value: unknown) => ValidationIssue[]

/** A check of one node of the schema table: reports the value's issues at the current path. */
export type Check = (value: unknown, issues: ValidationIssue[]) => void

/**
 * The path to the value being checked: `at[0..depth)`. Checks enter and leave each member, and the path is
 * joined only when an issue is reported. The buffer is written in place, never pushed or popped (a popped
 * array may give back its storage and reallocate on the next push), so a valid request allocates nothing
 * but its issues array.
 */
const at: Array<string | number> = new Array<string | number>(32).fill('')
let depth = 0

/** Issues of one map key, collected so they can be reported as one issue at the map. */
const keyIssues: ValidationIssue[] = []

/** Runs a check on a whole value (an operation input or a named shape), from the root path. */
export function run(check: Check, value: unknown): ValidationIssue[] {
  depth = 0
  const issues: ValidationIssue[] = []
  check(value, issues)
  return issues
}

function enter(name: string | number): void {
  at[depth++] = name // beyond 32 levels the array grows, once
}

function leave(): void {
  depth--
}

/** Records an issue at the current path. */
export function report(issues: ValidationIssue[], kind: ValidationIssue['kind'], message: string): void {
  let path = ''
  for (let index = 0; index < depth; index++) path += index === 0 ? at[index] : `.${at[index]}`
  issues.push({ path, message, kind })
}

/** A member (or list item, or map value) that must be set. JSON null counts as not set, as on AWS's wire. */
export function requiredMember(
  value: unknown,
  name: string | number,
  check: Check,
  issues: ValidationIssue[],
): void {
  enter(name)
  if (value === undefined || value === null) report(issues, 'constraint', 'Member must not be null')
  else check(value, issues)
  leave()
}

/** A member that may be absent or null; when set, it is checked at its own path. */
export function optionalMember(value: unknown, name: string, check: Check, issues: ValidationIssue[]): void {
  if (value === undefined || value === null) return
  enter(name)
  check(value, issues)
  leave()
}

/** A map key's violations, reported at the map itself in the words AWS uses for keys. */
export function checkMapKey(key: string, check: Check, issues: ValidationIssue[]): void {
  keyIssues.length = 0
  check(key, keyIssues)
  if (keyIssues.length === 0) return
  report(
    issues,
    'constraint',
    `Map keys must satisfy constraint: [${keyIssues.map((issue) => issue.message).join(', ')}]`,
  )
}

/** Length as Smithy's @length counts it: Unicode code points, a surrogate pair being one. */
export function codePointLength(text: string): number {
  let length = text.length
  for (let index = 0; index < text.length - 1; index++) {
    const unit = text.charCodeAt(index)
    if (unit < 0xd800 || unit > 0xdbff) continue
    const next = text.charCodeAt(index + 1)
    if (next >= 0xdc00 && next <= 0xdfff) {
      length--
      index++
    }
  }
  return length
}

/** Whether two items of a list are equal as JSON values (for @uniqueItems). */
export function hasDuplicates(items: readonly unknown[]): boolean {
  // Long lists of strings or numbers: a Set is linear (and allocates only for such lists).
  if (items.length > 32 && items.every(isPrimitive)) return new Set(items).size !== items.length
  for (let i = 1; i < items.length; i++) {
    for (let j = 0; j < i; j++) if (jsonEqual(items[i], items[j])) return true
  }
  return false
}

function isPrimitive(value: unknown): boolean {
  return typeof value !== 'object' || value === null
}

function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false
    for (let index = 0; index < a.length; index++) if (!jsonEqual(a[index], b[index])) return false
    return true
  }
  if (Array.isArray(b)) return false
  const left = a as Record<string, unknown>
  const right = b as Record<string, unknown>
  let count = 0
  for (const key in left) {
    if (!Object.hasOwn(left, key)) continue
    count++
    if (!Object.hasOwn(right, key) || !jsonEqual(left[key], right[key])) return false
  }
  for (const key in right) if (Object.hasOwn(right, key)) count--
  return count === 0
}

// The check of a boolean, shared by every boolean member.

export function checkBoolean(value: unknown, issues: ValidationIssue[]): void {
  if (typeof value !== 'boolean') report(issues, 'type', 'Member must be of type boolean')
}
