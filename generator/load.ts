/** Generator stage 1: read the spec from disk and check it is one we can generate from. */
import { readFile } from 'node:fs/promises'

import type { JsonSchema } from './ir.ts'

/** The parts of an OpenAPI 3.1 document the generator reads. */
export interface OpenApiDocument {
  openapi: string
  info: { title: string; version: string; [extension: `x-${string}`]: unknown }
  paths: Record<string, Record<string, OpenApiOperation>>
  components: {
    schemas: Record<string, JsonSchema>
    responses?: Record<string, unknown>
  }
}

export interface OpenApiParameter {
  name: string
  in: 'path' | 'query' | 'header'
  required?: boolean
  schema: JsonSchema
  'x-member'?: string
}

export interface OpenApiOperation {
  operationId: string
  parameters?: OpenApiParameter[]
  requestBody?: { required?: boolean; content: Record<string, { schema: JsonSchema }> }
  responses: Record<string, { $ref?: string; content?: Record<string, { schema: JsonSchema }> }>
  'x-errors'?: string[]
  'x-paginated'?: { inputToken: string; outputToken: string; pageSize: string; items: string }
  'x-readonly'?: boolean
  'x-input-shape'?: string
  'x-output-shape'?: string
}

/** Reads `spec/cleanrooms.openapi.json` (or another spec) and checks its version. */
export async function loadSpec(path: string | URL): Promise<OpenApiDocument> {
  const text = await readFile(path, 'utf8')
  let doc: OpenApiDocument
  try {
    doc = JSON.parse(text) as OpenApiDocument
  } catch (error) {
    throw new Error(`${String(path)} is not valid JSON: ${(error as Error).message}`)
  }
  const version: unknown = (doc as Partial<OpenApiDocument> | null)?.openapi
  if (typeof version !== 'string' || !version.startsWith('3.1')) {
    throw new Error(`${String(path)}: expected an OpenAPI 3.1 document, got openapi: ${String(version)}`)
  }
  return doc
}
