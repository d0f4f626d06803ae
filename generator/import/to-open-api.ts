/** Importer layer: turns a `ServiceModel` into the OpenAPI 3.1 spec described in docs/decisions/0001. */
import { SCHEMAS_PREFIX } from '../schema-ref.ts'
import type {
  Constraints,
  MemberModel,
  OperationModel,
  Pagination,
  ServiceModel,
  ShapeModel,
  StructureShape,
  TargetRef,
} from './service-model.ts'

/** Any JSON value. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue }
/** A JSON Schema (2020-12, as OpenAPI 3.1 uses it) or any other JSON object of the spec. */
export type JsonObject = { [key: string]: JsonValue }

/** Where the spec came from; recorded in `info["x-source-model"]`. */
export interface SourceModel {
  /** Release date of the AWS model, `YYYY-MM-DD` (the Smithy AST does not carry one). */
  modelDate: string
  /** sha256 (hex) of the model file's bytes. */
  sha256: string
}

/** The spec document. Loosely typed: downstream code reads it through the generator's IR. */
export interface OpenApiDocument {
  openapi: '3.1.0'
  info: JsonObject
  paths: Record<string, Record<string, JsonObject>>
  components: { schemas: Record<string, JsonObject>; responses: Record<string, JsonObject> }
}

const RESPONSES = '#/components/responses/'
/** The order OpenAPI lists methods in a path item; keeps `paths` stable. */
const METHOD_ORDER = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace']

/** Builds the spec. Pure and deterministic: the same model gives the same document, key for key. */
export function toOpenApi(model: ServiceModel, source: SourceModel): OpenApiDocument {
  const builder = new SchemaBuilder(model.shapes)
  const schemas: Record<string, JsonObject> = {}
  for (const shape of Object.values(model.shapes)) {
    if (shape.prelude) continue
    schemas[shape.name] = builder.shapeSchema(shape)
  }
  // Operation inputs/outputs are the full structures, labels and query members marked.
  for (const op of model.operations) {
    for (const [which, name] of [
      ['Request', op.input],
      ['Response', op.output],
    ] as const) {
      if (name === undefined) continue
      const shape = structureOf(model.shapes, name)
      schemas[name] = builder.operationStructure(shape)
      const contentName = `${op.name}${which}Content`
      if (contentName in model.shapes) throw new Error(`shape ${contentName} collides with a generated name`)
      const body = shape.members.filter((m) => m.location === 'body')
      if (which === 'Response' || body.length > 0) schemas[contentName] = builder.objectSchema(body)
    }
  }

  const paths: Record<string, Record<string, JsonObject>> = {}
  for (const op of model.operations) {
    const item = paths[op.http.uri] ?? {}
    const method = op.http.method.toLowerCase()
    if (method in item) throw new Error(`${op.http.method} ${op.http.uri} is bound twice`)
    item[method] = operationObject(op, model, builder)
    paths[op.http.uri] = item
  }

  const errorNames = [...new Set(model.operations.flatMap((op) => op.errors))].sort()
  const responses: Record<string, JsonObject> = {}
  for (const name of errorNames) responses[name] = errorResponse([name])

  return {
    openapi: '3.1.0',
    info: {
      title: model.service,
      version: model.version,
      description:
        'Operations imported from the AWS model named in x-source-model by `cleanrooms-mock import-model`. ' +
        'Generated: edit the importer or refresh the model, not this file.',
      'x-source-model': {
        format: model.format,
        modelDate: source.modelDate,
        sha256: source.sha256,
        service: model.service,
      },
      'x-operations': model.operations.map((op) => op.name).sort(),
    },
    paths: sortKeys(paths, (item) => sortKeys(item, undefined, METHOD_ORDER)),
    components: { schemas: sortKeys(schemas), responses },
  }
}

function operationObject(op: OperationModel, model: ServiceModel, builder: SchemaBuilder): JsonObject {
  const input = op.input === undefined ? undefined : structureOf(model.shapes, op.input)
  const parameters: JsonObject[] = []
  for (const member of input?.members ?? []) {
    if (member.location === 'body') continue
    parameters.push({
      name: member.wireName,
      in: member.location === 'label' ? 'path' : 'query',
      required: member.location === 'label' || member.required,
      schema: builder.refSchema(member),
      ...(member.wireName !== member.name ? { 'x-member': member.name } : {}),
    })
  }

  const body = input?.members.filter((m) => m.location === 'body') ?? []
  const requestBody: JsonObject = {
    ...(body.some((m) => m.required) ? { required: true } : {}),
    content: { 'application/json': { schema: { $ref: `${SCHEMAS_PREFIX}${op.name}RequestContent` } } },
  }

  const responses: JsonObject = {
    [String(op.http.code)]: {
      description: `${op.name} succeeded`,
      ...(op.output === undefined
        ? {}
        : {
            content: {
              'application/json': { schema: { $ref: `${SCHEMAS_PREFIX}${op.name}ResponseContent` } },
            },
          }),
    },
  }
  const byStatus = new Map<number, string[]>()
  for (const name of op.errors) {
    const shape = structureOf(model.shapes, name)
    if (!shape.error) throw new Error(`${op.name} declares ${name}, which is not an @error structure`)
    byStatus.set(shape.error.httpStatus, [...(byStatus.get(shape.error.httpStatus) ?? []), name])
  }
  for (const [status, names] of [...byStatus].sort(([a], [b]) => a - b)) {
    const [only] = names
    responses[String(status)] =
      names.length === 1 && only !== undefined ? { $ref: `${RESPONSES}${only}` } : errorResponse(names)
  }

  return {
    operationId: op.name,
    ...(op.input === undefined ? {} : { 'x-input-shape': op.input }),
    ...(op.output === undefined ? {} : { 'x-output-shape': op.output }),
    ...(parameters.length > 0 ? { parameters } : {}),
    ...(body.length > 0 ? { requestBody } : {}),
    responses,
    'x-errors': [...op.errors],
    ...(op.paginated ? { 'x-paginated': paginationObject(op.paginated) } : {}),
    ...(op.readonly ? { 'x-readonly': true } : {}),
  }
}

/** `x-paginated`, keys in a fixed order and only those the model sets. */
function paginationObject(paginated: Pagination): JsonObject {
  const out: JsonObject = {}
  for (const key of ['inputToken', 'outputToken', 'pageSize', 'items'] as const) {
    const value = paginated[key]
    if (value !== undefined) out[key] = value
  }
  return out
}

/** An error response: the error's name in `x-amzn-errortype` and its structure as the body. */
function errorResponse(names: string[]): JsonObject {
  const refs = names.map((n) => ({ $ref: `${SCHEMAS_PREFIX}${n}` }))
  const [single] = refs
  return {
    description: names.join(' | '),
    headers: {
      'x-amzn-errortype': { required: true, schema: { type: 'string', enum: names } },
    },
    content: { 'application/json': { schema: refs.length === 1 && single ? single : { oneOf: refs } } },
  }
}

class SchemaBuilder {
  readonly #shapes: Record<string, ShapeModel>

  constructor(shapes: Record<string, ShapeModel>) {
    this.#shapes = shapes
  }

  /** The schema of a named shape, as it appears in `components.schemas`. */
  shapeSchema(shape: ShapeModel): JsonObject {
    switch (shape.type) {
      case 'structure': {
        const out = this.objectSchema(shape.members)
        return shape.error
          ? { ...out, 'x-error': { fault: shape.error.fault, httpStatus: shape.error.httpStatus } }
          : out
      }
      case 'union':
        return {
          ...this.objectSchema(shape.members),
          minProperties: 1,
          maxProperties: 1,
          'x-union': true,
        }
      case 'list':
        return {
          type: 'array',
          items: this.refSchema(shape.member),
          ...constraintKeywords('list', shape.constraints),
        }
      case 'map':
        return {
          type: 'object',
          additionalProperties: this.refSchema(shape.value),
          propertyNames: this.refSchema(shape.key),
          ...constraintKeywords('map', shape.constraints),
        }
      case 'enum':
        return {
          type: shape.valueType,
          enum: shape.values,
          ...constraintKeywords('string', shape.constraints),
        }
      case 'timestamp':
        return { type: 'number', format: 'epoch-seconds' }
      case 'string':
        return { type: 'string', ...constraintKeywords('string', shape.constraints) }
      case 'blob':
        return {
          type: 'string',
          contentEncoding: 'base64',
          ...constraintKeywords('string', shape.constraints),
        }
      case 'boolean':
        return { type: 'boolean' }
      case 'byte':
      case 'short':
      case 'integer':
      case 'long':
      case 'bigInteger':
        return { type: 'integer', ...constraintKeywords('number', shape.constraints) }
      case 'float':
      case 'double':
      case 'bigDecimal':
        return { type: 'number', ...constraintKeywords('number', shape.constraints) }
      case 'document':
        return {}
    }
  }

  /** `type: object` over members keyed by wire name (`x-member` when the member name differs). */
  objectSchema(members: MemberModel[]): JsonObject {
    const properties: JsonObject = {}
    for (const member of members) {
      const schema = this.refSchema(member)
      properties[member.wireName] =
        member.wireName === member.name ? schema : { ...schema, 'x-member': member.name }
    }
    const required = members.filter((m) => m.required).map((m) => m.wireName)
    return { type: 'object', properties, ...(required.length > 0 ? { required } : {}) }
  }

  /** An operation's input/output: every member keyed by member name, non-body ones marked. */
  operationStructure(shape: StructureShape): JsonObject {
    const properties: JsonObject = {}
    for (const member of shape.members) {
      const schema = this.refSchema(member)
      properties[member.name] =
        member.location === 'body' ? schema : { ...schema, 'x-location': member.location }
    }
    const required = shape.members.filter((m) => m.required).map((m) => m.name)
    return { type: 'object', properties, ...(required.length > 0 ? { required } : {}) }
  }

  /**
   * The schema for a use of a shape: `$ref` to a named shape, the prelude shape inlined, and the
   * member's own constraints added (`allOf: [{$ref}]` beside them, so the named shape stays whole).
   */
  refSchema(ref: TargetRef): JsonObject {
    const shape = this.#shapes[ref.target]
    if (!shape) throw new Error(`shape ${ref.target} is not in the model`)
    const extra = constraintKeywords(kindOf(shape), ref.constraints)
    if (shape.prelude) return { ...this.shapeSchema(shape), ...extra }
    const pointer = { $ref: `${SCHEMAS_PREFIX}${shape.name}` }
    return Object.keys(extra).length === 0 ? pointer : { allOf: [pointer], ...extra }
  }
}

type ConstraintKind = 'string' | 'number' | 'list' | 'map'

function kindOf(shape: ShapeModel): ConstraintKind {
  switch (shape.type) {
    case 'list':
      return 'list'
    case 'map':
    case 'structure':
    case 'union':
      return 'map'
    case 'string':
    case 'enum':
    case 'blob':
      return 'string'
    default:
      return 'number'
  }
}

/** The JSON Schema keywords that carry Smithy's `@length` on a shape of this kind (a string's by default). */
export function lengthKeywords(kind: string): readonly [min: string, max: string] {
  if (kind === 'list') return ['minItems', 'maxItems']
  if (kind === 'map') return ['minProperties', 'maxProperties']
  return ['minLength', 'maxLength']
}

/** JSON Schema keywords for Smithy's `@length`, `@pattern`, `@range` and `@uniqueItems`. */
function constraintKeywords(kind: ConstraintKind, c: Constraints): JsonObject {
  const out: JsonObject = {}
  const [minKey, maxKey] = lengthKeywords(kind)
  if (c.length?.min !== undefined) out[minKey] = c.length.min
  if (c.length?.max !== undefined) out[maxKey] = c.length.max
  return {
    ...out,
    ...(c.pattern === undefined ? {} : { pattern: c.pattern }),
    ...(c.range?.min === undefined ? {} : { minimum: c.range.min }),
    ...(c.range?.max === undefined ? {} : { maximum: c.range.max }),
    ...(c.uniqueItems ? { uniqueItems: true } : {}),
  }
}

function structureOf(shapes: Record<string, ShapeModel>, name: string): StructureShape {
  const shape = shapes[name]
  if (shape?.type !== 'structure') throw new Error(`${name} is not a structure`)
  return shape
}

/** A copy with keys sorted (by `order` first, then alphabetically), values mapped. */
function sortKeys<V, W = V>(
  record: Record<string, V>,
  map?: (value: V) => W,
  order: string[] = [],
): Record<string, W> {
  const rank = (k: string): number => {
    const i = order.indexOf(k)
    return i === -1 ? order.length : i
  }
  const keys = Object.keys(record).sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0))
  const out: Record<string, W> = {}
  for (const key of keys) {
    const value = record[key] as V
    out[key] = map ? map(value) : (value as unknown as W)
  }
  return out
}
