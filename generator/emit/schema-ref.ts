/** Generator helper: where a named schema lives in the spec, for `$ref`s and for error messages. */

/** The prefix of every `$ref` the generator follows. */
export const SCHEMAS_PREFIX = '#/components/schemas/'

/** The spec path of a named schema (`AccountId` → `#/components/schemas/AccountId`). */
export function schemaPath(name: string): string {
  return `${SCHEMAS_PREFIX}${name}`
}
