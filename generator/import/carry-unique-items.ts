/**
 * Importer layer: R-MODEL-3. botocore cannot say `@uniqueItems`; a botocore import takes the trait from a Smithy
 * model for every list whose structure (`type` and `items` target) is the same there, and records which lists
 * it carried in `info["x-source-model"].uniqueItemsFrom`. A list whose items changed gets nothing, so a changed
 * shape never inherits a constraint it may not have. A length change keeps the structure (decision: the
 * 2026-06-30 `CustomMLMemberAbilities` lost its minimum, not its item type).
 */
import type { JsonObject, OpenApiDocument } from './to-open-api.ts'

/** What was carried over, as recorded in the spec. */
export interface UniqueItemsCarryOver {
  /** sha256 of the Smithy model the trait came from. */
  sha256: string
  /** The list schemas that now say `uniqueItems: true`, sorted. */
  shapes: string[]
}

/** Adds `uniqueItems: true` to `doc`'s lists that `from` marks so and whose structure is unchanged (mutates `doc`). */
export function carryUniqueItems(doc: OpenApiDocument, from: OpenApiDocument): UniqueItemsCarryOver {
  const source = from.info['x-source-model'] as { sha256?: unknown; format?: unknown } | undefined
  if (source?.format !== 'smithy') throw new Error('uniqueItems can only be carried over from a Smithy model')
  const shapes: string[] = []
  for (const [name, schema] of Object.entries(doc.components.schemas)) {
    const twin = from.components.schemas[name]
    if (twin?.['uniqueItems'] !== true || schema['type'] !== 'array' || schema['uniqueItems'] === true)
      continue
    if (twin['type'] !== 'array' || !sameTarget(schema['items'], twin['items'])) continue
    schema['uniqueItems'] = true
    shapes.push(name)
  }
  shapes.sort()
  const record: UniqueItemsCarryOver = { sha256: String(source['sha256']), shapes }
  const info = doc.info['x-source-model'] as JsonObject
  info['uniqueItemsFrom'] = { sha256: record.sha256, shapes: record.shapes }
  return record
}

function sameTarget(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b)
}
