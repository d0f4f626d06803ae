/**
 * Generator helper: where a named schema lives in the spec, for `$ref`s and for error messages. The importer
 * writes these `$ref`s, the transform and the emitters follow them, and the diff reads them: one prefix for all.
 */

/** The prefix of every `$ref` the generator follows. */
export const SCHEMAS_PREFIX = '#/components/schemas/'

/** The spec path of a named schema (`AccountId` → `#/components/schemas/AccountId`). */
export function schemaPath(name: string): string {
  return `${SCHEMAS_PREFIX}${name}`
}

/**
 * The schema name a `$ref` points at (`#/components/schemas/Foo` → `Foo`).
 * @throws Error naming `path` (where in the spec the `$ref` stands) when given, for a `$ref` elsewhere
 */
export function refName(ref: string | undefined, path?: string): string {
  if (ref?.startsWith(SCHEMAS_PREFIX)) return ref.slice(SCHEMAS_PREFIX.length)
  if (path === undefined) throw new Error(`expected a component schema $ref, got ${String(ref)}`)
  throw new Error(`${path}: $ref ${String(ref)} is not generated; only ${SCHEMAS_PREFIX}<name> is`)
}

/** A JSON object of the spec or a model (not null, not an array). */
export function isJsonObject<T extends object = Record<string, unknown>>(value: unknown): value is T {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
