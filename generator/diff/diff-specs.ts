/** Diff layer: what changed between two specs, operation by operation, and whom it breaks. */

import { WRITTEN_OUTPUT_MEMBERS } from '../../mocks/domain/written-members.ts'
import type { JsonObject, JsonValue, OpenApiDocument } from '../import/to-open-api.ts'
import { isJsonObject } from '../schema-ref.ts'
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

/**
 * The documentation of a member that carries a rule changed (its fingerprint, `info["x-rule-documentation"]`):
 * the rule may have changed with no shape change. It names the member and the model dates, never the text.
 */
export interface DocumentationChange {
  member: string
  from: string
  to: string
  breaking: Breaking
}

/**
 * The exported TypeScript surface of `cleanrooms-mock/types`: one name per schema (errors aside). A structure
 * or enum whose definition is unchanged under a new name is a rename, not a removal plus an addition.
 */
export interface TypesChange {
  added: string[]
  removed: string[]
  renamed: Array<{ from: string; to: string }>
  breaking: Breaking
}

/** The whole result; `operations` holds only the operations that changed, sorted by name. */
export interface SpecDiff {
  summary: { operations: number; updated: number; breaking: Breaking }
  /** What was not compared, and why. */
  notes: string[]
  operations: OperationDiff[]
  types: TypesChange
  documentation: DocumentationChange[]
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
 * whatever model format they came from. `@uniqueItems` is always compared: a botocore model cannot express it
 * (docs/decisions/0004), so a botocore import that did not carry it over (R-MODEL-3) shows every list losing
 * it, which is what its validators would do.
 */
export function diffSpecs(from: OpenApiDocument, to: OpenApiDocument): SpecDiff {
  const notes = [from, to]
    .filter((doc) => sourceFormat(doc) === 'botocore' && !carriedUniqueItems(doc))
    .map(
      (doc) =>
        `${modelDate(doc)} is a botocore model without carried-over @uniqueItems (R-MODEL-3): its lists ` +
        'accept duplicates, so every list that had the trait shows it lost; import it with ' +
        '--unique-items-from <smithy model> to keep them (docs/decisions/0004)',
    )
  const types = diffTypes(from, to)
  const before = operationsOf(from)
  const after = operationsOf(to)
  const names = [...new Set([...before.keys(), ...after.keys()])].sort()
  const operations: OperationDiff[] = []
  const renames = new Map(types.renamed.map(({ from: a, to: b }) => [a, b]))
  for (const name of names) {
    const diff = diffOperation(name, before.get(name), after.get(name), from, to, renames)
    if (diff) operations.push(diff)
  }
  const documentation = diffDocumentation(from, to)
  return {
    summary: {
      operations: names.length,
      updated: operations.length,
      breaking: either(
        NO_BREAK,
        ...operations.map((op) => op.breaking),
        types.breaking,
        ...documentation.map((d) => d.breaking),
      ),
    },
    notes,
    operations,
    types,
    documentation,
  }
}

/** The exported type names of a spec's schemas (errors are classes of the mock, not exported types). */
function typeNames(doc: OpenApiDocument): Map<string, string> {
  const out = new Map<string, string>()
  for (const [name, schema] of Object.entries(doc.components.schemas)) {
    if (schema['x-error'] !== undefined) continue
    out.set(name, JSON.stringify(schema))
  }
  return out
}

/** Names added to and removed from `cleanrooms-mock/types`; a removed and an added name with one definition is a rename. */
function diffTypes(from: OpenApiDocument, to: OpenApiDocument): TypesChange {
  const before = typeNames(from)
  const after = typeNames(to)
  const removed = [...before.keys()].filter((name) => !after.has(name)).sort()
  const added = [...after.keys()].filter((name) => !before.has(name)).sort()
  const renamed: Array<{ from: string; to: string }> = []
  for (const old of [...removed]) {
    const twin = added.find((name) => after.get(name) === before.get(old))
    if (twin === undefined) continue
    renamed.push({ from: old, to: twin })
    removed.splice(removed.indexOf(old), 1)
    added.splice(added.indexOf(twin), 1)
  }
  // Code that imports a removed or renamed name stops compiling; a new name breaks nobody.
  const breaking = { client: removed.length + renamed.length > 0, mock: false }
  return { added, removed, renamed, breaking }
}

/** Rule-bearing members whose documentation fingerprint differs: a human must read the new text (spec/README.md). */
function diffDocumentation(from: OpenApiDocument, to: OpenApiDocument): DocumentationChange[] {
  const before = ruleDocs(from)
  const after = ruleDocs(to)
  return Object.keys(before)
    .filter((member) => after[member] !== undefined && after[member] !== before[member])
    .sort()
    .map((member) => ({
      member,
      from: modelDate(from),
      to: modelDate(to),
      breaking: { client: false, mock: true },
    }))
}

function ruleDocs(doc: OpenApiDocument): Record<string, string> {
  const docs = doc.info['x-rule-documentation']
  return isJsonObject<JsonObject>(docs) ? (docs as Record<string, string>) : {}
}

function modelDate(doc: OpenApiDocument): string {
  const source = doc.info['x-source-model']
  return isJsonObject<JsonObject>(source) && typeof source['modelDate'] === 'string'
    ? source['modelDate']
    : 'an undated spec'
}

function carriedUniqueItems(doc: OpenApiDocument): boolean {
  const source = doc.info['x-source-model']
  return isJsonObject<JsonObject>(source) && source['uniqueItemsFrom'] !== undefined
}

const NO_BREAK: Breaking = { client: false, mock: false }

function diffOperation(
  name: string,
  before: OperationView | undefined,
  after: OperationView | undefined,
  from: OpenApiDocument,
  to: OpenApiDocument,
  renames: ReadonlyMap<string, string>,
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
  const request = diffSide('request', members(from, before?.input), members(to, after?.input), renames)
  const response = diffSide('response', members(from, before?.output), members(to, after?.output), renames)
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

function diffSide(
  side: Side,
  before: MemberMap,
  after: MemberMap,
  renames: ReadonlyMap<string, string>,
): SideDiff {
  const out = emptySide()
  // Members whose parent is on both sides; deeper ones travel inside their added/removed ancestor.
  const topmost = (map: MemberMap, other: MemberMap) =>
    [...map.values()].filter(
      (m) => !other.has(m.path) && (parentOf(m.path) === '' || other.has(parentOf(m.path))),
    )
  for (const m of topmost(after, before))
    out.added.push({ ...node(after, m), breaking: classifyAdded(side, m.required) })
  for (const m of topmost(before, after)) {
    const breaking = classifyRemoved(side, m.required)
    // A response member the domain writes: the old mock keeps writing what the model no longer has.
    const written = side === 'response' && m.owner !== undefined && writes(m.owner, lastName(m.path))
    out.removed.push({
      ...node(before, m),
      breaking: written ? either(breaking, { client: false, mock: true }) : breaking,
    })
  }
  for (const [path, old] of before) {
    const now = after.get(path)
    if (!now) continue
    // A renamed shape (same definition, new name) is no change on the wire; `types` reports the name.
    const renamedType = old.type.replace(/[A-Za-z0-9_]+/g, (name) => renames.get(name) ?? name)
    if (renamedType !== now.type || old.kind !== now.kind) {
      out.changed.push({ path, from: old.type, to: now.type, breaking: TYPE_CHANGED })
      continue
    }
    out.constraints.push(...constraintChanges(side, old, now))
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

function constraintChanges(side: Side, old: MemberInfo, now: MemberInfo): ConstraintChange[] {
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
  if (a.uniqueItems !== b.uniqueItems)
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
      const responses = isJsonObject<JsonObject>(op['responses']) ? Object.keys(op['responses']) : []
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

/** Whether the domain's projections write `member` of output structure `owner` (mocks/domain/written-members.ts). */
function writes(owner: string, member: string): boolean {
  return WRITTEN_OUTPUT_MEMBERS[owner]?.includes(member) ?? false
}

/** `a.b[].c` → `c`. */
function lastName(path: string): string {
  return /([^.[\]{}]+)$/.exec(path)?.[1] ?? path
}

function sourceFormat(doc: OpenApiDocument): string | undefined {
  const source = doc.info['x-source-model']
  return isJsonObject<JsonObject>(source) && typeof source['format'] === 'string'
    ? source['format']
    : undefined
}

/** `a.b[].c` → `a.b[]`, `a{}` → `a`, `a` → ``. */
function parentOf(path: string): string {
  const match = /^(.*?)(?:\.[^.[{]+|\[\]|\{\}|\{key\})$/.exec(path)
  return match?.[1] ?? ''
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b)
}
