/** Importer layer: reads an AWS model file, and for botocore the paginators file that goes with it. */
import { readFile } from 'node:fs/promises'
import path from 'node:path'

/** The AWS model formats the importer recognises. */
export type ModelFormat = 'smithy' | 'botocore'

/** Tells a Smithy JSON AST (`smithy` + `shapes`) from a botocore model (`metadata` + `operations` + `shapes`). */
export function detectModelFormat(json: unknown): ModelFormat {
  if (typeof json === 'object' && json !== null) {
    const keys = new Set(Object.keys(json))
    if (keys.has('smithy') && keys.has('shapes')) return 'smithy'
    if (keys.has('metadata') && keys.has('operations') && keys.has('shapes')) return 'botocore'
  }
  throw new Error('not an AWS model: expected a Smithy JSON AST or a botocore service-2.json')
}

/** Parses a file's JSON text; a syntax error names the file, since the parser's message does not. */
export function parseJsonFile(file: string, text: string): unknown {
  try {
    return JSON.parse(text)
  } catch (error) {
    throw new Error(`${file} is not valid JSON: ${(error as Error).message}`)
  }
}

/** A model file as read: its exact bytes (hashed into the spec), parsed JSON and format. */
export interface ModelFile {
  bytes: Uint8Array
  json: unknown
  format: ModelFormat
  /** botocore only: the paginators file read, if one was given or found beside the model. */
  paginators?: { path: string; json: unknown }
}

/**
 * Where botocore keeps the paginators of `service-2.json`: `paginators-1.json` in the same folder.
 * A renamed copy keeps its prefix and suffix (`botocore-service-2.json` → `botocore-paginators-1.json`).
 */
export function paginatorsPathBeside(modelPath: string): string | undefined {
  const base = path.basename(modelPath)
  if (!base.includes('service-2')) return undefined
  return path.join(path.dirname(modelPath), base.replace('service-2', 'paginators-1'))
}

/**
 * Reads a model. For a botocore model, `paginatorsPath` if given (it must exist), else the file
 * `paginatorsPathBeside` names when it exists; a Smithy model carries its own `@paginated`.
 */
export async function readModelFile(modelPath: string, paginatorsPath?: string): Promise<ModelFile> {
  const bytes = await readFile(modelPath)
  const json = parseJsonFile(modelPath, bytes.toString('utf8'))
  let format: ModelFormat
  try {
    format = detectModelFormat(json)
  } catch (error) {
    throw new Error(`${modelPath}: ${(error as Error).message}`)
  }
  if (format !== 'botocore') {
    if (paginatorsPath !== undefined)
      throw new Error(`--paginators applies to botocore models only (${modelPath})`)
    return { bytes, json, format }
  }
  const candidate = paginatorsPath ?? paginatorsPathBeside(modelPath)
  if (candidate === undefined) return { bytes, json, format }
  const text = await readFile(candidate, 'utf8').catch((error: unknown) => {
    if (paginatorsPath !== undefined) throw error
    return undefined
  })
  if (text === undefined) return { bytes, json, format }
  const paginators = parseJsonFile(candidate, text)
  const pagination =
    typeof paginators === 'object' && paginators !== null
      ? (paginators as { pagination?: unknown }).pagination
      : undefined
  if (typeof pagination !== 'object' || pagination === null)
    throw new Error(`${candidate}: not a botocore paginators-1.json (expected a "pagination" object)`)
  return { bytes, json, format, paginators: { path: candidate, json: paginators } }
}
