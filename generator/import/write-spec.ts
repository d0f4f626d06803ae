/** Importer layer: reads an AWS model file, picks its front end, and writes the spec file. */
import { createHash } from 'node:crypto'
import { mkdir, readFile, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { CLEANROOMS_OPERATIONS } from './cleanrooms-operations.ts'
import type { ServiceModel } from './service-model.ts'
import { type SmithyAst, smithyToServiceModel } from './smithy-to-service-model.ts'
import { type OpenApiDocument, toOpenApi } from './to-open-api.ts'

/** The AWS model formats the importer recognises. */
export type ModelFormat = 'smithy' | 'botocore'

/**
 * One front end per format, each normalising its model into the same `ServiceModel`, so that
 * `toOpenApi` (and the spec conventions) stay in one place.
 */
const FRONT_ENDS: Record<ModelFormat, (json: unknown, operations: readonly string[]) => ServiceModel> = {
  smithy: (json, operations) => smithyToServiceModel(json as SmithyAst, operations),
  botocore: () => {
    throw new Error(
      'botocore service-2.json models are not supported yet: add a front end that produces a ServiceModel ' +
        '(generator/import/service-model.ts) and register it in FRONT_ENDS (generator/import/write-spec.ts)',
    )
  },
}

/** Tells a Smithy JSON AST (`smithy` + `shapes`) from a botocore model (`metadata` + `operations` + `shapes`). */
export function detectModelFormat(json: unknown): ModelFormat {
  if (typeof json === 'object' && json !== null) {
    const keys = new Set(Object.keys(json))
    if (keys.has('smithy') && keys.has('shapes')) return 'smithy'
    if (keys.has('metadata') && keys.has('operations') && keys.has('shapes')) return 'botocore'
  }
  throw new Error('not an AWS model: expected a Smithy JSON AST or a botocore service-2.json')
}

/** Options of `importModelText`. */
export interface ImportModelOptions {
  /** Release date of the model, `YYYY-MM-DD`. */
  modelDate: string
  operations?: readonly string[]
}

/** Imports a model file's text; the sha256 recorded in the spec is over these exact bytes. */
export function importModelText(text: string | Uint8Array, options: ImportModelOptions): OpenApiDocument {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(options.modelDate))
    throw new Error(`model date must be YYYY-MM-DD, got ${options.modelDate}`)
  const bytes = typeof text === 'string' ? Buffer.from(text, 'utf8') : text
  const sha256 = createHash('sha256').update(bytes).digest('hex')
  const json: unknown = JSON.parse(Buffer.from(bytes).toString('utf8'))
  const model = FRONT_ENDS[detectModelFormat(json)](json, options.operations ?? CLEANROOMS_OPERATIONS)
  return toOpenApi(model, { modelDate: options.modelDate, sha256 })
}

/** The spec file's text: two-space JSON and a final newline, so re-imports are byte for byte equal. */
export function serializeSpec(doc: OpenApiDocument): string {
  return `${JSON.stringify(doc, null, 2)}\n`
}

/** Reads `modelPath`, imports it and writes the spec to `outPath` (creating its folder). */
export async function writeSpec(
  modelPath: string,
  outPath: string,
  options: ImportModelOptions,
): Promise<OpenApiDocument> {
  const doc = importModelText(await readFile(modelPath), options)
  await mkdir(path.dirname(outPath), { recursive: true })
  await writeFile(outPath, serializeSpec(doc))
  return doc
}
