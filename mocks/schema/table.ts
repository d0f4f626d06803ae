/**
 * The schema table: the one generated, constraint-bearing description of a model profile's shapes
 * (mocks/generated/schema.ts, mocks/generated/<date>/schema.ts). Data only; hand-written runtimes interpret it
 * for request validation (./validate.ts), the member walk of the protocol layer (./shapes.ts), fixtures
 * (mocks/fixtures/) and Pact matcher plans (contracts/builders/shape-plan.ts). May import nothing.
 */

/** Where a member, item, key or value leads: a named shape of the table, or an inline node. */
export type Target = string | SchemaNode

/** A structure's or union's members, in the order the model lists them (issues are reported in it). */
export type Members = Readonly<Record<string, Target>>

export interface StructureNode {
  readonly type: 'structure'
  readonly members: Members
  /** Members that must be set (JSON null counts as not set). */
  readonly required?: readonly string[]
  /** The shape is a modeled error's body (`x-error`): not a request or response member. */
  readonly error?: true
}

/** A tagged union: exactly one member set. */
export interface UnionNode {
  readonly type: 'union'
  readonly members: Members
}

export interface ListNode {
  readonly type: 'list'
  readonly item: Target
  readonly minItems?: number
  readonly maxItems?: number
  readonly uniqueItems?: true
}

export interface MapNode {
  readonly type: 'map'
  readonly value: Target
  /** Constraints on the keys, when the model has any. */
  readonly key?: Target
  readonly minProperties?: number
  readonly maxProperties?: number
}

/** A string, or an enum when `enum` is set. Lengths count Unicode code points (Smithy `@length`). */
export interface StringNode {
  readonly type: 'string'
  readonly minLength?: number
  readonly maxLength?: number
  /** An ECMA-262 pattern, run without the `u` flag (Smithy patterns describe UTF-16 code units). */
  readonly pattern?: string
  readonly enum?: readonly string[]
}

export interface NumberNode {
  readonly type: 'integer' | 'number'
  readonly minimum?: number
  readonly maximum?: number
}

/** A restJson1 timestamp: epoch seconds as a JSON number, fractions allowed. */
export interface TimestampNode {
  readonly type: 'timestamp'
  readonly minimum?: number
  readonly maximum?: number
}

export interface BooleanNode {
  readonly type: 'boolean'
}

/** A schema with no type: any value passes. */
export interface AnyNode {
  readonly type: 'any'
}

/** A named shape that is another named shape under a second name. */
export interface AliasNode {
  readonly type: 'alias'
  readonly target: string
}

export type SchemaNode =
  | StructureNode
  | UnionNode
  | ListNode
  | MapNode
  | StringNode
  | NumberNode
  | TimestampNode
  | BooleanNode
  | AnyNode
  | AliasNode

/** One model profile's table. */
export interface SchemaTable {
  /** Each operation's input shape, by operation name. */
  readonly inputs: Readonly<Record<string, string>>
  /** Every named shape of the spec, sorted by name. */
  readonly shapes: Readonly<Record<string, SchemaNode>>
}

/** The node a target means, following aliases; throws on a name the table does not hold. */
export function resolveTarget(table: SchemaTable, target: Target): SchemaNode {
  let node = typeof target === 'string' ? table.shapes[target] : target
  for (let hops = 0; node?.type === 'alias'; hops++) {
    if (hops > 32) throw new Error(`schema table: alias cycle at ${String(target)}`)
    node = table.shapes[node.target]
  }
  if (node === undefined) throw new Error(`schema table: no shape ${String(target)}`)
  return node
}
