/** Diff layer: what changed between two specs, operation by operation, and whom it breaks. */
import type { JsonObject, JsonValue, OpenApiDocument } from '../import/to-open-api.ts'
import {
  type Breaking,
  classifyAdded,
  classifyConstraint,
  classifyRemoved,
  type Direction,
  either,
  OPERATION_CHANGES,
  type Side,
  TYPE_CHANGED,
} from './classify.ts'
import { type MemberConstraints, type MemberInfo, type MemberMap, memberMap } from './member-map.ts'
import { patternDirection } from './pattern-direction.ts'

/** A member added or removed, with the members below it down to the leaves. */
export interface MemberNode {
  path: string
  type: string
  required: boolean
  members?: MemberNode[]
}

/** A top-level added or removed member (its subtree comes with it) and whom that breaks. */
export interface MemberChange extends MemberNode {
  breaking: Breaking
}

/** A member whose type changed. */
export interface TypeChange {
  path: string
  from: string
  to: string
  breaking: Breaking
}

/** What a constraint change is about. */
export type ConstraintKind = 'required' | 'location' | 'pattern' | 'length' | 'range' | 'enum' | 'uniqueItems'

/** One constraint of one member, before and after. */
export interface ConstraintChange {
  path: string
  kind: ConstraintKind
  from: JsonValue
  to: JsonValue
  direction: Direction
  breaking: Breaking
}

/** The request or the response of one operation. */
export interface SideDiff {
  added: MemberChange[]
  removed: MemberChange[]
  changed: TypeChange[]
  constraints: ConstraintChange[]
}

/** Changes to the operation itself rather than its members. */
export interface OperationChange {
  kind: 'operation' | 'http' | 'errors' | 'pagination' | 'readonly'
  from: JsonValue
  to: JsonValue
  breaking: Breaking
}

export interface OperationDiff {
  name: string
  status: 'added' | 'removed' | 'changed'
  operation: OperationChange[]
  request: SideDiff
  response: SideDiff
  /** Any change in this operation breaks… */
  breaking: Breaking
}

/** The whole result; `operations` holds only the operations that changed, sorted by name. */
export interface SpecDiff {
  summary: { operations: number; updated: number; breaking: Breaking }
  /** What was not compared, and why (a botocore side cannot say `@uniqueItems`). */
  notes: string[]
  operations: OperationDiff[]
}

interface OperationView {
  method: string
  uri: string
  status: string
  errors: string[]
  paginated: JsonValue
  readonly: boolean
  input?: string
  output?: string
}

/**
 * Compares two specs written by `import-model` (docs/decisions/0001). Both are read the same way,
 * whatever model format they came from; `@uniqueItems` is compared only when neither came from
 * botocore, which cannot express it (docs/decisions/0004).
 */
export function diffSpecs(from: OpenApiDocument, to: OpenApiDocument): SpecDiff {
  const formats = [sourceFormat(from), sourceFormat(to)]
  const compareUniqueItems = !formats.includes('botocore')
  const notes = compareUniqueItems
    ? []
    : ['uniqueItems not compared: a botocore model cannot express @uniqueItems (docs/decisions/0004)']
  const before = operationsOf(from)
  const after = operationsOf(to)
  const names = [...new Set([...before.keys(), ...after.keys()])].sort()
  const operations: OperationDiff[] = []
  for (const name of names) {
    const diff = diffOperation(name, before.get(name), after.get(name), from, to, compareUniqueItems)
    if (diff) operations.push(diff)
  }
  return {
    summary: {
      operations: names.length,
      updated: operations.length,
      breaking: either(NO_BREAK, ...operations.map((op) => op.breaking)),
    },
    notes,
    operations,
  }
}

const NO_BREAK: Breaking = { client: false, mock: false }

function diffOperation(
  name: string,
  before: OperationView | undefined,
  after: OperationView | undefined,
  from: OpenApiDocument,
  to: OpenApiDocument,
  compareUniqueItems: boolean,
): OperationDiff | undefined {
  const operation: OperationChange[] = []
  if (!before || !after) {
    const status = before ? 'removed' : 'added'
    operation.push({
      kind: 'operation',
      from: before ? name : null,
      to: after ? name : null,
      breaking: OPERATION_CHANGES[status],
    })
  } else {
    const http = (v: OperationView) => `${v.method.toUpperCase()} ${v.uri} → ${v.status}`
    if (http(before) !== http(after))
      operation.push({ kind: 'http', from: http(before), to: http(after), breaking: OPERATION_CHANGES.http })
    const gone = before.errors.filter((e) => !after.errors.includes(e))
    const added = after.errors.filter((e) => !before.errors.includes(e))
    if (gone.length + added.length > 0) {
      const breaking = either(
        gone.length > 0 ? OPERATION_CHANGES.errorRemoved : NO_BREAK,
        added.length > 0 ? OPERATION_CHANGES.errorAdded : NO_BREAK,
      )
      operation.push({ kind: 'errors', from: before.errors, to: after.errors, breaking })
    }
    if (JSON.stringify(before.paginated) !== JSON.stringify(after.paginated)) {
      const breaking =
        before.paginated === null
          ? OPERATION_CHANGES.paginationAdded
          : after.paginated === null
            ? OPERATION_CHANGES.paginationRemoved
            : OPERATION_CHANGES.paginationChanged
      operation.push({ kind: 'pagination', from: before.paginated, to: after.paginated, breaking })
    }
    if (before.readonly !== after.readonly)
      operation.push({
        kind: 'readonly',
        from: before.readonly,
        to: after.readonly,
        breaking: OPERATION_CHANGES.readonly,
      })
  }
  const members = (doc: OpenApiDocument, shape: string | undefined): MemberMap =>
    shape === undefined ? new Map() : memberMap(doc.components.schemas, shape)
  const request = diffSide(
    'request',
    members(from, before?.input),
    members(to, after?.input),
    compareUniqueItems,
  )
  const response = diffSide(
    'response',
    members(from, before?.output),
    members(to, after?.output),
    compareUniqueItems,
  )
  // A whole operation added or removed is one change; its members are not listed one by one.
  const whole = !before || !after
  const sides = whole ? { request: emptySide(), response: emptySide() } : { request, response }
  const all = [
    ...operation.map((c) => c.breaking),
    ...[sides.request, sides.response].flatMap((s) => [
      ...s.added.map((c) => c.breaking),
      ...s.removed.map((c) => c.breaking),
      ...s.changed.map((c) => c.breaking),
      ...s.constraints.map((c) => c.breaking),
    ]),
  ]
  if (all.length === 0) return undefined
  return {
    name,
    status: before ? (after ? 'changed' : 'removed') : 'added',
    operation,
    ...sides,
    breaking: either(NO_BREAK, ...all),
  }
}

function emptySide(): SideDiff {
  return { added: [], removed: [], changed: [], constraints: [] }
}

function diffSide(side: Side, before: MemberMap, after: MemberMap, compareUniqueItems: boolean): SideDiff {
  const out = emptySide()
  // Members whose parent is on both sides; deeper ones travel inside their added/removed ancestor.
  const topmost = (map: MemberMap, other: MemberMap) =>
    [...map.values()].filter(
      (m) => !other.has(m.path) && (parentOf(m.path) === '' || other.has(parentOf(m.path))),
    )
  for (const m of topmost(after, before))
    out.added.push({ ...node(after, m), breaking: classifyAdded(side, m.required) })
  for (const m of topmost(before, after))
    out.removed.push({ ...node(before, m), breaking: classifyRemoved(side, m.required) })
  for (const [path, old] of before) {
    const now = after.get(path)
    if (!now) continue
    if (old.type !== now.type || old.kind !== now.kind) {
      out.changed.push({ path, from: old.type, to: now.type, breaking: TYPE_CHANGED })
      continue
    }
    out.constraints.push(...constraintChanges(side, old, now, compareUniqueItems))
  }
  return out
}

/** The tree under a member. A list's `[]` item and a map's `{}` value stand for their members. */
function node(map: MemberMap, member: MemberInfo): MemberNode {
  const children = member.children.flatMap((path) => {
    const child = map.get(path)
    if (!child) return []
    const isItem = path.endsWith('[]') || path.endsWith('{}') || path.endsWith('{key}')
    if (!isItem) return [node(map, child)]
    return node(map, child).members ?? []
  })
  return {
    path: member.path,
    type: member.type,
    required: member.required,
    ...(children.length > 0 ? { members: children } : {}),
  }
}

function constraintChanges(
  side: Side,
  old: MemberInfo,
  now: MemberInfo,
  compareUniqueItems: boolean,
): ConstraintChange[] {
  const out: ConstraintChange[] = []
  const push = (kind: ConstraintKind, from: JsonValue, to: JsonValue, direction: Direction) =>
    out.push({ path: old.path, kind, from, to, direction, breaking: classifyConstraint(side, direction) })
  if (old.required !== now.required)
    push('required', old.required, now.required, now.required ? 'tightened' : 'loosened')
  if (old.location !== now.location)
    push('location', old.location ?? 'body', now.location ?? 'body', 'changed')
  const a: MemberConstraints = old.constraints
  const b: MemberConstraints = now.constraints
  if (a.pattern !== b.pattern)
    push('pattern', a.pattern ?? null, b.pattern ?? null, patternDirection(a.pattern, b.pattern))
  if (!same(a.length, b.length)) {
    const from = a.length ?? { min: 0, max: null }
    const to = b.length ?? { min: 0, max: null }
    push('length', from, to, boundsDirection(from, to))
  }
  if (!same(a.range, b.range)) {
    const from = a.range ?? { min: null, max: null }
    const to = b.range ?? { min: null, max: null }
    push('range', from, to, boundsDirection(from, to))
  }
  if (!same(a.enum, b.enum)) {
    const from = a.enum ?? []
    const to = b.enum ?? []
    const lost = from.some((v) => !to.includes(v))
    const gained = to.some((v) => !from.includes(v))
    const direction: Direction =
      lost && gained ? 'changed' : lost ? 'tightened' : gained ? 'loosened' : 'changed'
    // Order alone is no change on the wire.
    if (lost || gained) push('enum', from, to, direction)
  }
  if (compareUniqueItems && a.uniqueItems !== b.uniqueItems)
    push(
      'uniqueItems',
      a.uniqueItems === true,
      b.uniqueItems === true,
      b.uniqueItems ? 'tightened' : 'loosened',
    )
  return out
}

/** Bounds with `null` for "none": narrower on both ends is tightened, wider on both is loosened. */
function boundsDirection(
  from: { min: number | null; max: number | null },
  to: { min: number | null; max: number | null },
): Direction {
  const lo = (v: number | null) => v ?? Number.NEGATIVE_INFINITY
  const hi = (v: number | null) => v ?? Number.POSITIVE_INFINITY
  const narrower = lo(to.min) >= lo(from.min) && hi(to.max) <= hi(from.max)
  const wider = lo(to.min) <= lo(from.min) && hi(to.max) >= hi(from.max)
  return narrower ? 'tightened' : wider ? 'loosened' : 'changed'
}

function operationsOf(doc: OpenApiDocument): Map<string, OperationView> {
  const out = new Map<string, OperationView>()
  for (const [uri, item] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(item)) {
      const name = op['operationId']
      if (typeof name !== 'string') continue
      const responses = isObject(op['responses']) ? Object.keys(op['responses']) : []
      const view: OperationView = {
        method,
        uri,
        status: responses.find((code) => code.startsWith('2')) ?? '',
        errors: Array.isArray(op['x-errors']) ? op['x-errors'].filter((e) => typeof e === 'string') : [],
        paginated: op['x-paginated'] ?? null,
        readonly: op['x-readonly'] === true,
      }
      if (typeof op['x-input-shape'] === 'string') view.input = op['x-input-shape']
      if (typeof op['x-output-shape'] === 'string') view.output = op['x-output-shape']
      out.set(name, view)
    }
  }
  return out
}

function sourceFormat(doc: OpenApiDocument): string | undefined {
  const source = doc.info['x-source-model']
  return isObject(source) && typeof source['format'] === 'string' ? source['format'] : undefined
}

/** `a.b[].c` → `a.b[]`, `a{}` → `a`, `a` → ``. */
function parentOf(path: string): string {
  const match = /^(.*?)(?:\.[^.[{]+|\[\]|\{\}|\{key\})$/.exec(path)
  return match?.[1] ?? ''
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b)
}

function isObject(value: JsonValue | undefined): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
