/** Generator IR: the plain-data view of the spec that every emitter reads. */

/** A JSON Schema object as the spec writes it (OpenAPI 3.1 = JSON Schema 2020-12 subset). */
export interface JsonSchema {
  $ref?: string
  type?: 'object' | 'array' | 'string' | 'number' | 'integer' | 'boolean'
  properties?: Record<string, JsonSchema>
  required?: string[]
  items?: JsonSchema
  additionalProperties?: JsonSchema | boolean
  propertyNames?: JsonSchema
  allOf?: JsonSchema[]
  oneOf?: JsonSchema[]
  enum?: string[]
  pattern?: string
  format?: string
  minLength?: number
  maxLength?: number
  minItems?: number
  maxItems?: number
  minProperties?: number
  maxProperties?: number
  minimum?: number
  maximum?: number
  uniqueItems?: boolean
  description?: string
  'x-union'?: boolean
  'x-location'?: 'label' | 'query'
  'x-member'?: string
  'x-error'?: { fault: 'client' | 'server'; httpStatus: number }
  [extension: `x-${string}`]: unknown
}

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'

export interface QueryBinding {
  /** Input member the query key binds to. */
  member: string
  /** Named schema of the member. */
  schema: string
  /** How the wire string is read. */
  type: 'string' | 'integer' | 'boolean'
}

export interface ErrorIR {
  name: string
  status: number
  fault: 'client' | 'server'
}

export interface PaginationIR {
  inputToken: string
  outputToken: string
  pageSize: string
  items: string
}

export interface OperationIR {
  name: string
  method: HttpMethod
  path: string
  successStatus: number
  labels: string[]
  /** Wire query key → binding. */
  query: Record<string, QueryBinding>
  inputShape: string
  outputShape: string
  bodyMembers: string[]
  errors: ErrorIR[]
  paginated?: PaginationIR
  readonly: boolean
}

export interface SourceIR {
  format: 'smithy' | 'botocore'
  modelDate: string
  sha256: string
  service: string
}

export interface SpecIR {
  source: SourceIR
  /** Sorted by name. */
  operations: OperationIR[]
  /** `components.schemas`, verbatim. */
  schemas: Record<string, JsonSchema>
}
