/** Diff layer: reads one side of a diff, an AWS model of either format or one of our specs, as a spec. */
import { createHash } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import { basename } from 'node:path'
import { parseJsonFile, readModelFile } from '../import/read-model-file.ts'
import type { OpenApiDocument } from '../import/to-open-api.ts'
import { importModelJson, namingFile } from '../import/write-spec.ts'

/** One side of a diff, as a spec, and what it was read from. */
export interface Comparable {
  doc: OpenApiDocument
  file: string
  /** `spec` for one of our OpenAPI files; else the model format imported. */
  format: 'spec' | 'smithy' | 'botocore'
  /** botocore: the paginators file used; `null` when none was found beside the model. */
  paginators?: string | null
}

/**
 * A spec is used as it is. A model is imported in memory exactly as `import-model` would (the six
 * operations; for botocore the `paginators-1.json` beside it), so both sides are compared in the
 * spec's terms. A model carries no date: its file name stands in for one, so the report can name the side.
 */
export async function loadComparable(file: string): Promise<Comparable> {
  const json = parseJsonFile(file, await readFile(file, 'utf8'))
  if (typeof json === 'object' && json !== null && 'openapi' in json) {
    const doc = json as OpenApiDocument
    if (typeof doc.openapi !== 'string' || !doc.openapi.startsWith('3.1'))
      throw new Error(`${file}: expected an OpenAPI 3.1 spec written by import-model`)
    return { doc, file, format: 'spec' }
  }
  const model = await readModelFile(file)
  const sha256 = createHash('sha256').update(model.bytes).digest('hex')
  const doc = namingFile(file, () =>
    importModelJson(
      model.json,
      { modelDate: `undated ${basename(file)}`, sha256 },
      model.paginators ? { paginators: model.paginators.json } : {},
    ),
  )
  if (model.format === 'smithy') return { doc, file, format: 'smithy' }
  return { doc, file, format: 'botocore', paginators: model.paginators?.path ?? null }
}
