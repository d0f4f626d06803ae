/** Generator stage 2: turn the OpenAPI document into the plain-data IR the emitters share. */

import type { ErrorIR, HttpMethod, JsonSchema, OperationIR, QueryBinding, SourceIR, SpecIR } from '../ir.ts'
import type { OpenApiDocument, OpenApiOperation } from '../load.ts'
import { refName } from '../schema-ref.ts'

const HTTP_METHODS = new Set(['get', 'post', 'put', 'patch', 'delete'])

/** Builds the IR from a spec written by `import-model` (conventions: docs/decisions/0001). */
export function transformSpec(doc: OpenApiDocument): SpecIR {
  const schemas = doc.components.schemas
  const operations: OperationIR[] = []
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const [method, operation] of Object.entries(item)) {
      if (!HTTP_METHODS.has(method)) continue
      operations.push(transformOperationObject(path, method.toUpperCase() as HttpMethod, operation, schemas))
    }
  }
  operations.sort((a, b) => a.name.localeCompare(b.name))
  return { source: readSource(doc), operations, schemas }
}

/**
 * Transform one OpenAPI Operation Object into an OperationIR.
 * @see https://spec.openapis.org/oas/v3.1.0#operation-object
 */
export function transformOperationObject(
  path: string,
  method: HttpMethod,
  operation: OpenApiOperation,
  schemas: Record<string, JsonSchema>,
): OperationIR {
  const name = operation.operationId
  const inputShape = operation['x-input-shape'] ?? `${name}Input`
  const outputShape = operation['x-output-shape'] ?? `${name}Output`
  const labels: string[] = []
  const query: Record<string, QueryBinding> = {}
  for (const parameter of operation.parameters ?? []) {
    const member = parameter['x-member'] ?? parameter.name
    if (parameter.in === 'path') labels.push(member)
    if (parameter.in === 'query') {
      const schema = refName(parameter.schema.$ref)
      query[parameter.name] = { member, schema, type: scalarType(schemas, schema) }
    }
  }

  const successCode = Object.keys(operation.responses).find((code) => code.startsWith('2'))
  if (!successCode) throw new Error(`${name}: no 2XX response in the spec`)

  const bodyRef = operation.requestBody?.content['application/json']?.schema.$ref
  const bodyProperties = bodyRef ? (schemas[refName(bodyRef)]?.properties ?? {}) : {}
  for (const [wire, schema] of Object.entries(bodyProperties)) {
    // bodyMembers are member names, read from the body under the same key (docs/decisions/0002); a
    // @jsonName would make the mock and the Pact builders miss the member, so refuse rather than drop it.
    const member = schema['x-member']
    if (typeof member === 'string' && member !== wire)
      throw new Error(
        `${name}: body member ${member} goes on the wire as ${wire} (@jsonName), which is not generated`,
      )
  }
  const bodyMembers = Object.keys(bodyProperties)

  const errors: ErrorIR[] = (operation['x-errors'] ?? []).map((errorName) => {
    const marker = schemas[errorName]?.['x-error']
    if (!marker) throw new Error(`${name}: declared error ${errorName} has no x-error schema`)
    return { name: errorName, status: marker.httpStatus, fault: marker.fault }
  })

  const ir: OperationIR = {
    name,
    method,
    path,
    successStatus: Number(successCode),
    labels,
    query,
    inputShape,
    outputShape,
    bodyMembers,
    errors,
    readonly: operation['x-readonly'] === true,
  }
  const paginated = operation['x-paginated']
  if (paginated) ir.paginated = { ...paginated }
  return ir
}

function scalarType(schemas: Record<string, JsonSchema>, name: string): QueryBinding['type'] {
  const type = schemas[name]?.type
  if (type === 'integer' || type === 'boolean') return type
  if (type === 'string') return 'string'
  throw new Error(`query parameter schema ${name} is not a scalar (type ${String(type)})`)
}

function readSource(doc: OpenApiDocument): SourceIR {
  const source = doc.info['x-source-model'] as Partial<SourceIR> | undefined
  return {
    format: source?.format ?? 'smithy',
    modelDate: source?.modelDate ?? 'unknown',
    sha256: source?.sha256 ?? 'unknown',
    service: source?.service ?? doc.info.title,
  }
}
