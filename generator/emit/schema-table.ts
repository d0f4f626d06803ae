/**
 * Emits mocks/generated/schema.ts (and mocks/generated/<date>/schema.ts): the one constraint-bearing table of
 * a profile's shapes that the hand-written runtimes interpret for validation, the protocol's member walk,
 * fixtures and Pact plans (mocks/schema/table.ts). This is the only walker over the spec's schemas; every
 * error it raises names the spec path of the schema it could not put in the table.
 */
import { shapePlansOf } from '../../contracts/builders/shape-plan.ts'
import type { SchemaNode, SchemaTable, Target } from '../../mocks/schema/table.ts'
import type { JsonSchema, SpecIR } from '../ir.ts'
import { refName, schemaPath } from '../schema-ref.ts'
import { GENERATED_HEADER } from './header.ts'
import { toLiteral } from './literal.ts'

/** Keywords the table can hold; anything else (but `x-` extensions and annotations) stops generation. */
const KNOWN_KEYWORDS = new Set([
  '$ref',
  'allOf',
  'type',
  'format',
  'properties',
  'required',
  'additionalProperties',
  'propertyNames',
  'minProperties',
  'maxProperties',
  'items',
  'minItems',
  'maxItems',
  'uniqueItems',
  'minLength',
  'maxLength',
  'pattern',
  'enum',
  'minimum',
  'maximum',
  'description',
  'title',
  'default',
  'deprecated',
  'examples',
])

/** Keys that document a schema or say where a member lives: they never constrain a value. */
const ANNOTATIONS = new Set(['description', 'title', 'default', 'deprecated', 'examples'])

/** Node types that hold other values: the runtimes walk them by name, so the spec must name them. */
const CONTAINERS: ReadonlySet<string> = new Set(['structure', 'union', 'list', 'map'])

/** Where the table's types live, relative to mocks/generated/. */
const TABLE_MODULE = '../schema/table.ts'

/** The table of `ir`'s shapes, as data (sorted by shape name; members in the spec's order). */
export function buildSchemaTable(ir: SpecIR): SchemaTable {
  const builder = new TableBuilder(ir.schemas)
  const shapes: Record<string, SchemaNode> = {}
  for (const name of Object.keys(ir.schemas).sort()) shapes[name] = builder.named(name)
  const inputs: Record<string, string> = {}
  const operations = [...ir.operations].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
  for (const operation of operations) {
    if (!(operation.inputShape in shapes)) {
      throw new Error(`${schemaPath(operation.inputShape)}: input of ${operation.name}, not in the spec`)
    }
    inputs[operation.name] = operation.inputShape
  }
  const table: SchemaTable = { inputs, shapes }
  shapePlansOf(table) // fails here, not when the contracts load, on a shape no Pact matcher fits
  return table
}

/** The text of `mocks/generated/schema.ts`. Same IR, same bytes. */
export function emitSchemaTable(ir: SpecIR): string {
  const table = buildSchemaTable(ir)
  const { modelDate, format, sha256 } = ir.source
  return `${GENERATED_HEADER}
import type { SchemaTable } from '${TABLE_MODULE}'

/**
 * Every shape of the spec with its constraints (source: ${format} model of ${modelDate}, sha256
 * ${sha256.slice(0, 12)}…), and each operation's input shape. Data only: mocks/schema/ validates with it and
 * walks inputs by it, mocks/fixtures/ draws values from it, contracts/builders/ plans Pact matchers from it.
 */
export const schema = ${toLiteral(table)} as const satisfies SchemaTable
`
}

class TableBuilder {
  private readonly schemas: Record<string, JsonSchema>

  constructor(schemas: Record<string, JsonSchema>) {
    this.schemas = schemas
  }

  /** A named shape's node: an alias when it only points at another, else its resolved schema. */
  named(name: string): SchemaNode {
    const path = schemaPath(name)
    const declared = this.schemas[name] as JsonSchema
    this.assertKnown(declared, path)
    const alias = plainRef(declared, path)
    if (alias !== undefined) {
      this.lookup(alias, path)
      return { type: 'alias', target: alias }
    }
    return this.node(this.resolve(declared, path), path, declared['x-error'] !== undefined)
  }

  /** A member's, item's, key's or value's target: the named shape it only points at, or an inline node. */
  private target(schema: JsonSchema, path: string): Target {
    this.assertKnown(schema, path)
    const name = plainRef(schema, path)
    if (name !== undefined) {
      this.lookup(name, path)
      return name
    }
    const node = this.node(this.resolve(schema, path), path, false)
    if (CONTAINERS.has(node.type))
      throw new Error(`${path}: an inline ${node.type} has no name to walk by; name it in components.schemas`)
    return node
  }

  private node(schema: JsonSchema, path: string, error: boolean): SchemaNode {
    this.assertKnown(schema, path)
    if (schema.enum !== undefined) {
      if (schema.type !== undefined && schema.type !== 'string')
        throw new Error(`${path}: an enum of type ${schema.type} is not generated (only string enums)`)
      if (!schema.enum.every((value) => typeof value === 'string'))
        throw new Error(`${path}: enum values must be strings`)
      return { type: 'string', ...this.stringConstraints(schema, path), enum: [...schema.enum] }
    }
    switch (schema.type) {
      case 'object':
        return this.object(schema, path, error)
      case 'array': {
        if (!schema.items) throw new Error(`${path}: a list without items is not generated`)
        return compact({
          type: 'list',
          item: this.target(schema.items, `${path}/items`),
          minItems: schema.minItems,
          maxItems: schema.maxItems,
          uniqueItems: schema.uniqueItems === true ? true : undefined,
        }) as SchemaNode
      }
      case 'string':
        return { type: 'string', ...this.stringConstraints(schema, path) }
      case 'integer':
      case 'number': {
        const type = schema.format === 'epoch-seconds' ? 'timestamp' : schema.type
        return compact({ type, minimum: schema.minimum, maximum: schema.maximum }) as SchemaNode
      }
      case 'boolean':
        return { type: 'boolean' }
      case undefined:
        return { type: 'any' }
    }
    throw new Error(`${path}: type ${String(schema.type)} is not generated`)
  }

  private object(schema: JsonSchema, path: string, error: boolean): SchemaNode {
    const properties = schema.properties ?? {}
    const members = (): Record<string, Target> =>
      Object.fromEntries(
        Object.entries(properties).map(([member, memberSchema]) => [
          member,
          this.target(memberSchema, `${path}/properties/${member}`),
        ]),
      )
    if (schema['x-union']) return { type: 'union', members: members() }
    if (typeof schema.additionalProperties === 'object') {
      if (Object.keys(properties).length > 0)
        throw new Error(`${path}: a map with fixed properties is not generated`)
      return compact({
        type: 'map',
        value: this.target(schema.additionalProperties, `${path}/additionalProperties`),
        key: schema.propertyNames ? this.target(schema.propertyNames, `${path}/propertyNames`) : undefined,
        minProperties: schema.minProperties,
        maxProperties: schema.maxProperties,
      }) as SchemaNode
    }
    for (const member of schema.required ?? []) {
      if (!(member in properties)) throw new Error(`${path}/required: member ${member} has no schema`)
    }
    return compact({
      type: 'structure',
      members: members(),
      required: schema.required && schema.required.length > 0 ? [...schema.required] : undefined,
      error: error ? true : undefined,
    }) as SchemaNode
  }

  private stringConstraints(schema: JsonSchema, path: string) {
    if (schema.pattern !== undefined) {
      try {
        new RegExp(schema.pattern)
      } catch (error) {
        throw new Error(`${path}/pattern: not an ECMA-262 regex: ${(error as Error).message}`)
      }
    }
    return compact({ minLength: schema.minLength, maxLength: schema.maxLength, pattern: schema.pattern })
  }

  /**
   * The schema a member means: a `$ref` followed to its target (recursively), and `allOf: [{$ref}]` with
   * member-level constraints merged over the target's (the member's constraint wins where both set one).
   */
  private resolve(schema: JsonSchema, path: string): JsonSchema {
    if (schema.$ref !== undefined) {
      const { $ref, ...rest } = schema
      const name = refName($ref, path)
      return { ...this.resolve(this.lookup(name, path), schemaPath(name)), ...constraintsOf(rest) }
    }
    if (schema.allOf !== undefined) {
      const { allOf, ...rest } = schema
      const [only] = allOf
      if (allOf.length !== 1 || !only) throw new Error(`${path}/allOf: more than one schema is not generated`)
      return { ...this.resolve(only, `${path}/allOf/0`), ...constraintsOf(rest) }
    }
    return schema
  }

  private lookup(name: string, path: string): JsonSchema {
    const schema = this.schemas[name]
    if (!schema) throw new Error(`${path}: references ${schemaPath(name)}, which the spec does not define`)
    return schema
  }

  private assertKnown(schema: JsonSchema, path: string): void {
    for (const key of Object.keys(schema)) {
      if (!KNOWN_KEYWORDS.has(key) && !key.startsWith('x-'))
        throw new Error(`${path}: keyword ${key} is not supported by the generator`)
    }
  }
}

/** The shape a schema only points at (`$ref`, or `allOf: [{$ref}]`, with annotations at most). */
function plainRef(schema: JsonSchema, path: string): string | undefined {
  const { $ref, allOf, ...rest } = schema
  if (Object.keys(constraintsOf(rest)).length > 0) return undefined
  if ($ref !== undefined && allOf === undefined) return refName($ref, path)
  const [only] = allOf ?? []
  if ($ref === undefined && allOf?.length === 1 && only) return plainRef(only, `${path}/allOf/0`)
  return undefined
}

/** The keys of `schema` that constrain a value (no annotations, no `x-` extensions). */
function constraintsOf(schema: JsonSchema): JsonSchema {
  return Object.fromEntries(
    Object.entries(schema).filter(([key]) => !ANNOTATIONS.has(key) && !key.startsWith('x-')),
  ) as JsonSchema
}

/** The entries of `value` that are defined. */
function compact<T extends Record<string, unknown>>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, entry]) => entry !== undefined)) as Partial<T>
}
