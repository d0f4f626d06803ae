/** Importer layer: reads an AWS model file, picks its front end, and writes the spec file. */
import { createHash } from 'node:crypto'
import { mkdir, writeFile } from 'node:fs/promises'
import path from 'node:path'
import {
  type BotocoreModel,
  type BotocorePaginators,
  botocoreToServiceModel,
} from './botocore-to-service-model.ts'
import { carryUniqueItems } from './carry-unique-items.ts'
import { CLEANROOMS_OPERATIONS } from './cleanrooms-operations.ts'
import { detectModelFormat, type ModelFormat, readModelFile } from './read-model-file.ts'
import { ruleDocumentation } from './rule-docs.ts'
import type { ServiceModel } from './service-model.ts'
import { type SmithyAst, smithyToServiceModel } from './smithy-to-service-model.ts'
import { type OpenApiDocument, type SourceModel, toOpenApi } from './to-open-api.ts'

export { detectModelFormat, type ModelFormat }

/** What a front end reads besides the model: the operations to keep, botocore's paginators. */
interface FrontEndInput {
  operations: readonly string[]
  paginators?: unknown
}

/**
 * One front end per format, each normalising its model into the same `ServiceModel`, so that
 * `toOpenApi` (and the spec conventions) stay in one place. How botocore is normalised to match
 * Smithy: docs/decisions/0004-botocore-import.md.
 */
const FRONT_ENDS: Record<ModelFormat, (json: unknown, input: FrontEndInput) => ServiceModel> = {
  smithy: (json, { operations }) => smithyToServiceModel(json as SmithyAst, operations),
  botocore: (json, { operations, paginators }) =>
    botocoreToServiceModel(json as BotocoreModel, operations, checkPaginators(paginators)),
}

function checkPaginators(json: unknown): BotocorePaginators | undefined {
  if (json === undefined) return undefined
  const pagination =
    typeof json === 'object' && json !== null ? (json as { pagination?: unknown }).pagination : undefined
  if (typeof pagination !== 'object' || pagination === null)
    throw new Error('not a botocore paginators-1.json: expected a "pagination" object')
  return json as BotocorePaginators
}

/** Options of `importModelText`. */
export interface ImportModelOptions {
  /** Release date of the model, `YYYY-MM-DD`. */
  modelDate: string
  operations?: readonly string[]
  /** A botocore model's parsed `paginators-1.json`; without it the spec has no `x-paginated`. */
  paginators?: unknown
}

/** Imports a model file's text; the sha256 recorded in the spec is over these exact bytes. */
export function importModelText(text: string | Uint8Array, options: ImportModelOptions): OpenApiDocument {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(options.modelDate))
    throw new Error(`model date must be YYYY-MM-DD, got ${options.modelDate}`)
  const bytes = typeof text === 'string' ? Buffer.from(text, 'utf8') : text
  const sha256 = createHash('sha256').update(bytes).digest('hex')
  const json: unknown = JSON.parse(Buffer.from(bytes).toString('utf8'))
  return importModelJson(json, { modelDate: options.modelDate, sha256 }, options)
}

/** Imports an already parsed model of either format (used by `diff`, which has no model date). */
export function importModelJson(
  json: unknown,
  source: SourceModel,
  options: { operations?: readonly string[]; paginators?: unknown } = {},
): OpenApiDocument {
  const input: FrontEndInput = { operations: options.operations ?? CLEANROOMS_OPERATIONS }
  if (options.paginators !== undefined) input.paginators = options.paginators
  const format = detectModelFormat(json)
  const doc = toOpenApi(FRONT_ENDS[format](json, input), source)
  doc.info['x-rule-documentation'] = ruleDocumentation(json, format)
  return doc
}

/** The spec file's text: two-space JSON and a final newline, so re-imports are byte for byte equal. */
export function serializeSpec(doc: OpenApiDocument): string {
  return `${JSON.stringify(doc, null, 2)}\n`
}

/** Runs an import step; an error that does not say which model it is about gets the model's path. */
export function namingFile<T>(file: string, step: () => T): T {
  try {
    return step()
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error)
    throw new Error(message.includes(file) ? message : `${file}: ${message}`)
  }
}

/** Options of `writeSpec`: a model date, and for botocore an explicit paginators file. */
export interface WriteSpecOptions extends Omit<ImportModelOptions, 'paginators'> {
  /** botocore `paginators-1.json`; by default the one beside the model is used when present. */
  paginatorsPath?: string
  /** R-MODEL-3: a Smithy model whose `@uniqueItems` a botocore import carries over (carry-unique-items.ts). */
  uniqueItemsFrom?: string
}

/**
 * Reads `modelPath` (and, for botocore, its paginators), imports it and writes the spec to
 * `outPath` (creating its folder). Returns the spec and the paginators file used, if any.
 */
export async function writeSpec(
  modelPath: string,
  outPath: string,
  options: WriteSpecOptions,
): Promise<{ doc: OpenApiDocument; paginatorsPath?: string }> {
  const file = await readModelFile(modelPath, options.paginatorsPath)
  const importOptions: ImportModelOptions = { modelDate: options.modelDate }
  if (options.operations) importOptions.operations = options.operations
  if (file.paginators) importOptions.paginators = file.paginators.json
  const doc = namingFile(modelPath, () => importModelText(file.bytes, importOptions))
  if (options.uniqueItemsFrom !== undefined) {
    const fromPath = options.uniqueItemsFrom
    if (
      doc.info['x-source-model'] &&
      (doc.info['x-source-model'] as { format?: unknown }).format !== 'botocore'
    )
      throw new Error(`${modelPath}: --unique-items-from applies to a botocore model only`)
    const smithy = await readModelFile(fromPath)
    const from = namingFile(fromPath, () => importModelText(smithy.bytes, { modelDate: options.modelDate }))
    namingFile(fromPath, () => carryUniqueItems(doc, from))
  }
  await mkdir(path.dirname(outPath), { recursive: true })
  await writeFile(outPath, serializeSpec(doc))
  return file.paginators ? { doc, paginatorsPath: file.paginators.path } : { doc }
}
