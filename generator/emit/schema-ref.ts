/** Generator helper: follows `$ref`s between the spec's named schemas. */
import type { JsonSchema } from '../ir.ts'

const PREFIX = '#/components/schemas/'

/** The schema name a `$ref` points at (`#/components/schemas/AccountId` → `AccountId`). */
export function refName(ref: string): string {
  if (!ref.startsWith(PREFIX)) throw new Error(`unsupported $ref ${ref}: only ${PREFIX}<name> is generated`)
  return ref.slice(PREFIX.length)
}

/**
 * The schema a property means: a `$ref` followed to its target (recursively), and `allOf: [{$ref}]` with
 * member-level constraints merged over the target's (the member's constraint wins where both set one).
 */
export function resolveSchema(schemas: Record<string, JsonSchema>, schema: JsonSchema): JsonSchema {
  if (schema.$ref !== undefined) {
    const { $ref, ...rest } = schema
    return { ...resolveSchema(schemas, named(schemas, refName($ref))), ...withoutAnnotations(rest) }
  }
  if (schema.allOf !== undefined) {
    const { allOf, ...rest } = schema
    if (allOf.length !== 1 || !allOf[0]) throw new Error('allOf with more than one schema is not generated')
    return { ...resolveSchema(schemas, allOf[0]), ...withoutAnnotations(rest) }
  }
  return schema
}

/** The named schema, or a clear error when the spec references one it does not define. */
export function named(schemas: Record<string, JsonSchema>, name: string): JsonSchema {
  const schema = schemas[name]
  if (!schema) throw new Error(`schema ${name} is referenced but not defined in components.schemas`)
  return schema
}

/** Drops keys that say where a member lives or document it: they never constrain a value. */
function withoutAnnotations(schema: JsonSchema): JsonSchema {
  const { description: _d, 'x-location': _l, 'x-member': _m, ...rest } = schema
  return rest
}
