/** Importer layer: Smithy JSON AST front end, normalising the model into a `ServiceModel`. */
import { isJsonObject } from '../schema-ref.ts'
import type {
  Constraints,
  MemberLocation,
  MemberModel,
  OperationModel,
  Pagination,
  ScalarType,
  ServiceModel,
  ShapeModel,
  TargetRef,
} from './service-model.ts'

/** A Smithy trait map: trait shape id → value. */
export type SmithyTraits = Record<string, unknown>

/** A member (or list member / map key / value) in the JSON AST. */
export interface SmithyMember {
  target: string
  traits?: SmithyTraits
}

/** One shape of the JSON AST; only the fields the importer reads. */
export interface SmithyShape {
  type: string
  version?: string
  members?: Record<string, SmithyMember>
  member?: SmithyMember
  key?: SmithyMember
  value?: SmithyMember
  input?: { target: string }
  output?: { target: string }
  errors?: Array<{ target: string }>
  operations?: Array<{ target: string }>
  resources?: Array<{ target: string }>
  collectionOperations?: Array<{ target: string }>
  create?: { target: string }
  put?: { target: string }
  read?: { target: string }
  update?: { target: string }
  delete?: { target: string }
  list?: { target: string }
  traits?: SmithyTraits
}

/** A Smithy JSON AST document (`smithy build` output, or aws/api-models-aws). */
export interface SmithyAst {
  smithy: string
  metadata?: Record<string, unknown>
  shapes: Record<string, SmithyShape>
}

const T = {
  http: 'smithy.api#http',
  httpLabel: 'smithy.api#httpLabel',
  httpQuery: 'smithy.api#httpQuery',
  jsonName: 'smithy.api#jsonName',
  required: 'smithy.api#required',
  length: 'smithy.api#length',
  pattern: 'smithy.api#pattern',
  range: 'smithy.api#range',
  uniqueItems: 'smithy.api#uniqueItems',
  enum: 'smithy.api#enum',
  enumValue: 'smithy.api#enumValue',
  error: 'smithy.api#error',
  httpError: 'smithy.api#httpError',
  paginated: 'smithy.api#paginated',
  readonly: 'smithy.api#readonly',
  timestampFormat: 'smithy.api#timestampFormat',
  awsService: 'aws.api#service',
} as const

/**
 * Traits that change the wire in ways the spec conventions (docs/decisions/0001) do not cover yet.
 * Meeting one is an error, so a future model change cannot silently produce a wrong spec.
 */
const UNSUPPORTED_TRAITS = [
  'smithy.api#httpHeader',
  'smithy.api#httpPrefixHeaders',
  'smithy.api#httpPayload',
  'smithy.api#httpQueryParams',
  'smithy.api#httpResponseCode',
  'smithy.api#streaming',
  'smithy.api#sparse',
]

const UNIT = 'smithy.api#Unit'

/** Prelude scalars, by the local name after `smithy.api#`. */
const PRELUDE_SCALARS: Record<string, ScalarType> = {
  String: 'string',
  Blob: 'blob',
  Boolean: 'boolean',
  PrimitiveBoolean: 'boolean',
  Byte: 'byte',
  PrimitiveByte: 'byte',
  Short: 'short',
  PrimitiveShort: 'short',
  Integer: 'integer',
  PrimitiveInteger: 'integer',
  Long: 'long',
  PrimitiveLong: 'long',
  Float: 'float',
  PrimitiveFloat: 'float',
  Double: 'double',
  PrimitiveDouble: 'double',
  BigInteger: 'bigInteger',
  BigDecimal: 'bigDecimal',
  Timestamp: 'timestamp',
  Document: 'document',
}

const SCALAR_TYPES = new Set<string>(Object.values(PRELUDE_SCALARS))

/**
 * Normalises a Smithy JSON AST into a `ServiceModel` holding only `operations` (by name) and the
 * shapes they reach through inputs, outputs and declared errors. Documentation is not read.
 */
export function smithyToServiceModel(ast: SmithyAst, operations: readonly string[]): ServiceModel {
  const shapes = ast.shapes
  const [serviceId, service] = findService(shapes)
  const operationIds = collectOperations(shapes, serviceId)
  const servicePaging = readPagination(service.traits?.[T.paginated])

  const ops: OperationModel[] = []
  const reachable = new Map<string, ShapeModel>()
  const localNames = new Map<string, string>()

  const visit = (id: string): void => {
    if (id === UNIT || reachable.has(localNameOf(id, id))) {
      if (id !== UNIT) assertSameId(localNames, id)
      return
    }
    const shape = toShapeModel(shapes, id)
    assertSameId(localNames, id)
    reachable.set(shape.name, shape)
    for (const ref of referencedTargets(shapes, id)) visit(ref)
  }

  for (const name of [...operations].sort()) {
    const id = operationIds.get(name)
    if (id === undefined) throw new Error(`operation ${name} is not bound to service ${serviceId}`)
    const op = mustShape(shapes, id)
    const http = op.traits?.[T.http]
    const { method, uri, code } = isJsonObject(http) ? http : {}
    if (typeof method !== 'string' || typeof uri !== 'string')
      throw new Error(`operation ${name} has no @http trait`)
    const model: OperationModel = {
      name,
      http: { method, uri, code: typeof code === 'number' ? code : 200 },
      errors: (op.errors ?? []).map((e) => localNameOf(e.target, e.target)).sort(),
      readonly: op.traits?.[T.readonly] !== undefined,
    }
    if (op.input && op.input.target !== UNIT) model.input = localNameOf(op.input.target, op.input.target)
    if (op.output && op.output.target !== UNIT) model.output = localNameOf(op.output.target, op.output.target)
    const opPaging = op.traits?.[T.paginated]
    if (opPaging !== undefined) model.paginated = { ...servicePaging, ...readPagination(opPaging) }
    ops.push(model)
    for (const ref of [op.input, op.output, ...(op.errors ?? [])]) if (ref) visit(ref.target)
  }

  const awsService = service.traits?.[T.awsService]
  const { sdkId } = isJsonObject(awsService) ? awsService : {}
  return {
    format: 'smithy',
    service: typeof sdkId === 'string' ? sdkId : localNameOf(serviceId, serviceId),
    version: service.version ?? '',
    operations: ops,
    shapes: Object.fromEntries(reachable),
  }
}

function findService(shapes: Record<string, SmithyShape>): [string, SmithyShape] {
  const services = Object.entries(shapes).filter(([, s]) => s.type === 'service')
  const [first, ...rest] = services
  if (!first || rest.length > 0)
    throw new Error(`expected exactly one service shape, found ${services.length}`)
  return first
}

/** Operation name → shape id for every operation bound to the service, directly or through resources. */
function collectOperations(shapes: Record<string, SmithyShape>, serviceId: string): Map<string, string> {
  const found = new Map<string, string>()
  const seen = new Set<string>()
  const walk = (id: string): void => {
    if (seen.has(id)) return
    seen.add(id)
    const shape = mustShape(shapes, id)
    if (shape.type === 'operation') {
      found.set(localNameOf(id, id), id)
      return
    }
    const lifecycle = [shape.create, shape.put, shape.read, shape.update, shape.delete, shape.list]
    for (const ref of [
      ...(shape.operations ?? []),
      ...(shape.collectionOperations ?? []),
      ...(shape.resources ?? []),
      ...lifecycle,
    ]) {
      if (ref) walk(ref.target)
    }
  }
  walk(serviceId)
  return found
}

function toShapeModel(shapes: Record<string, SmithyShape>, id: string): ShapeModel {
  const preludeName = id.startsWith('smithy.api#') ? id.slice('smithy.api#'.length) : undefined
  if (preludeName !== undefined && !(id in shapes)) {
    const type = PRELUDE_SCALARS[preludeName]
    if (type === undefined) throw new Error(`unsupported prelude shape ${id}`)
    return { name: id, prelude: true, type, constraints: {} }
  }
  const shape = mustShape(shapes, id)
  const traits = shape.traits ?? {}
  rejectUnsupported(traits, id)
  const base = { name: localNameOf(id, id), prelude: false, constraints: readConstraints(traits) }

  switch (shape.type) {
    case 'structure': {
      const members = readMembers(shape, id, true)
      const error = traits[T.error]
      if (error === 'client' || error === 'server') {
        const status = traits[T.httpError]
        const httpStatus = typeof status === 'number' ? status : error === 'client' ? 400 : 500
        return { ...base, type: 'structure', members, error: { fault: error, httpStatus } }
      }
      return { ...base, type: 'structure', members }
    }
    case 'union':
      return { ...base, type: 'union', members: readMembers(shape, id, false) }
    case 'list':
    case 'set': {
      const member = mustMember(shape.member, id, 'member')
      // A Smithy 1 `set` is a list with unique items.
      if (shape.type === 'set') base.constraints.uniqueItems = true
      return { ...base, type: 'list', member: targetRef(member, `${id}$member`) }
    }
    case 'map':
      return {
        ...base,
        type: 'map',
        key: targetRef(mustMember(shape.key, id, 'key'), `${id}$key`),
        value: targetRef(mustMember(shape.value, id, 'value'), `${id}$value`),
      }
    case 'enum':
    case 'intEnum': {
      const values = Object.entries(shape.members ?? {}).map(([name, m]) => {
        const v = m.traits?.[T.enumValue]
        return typeof v === 'string' || typeof v === 'number' ? v : name
      })
      return { ...base, type: 'enum', valueType: shape.type === 'enum' ? 'string' : 'integer', values }
    }
    case 'string': {
      const oldEnum = traits[T.enum]
      if (Array.isArray(oldEnum)) {
        const values = oldEnum.map((e: unknown) => {
          const { value } = isJsonObject(e) ? e : {}
          if (typeof value !== 'string') throw new Error(`${id}: malformed @enum trait`)
          return value
        })
        return { ...base, type: 'enum', valueType: 'string', values }
      }
      return { ...base, type: 'string' }
    }
    case 'timestamp': {
      const format = traits[T.timestampFormat]
      if (format !== undefined && format !== 'epoch-seconds') {
        throw new Error(`${id}: @timestampFormat ${String(format)} is not supported (only epoch-seconds)`)
      }
      return { ...base, type: 'timestamp' }
    }
    default:
      if (SCALAR_TYPES.has(shape.type)) return { ...base, type: shape.type as ScalarType }
      throw new Error(`${id}: shape type ${shape.type} is not supported`)
  }
}

function readMembers(shape: SmithyShape, id: string, bindings: boolean): MemberModel[] {
  return Object.entries(shape.members ?? {}).map(([name, member]) => {
    const traits = member.traits ?? {}
    const where = `${id}$${name}`
    rejectUnsupported(traits, where)
    if (traits[T.timestampFormat] !== undefined && traits[T.timestampFormat] !== 'epoch-seconds') {
      throw new Error(`${where}: @timestampFormat is not supported (only epoch-seconds)`)
    }
    let location: MemberLocation = 'body'
    let wireName = name
    const query = traits[T.httpQuery]
    if (bindings && traits[T.httpLabel] !== undefined) location = 'label'
    else if (bindings && typeof query === 'string') {
      location = 'query'
      wireName = query
    } else if (typeof traits[T.jsonName] === 'string') {
      wireName = traits[T.jsonName] as string
    }
    return {
      name,
      wireName,
      location,
      required: traits[T.required] !== undefined,
      ...targetRef(member, where),
    }
  })
}

function targetRef(member: SmithyMember, where: string): TargetRef {
  const traits = member.traits ?? {}
  rejectUnsupported(traits, where)
  return { target: localNameOf(member.target, member.target), constraints: readConstraints(traits) }
}

function readConstraints(traits: SmithyTraits): Constraints {
  const out: Constraints = {}
  const length = readBounds(traits[T.length])
  if (length) out.length = length
  const pattern = traits[T.pattern]
  if (typeof pattern === 'string') out.pattern = pattern
  const range = readBounds(traits[T.range])
  if (range) out.range = range
  if (traits[T.uniqueItems] !== undefined) out.uniqueItems = true
  return out
}

function readBounds(value: unknown): { min?: number; max?: number } | undefined {
  if (!isJsonObject(value)) return undefined
  const out: { min?: number; max?: number } = {}
  const { min, max } = value
  if (typeof min === 'number') out.min = min
  if (typeof max === 'number') out.max = max
  return out
}

function readPagination(value: unknown): Pagination {
  const out: Pagination = {}
  if (!isJsonObject(value)) return out
  for (const key of ['inputToken', 'outputToken', 'pageSize', 'items'] as const) {
    const v = value[key]
    if (typeof v === 'string') out[key] = v
  }
  return out
}

/** Shape ids a shape points at (members, list member, map key and value). */
function referencedTargets(shapes: Record<string, SmithyShape>, id: string): string[] {
  const shape = shapes[id]
  if (!shape || shape.type === 'enum' || shape.type === 'intEnum') return []
  const refs = Object.values(shape.members ?? {}).map((m) => m.target)
  for (const m of [shape.member, shape.key, shape.value]) if (m) refs.push(m.target)
  return refs
}

function rejectUnsupported(traits: SmithyTraits, where: string): void {
  for (const trait of UNSUPPORTED_TRAITS) {
    if (trait in traits) throw new Error(`${where}: trait ${trait} is not supported by the importer yet`)
  }
}

/** Prelude ids stay whole (they are inlined, never named); other ids lose their namespace. */
function localNameOf(id: string, fallback: string): string {
  if (id.startsWith('smithy.api#')) return id
  const hash = id.indexOf('#')
  return hash === -1 ? fallback : id.slice(hash + 1)
}

/** Dropping namespaces must not merge two shapes into one name. */
function assertSameId(localNames: Map<string, string>, id: string): void {
  const name = localNameOf(id, id)
  const previous = localNames.get(name)
  if (previous !== undefined && previous !== id)
    throw new Error(`shapes ${previous} and ${id} share the name ${name}`)
  localNames.set(name, id)
}

function mustShape(shapes: Record<string, SmithyShape>, id: string): SmithyShape {
  const shape = shapes[id]
  if (!shape) throw new Error(`shape ${id} is referenced but not defined`)
  return shape
}

function mustMember(member: SmithyMember | undefined, id: string, which: string): SmithyMember {
  if (!member) throw new Error(`${id} has no ${which}`)
  return member
}
