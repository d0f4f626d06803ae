/** Emits mocks/generated/shapes.ts: which members and items each named container shape holds, as data. */
import type { JsonSchema, SpecIR } from '../ir.ts'
import { GENERATED_HEADER } from './header.ts'
import { toLiteral } from './literal.ts'
import { refName } from './schema-ref.ts'

/** One container shape: where its nested values lead (a container shape's name, or null for a scalar). */
export type ShapeEntry =
  | { kind: 'structure' | 'union'; members: Record<string, string | null> }
  | { kind: 'list'; member: string | null }
  | { kind: 'map'; value: string | null }

/** The container shapes of the spec (structures, unions, lists, maps), by name; scalars are left out. */
function collectShapes(ir: SpecIR): Record<string, ShapeEntry> {
  const entries: Record<string, ShapeEntry> = {}
  for (const name of Object.keys(ir.schemas).sort()) {
    const schema = ir.schemas[name]
    if (!schema || schema['x-error']) continue
    const entry = toEntry(ir.schemas, schema)
    if (entry) entries[name] = entry
  }
  return entries
}

/** The text of `mocks/generated/shapes.ts`. */
export function emitShapes(ir: SpecIR): string {
  return `${GENERATED_HEADER}
/**
 * The container shapes of the spec: for each structure and union its members, for each list its items, for
 * each map its values, pointing at another container shape or at null (a scalar). Data only: the protocol
 * layer walks a validated input with it to keep exactly the modeled members (unknown ones are ignored).
 */
export const shapes: Readonly<Record<string, ShapeEntry>> = ${toLiteral(collectShapes(ir))}

/** One container shape; a target is a container shape's name, or null for a scalar. */
export type ShapeEntry =
  | { readonly kind: 'structure' | 'union'; readonly members: Readonly<Record<string, string | null>> }
  | { readonly kind: 'list'; readonly member: string | null }
  | { readonly kind: 'map'; readonly value: string | null }
`
}

function toEntry(schemas: Record<string, JsonSchema>, schema: JsonSchema): ShapeEntry | undefined {
  if (schema.type === 'array') return { kind: 'list', member: containerTarget(schemas, schema.items) }
  if (schema.type !== 'object') return undefined
  if (schema.properties === undefined) {
    const value = typeof schema.additionalProperties === 'object' ? schema.additionalProperties : undefined
    return { kind: 'map', value: containerTarget(schemas, value) }
  }
  const members: Record<string, string | null> = {}
  for (const [member, property] of Object.entries(schema.properties)) {
    members[member] = containerTarget(schemas, property)
  }
  return { kind: schema['x-union'] ? 'union' : 'structure', members }
}

/** The named container a property leads to (through `$ref` or `allOf: [{$ref}]`), or null for a scalar. */
function containerTarget(schemas: Record<string, JsonSchema>, schema: JsonSchema | undefined): string | null {
  const ref = schema?.$ref ?? schema?.allOf?.[0]?.$ref
  if (ref === undefined) {
    if (schema?.type === 'object' || schema?.type === 'array') {
      throw new Error('an inline object or array schema has no name to walk by; the importer names them all')
    }
    return null
  }
  const name = refName(ref)
  const target = schemas[name]
  if (!target) throw new Error(`schema ${name} is referenced but not defined in components.schemas`)
  return target.type === 'object' || target.type === 'array' ? name : null
}
