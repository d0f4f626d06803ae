/** Importer layer: botocore `service-2.json` (+ `paginators-1.json`) front end, normalising into a `ServiceModel`. */
import { smithyPatternFromBotocore } from './botocore-pattern.ts'
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

/** A reference from a member, list member, map key or value to a shape. */
export interface BotocoreRef {
  shape: string
  location?: string
  locationName?: string
  timestampFormat?: string
  [other: string]: unknown
}

/** One shape of a botocore model; only the fields the importer reads. */
export interface BotocoreShape {
  type: string
  members?: Record<string, BotocoreRef>
  member?: BotocoreRef
  key?: BotocoreRef
  value?: BotocoreRef
  required?: string[]
  min?: number
  max?: number
  pattern?: string
  enum?: string[]
  union?: boolean
  document?: boolean
  error?: { httpStatusCode?: number; senderFault?: boolean }
  exception?: boolean
  fault?: boolean
  timestampFormat?: string
  [other: string]: unknown
}

/** One operation of a botocore model. */
export interface BotocoreOperation {
  name: string
  http: { method: string; requestUri: string; responseCode?: number }
  input?: { shape: string }
  output?: { shape: string }
  errors?: Array<{ shape: string }>
  readonly?: boolean
}

/** A botocore `service-2.json`. */
export interface BotocoreModel {
  version?: string
  metadata: { apiVersion?: string; serviceId?: string; protocol?: string; [other: string]: unknown }
  operations: Record<string, BotocoreOperation>
  shapes: Record<string, BotocoreShape>
}

/** A botocore `paginators-1.json`. */
export interface BotocorePaginators {
  pagination: Record<
    string,
    {
      input_token?: string | string[]
      output_token?: string | string[]
      limit_key?: string
      result_key?: string | string[]
    }
  >
}

/** botocore's scalar type names (lower case) → the service model's (Smithy's) names. */
const SCALARS: Record<string, ScalarType> = {
  string: 'string',
  boolean: 'boolean',
  byte: 'byte',
  short: 'short',
  integer: 'integer',
  long: 'long',
  biginteger: 'bigInteger',
  float: 'float',
  double: 'double',
  bigdecimal: 'bigDecimal',
  timestamp: 'timestamp',
  blob: 'blob',
}

/** The Smithy prelude shape each scalar type came from (`smithy.api#String`, …). */
const PRELUDE_NAME: Record<ScalarType, string> = {
  string: 'String',
  boolean: 'Boolean',
  byte: 'Byte',
  short: 'Short',
  integer: 'Integer',
  long: 'Long',
  bigInteger: 'BigInteger',
  float: 'Float',
  double: 'Double',
  bigDecimal: 'BigDecimal',
  timestamp: 'Timestamp',
  blob: 'Blob',
  document: 'Document',
}

/** Wire features the spec conventions (docs/decisions/0001) do not cover: fail rather than mis-encode. */
const UNSUPPORTED_LOCATIONS = new Set(['header', 'headers', 'statusCode'])
const UNSUPPORTED_FLAGS = [
  'payload',
  'streaming',
  'eventstream',
  'event',
  'jsonvalue',
  'requiresLength',
] as const

const PRELUDE = 'smithy.api#'

/** The prelude id a scalar type stands for. */
const preludeId = (type: ScalarType): string => `${PRELUDE}${PRELUDE_NAME[type]}`

/** The inlined shape behind a prelude id, as the Smithy front end writes it. */
function preludeShape(id: string): ShapeModel {
  const local = id.slice(PRELUDE.length)
  const type = (Object.keys(PRELUDE_NAME) as ScalarType[]).find((t) => PRELUDE_NAME[t] === local)
  if (type === undefined) throw new Error(`unsupported prelude shape ${id}`)
  return { name: id, prelude: true, type, constraints: {} }
}

/** The shapes a shape points at (member targets, list member, map key and value). */
function targetsOf(shape: ShapeModel): string[] {
  switch (shape.type) {
    case 'structure':
    case 'union':
      return shape.members.map((m) => m.target)
    case 'list':
      return [shape.member.target]
    case 'map':
      return [shape.key.target, shape.value.target]
    default:
      return []
  }
}

/**
 * Normalises a botocore model into the `ServiceModel` the Smithy front end would give for the same
 * API, as far as botocore keeps the information (docs/decisions/0004): prelude-named shapes
 * (`String`, `Boolean`, …) and the `<Container><Member><Type>` shapes botocore invents for
 * member-level constraints become prelude targets again, patterns are re-anchored, a vacuous
 * length `min: 0` is dropped, and pagination comes from `paginators` when given.
 */
export function botocoreToServiceModel(
  model: BotocoreModel,
  operations: readonly string[],
  paginators?: BotocorePaginators,
): ServiceModel {
  const protocol = model.metadata.protocol
  if (protocol !== undefined && protocol !== 'rest-json')
    throw new Error(`botocore protocol ${protocol} is not supported (only rest-json)`)
  const names = new ShapeNames(model.shapes)
  const reachable = new Map<string, ShapeModel>()

  // Targets are prelude ids or botocore shape names; an invented member shape is never a target.
  const visit = (target: string): void => {
    if (reachable.has(target)) return
    const shape = target.startsWith(PRELUDE)
      ? preludeShape(target)
      : toShapeModel(model.shapes, names, target)
    reachable.set(shape.name, shape)
    for (const next of targetsOf(shape)) visit(next)
  }

  const ops: OperationModel[] = []
  for (const name of [...operations].sort()) {
    const op = model.operations[name]
    if (op === undefined) throw new Error(`operation ${name} is not in the botocore model`)
    const opModel: OperationModel = {
      name,
      http: { method: op.http.method, uri: op.http.requestUri, code: op.http.responseCode ?? 200 },
      errors: (op.errors ?? []).map((e) => e.shape).sort(),
      readonly: op.readonly === true,
    }
    if (op.input) opModel.input = op.input.shape
    if (op.output) opModel.output = op.output.shape
    const paging = paginators?.pagination[name]
    if (paging) opModel.paginated = readPagination(paging, name)
    ops.push(opModel)
    for (const ref of [op.input, op.output, ...(op.errors ?? [])]) if (ref) visit(names.idOf(ref.shape))
  }

  return {
    format: 'botocore',
    service: model.metadata.serviceId ?? '',
    version: model.metadata.apiVersion ?? '',
    operations: ops,
    shapes: Object.fromEntries(reachable),
  }
}

/**
 * Decides, once for the whole model, which botocore shapes stand for Smithy prelude shapes: a
 * constraint-free scalar named like its prelude shape (`String`, `Boolean`, `Timestamp`), and a
 * scalar botocore invented for one member's constraints, `<Container><Member><Type>`
 * (`ProtectedQueryS3OutputConfigurationBucketString`), used by that member only.
 */
class ShapeNames {
  readonly #shapes: Record<string, BotocoreShape>
  readonly #uses = new Map<string, number>()

  constructor(shapes: Record<string, BotocoreShape>) {
    this.#shapes = shapes
    for (const shape of Object.values(shapes)) {
      for (const ref of referencedRefs(shape)) this.#uses.set(ref.shape, (this.#uses.get(ref.shape) ?? 0) + 1)
    }
  }

  /** The key a shape has in `ServiceModel.shapes`: a prelude id, or its own name. */
  idOf(name: string): string {
    const type = scalarType(mustShape(this.#shapes, name))
    return type !== undefined && this.isPreludeNamed(name) ? preludeId(type) : name
  }

  /** What a member of `container` points at, with the constraints a member-level trait carried. */
  targetOf(container: string, ref: BotocoreRef, memberName?: string): TargetRef {
    const shape = mustShape(this.#shapes, ref.shape)
    const type = scalarType(shape)
    if (
      type !== undefined &&
      memberName !== undefined &&
      this.isMemberShape(container, memberName, ref.shape, type)
    ) {
      if (type === 'timestamp') checkTimestampFormat(shape.timestampFormat, ref.shape)
      return { target: preludeId(type), constraints: readConstraints(shape, type) }
    }
    return { target: this.idOf(ref.shape), constraints: {} }
  }

  /** Whether `name` is a member's invented shape (the caller then inlines it; it is never named). */
  isMemberShape(container: string, member: string, name: string, type: ScalarType): boolean {
    const invented = `${container}${member.charAt(0).toUpperCase()}${member.slice(1)}${PRELUDE_NAME[type]}`
    return name === invented && this.#uses.get(name) === 1
  }

  isPreludeNamed(name: string): boolean {
    const shape = mustShape(this.#shapes, name)
    const type = scalarType(shape)
    return (
      type !== undefined &&
      name === PRELUDE_NAME[type] &&
      shape.min === undefined &&
      shape.max === undefined &&
      shape.pattern === undefined
    )
  }
}

/** The scalar type of a shape, or undefined for aggregates and enums. */
function scalarType(shape: BotocoreShape): ScalarType | undefined {
  if (shape.type === 'structure' && shape.document === true) return 'document'
  if (shape.type === 'string' && shape.enum !== undefined) return undefined
  return SCALARS[shape.type.toLowerCase()]
}

function toShapeModel(shapes: Record<string, BotocoreShape>, names: ShapeNames, name: string): ShapeModel {
  const shape = mustShape(shapes, name)
  rejectUnsupported(shape, name)
  const type = scalarType(shape)
  if (type !== undefined) {
    // Prelude-named shapes never get here: their targets are prelude ids (ShapeNames.idOf).
    if (type === 'timestamp') checkTimestampFormat(shape.timestampFormat, name)
    return { name, prelude: false, type, constraints: readConstraints(shape, type) }
  }
  const base = { name, prelude: false }
  switch (shape.type) {
    case 'string':
      return {
        ...base,
        type: 'enum',
        valueType: 'string',
        values: [...(shape.enum ?? [])],
        constraints: readConstraints(shape, 'string'),
      }
    case 'structure': {
      const members = readMembers(shape, name, names, shape.union !== true)
      if (shape.union === true) return { ...base, type: 'union', members, constraints: {} }
      if (shape.exception === true || shape.error !== undefined) {
        const fault = shape.fault === true ? 'server' : 'client'
        const httpStatus = shape.error?.httpStatusCode ?? (fault === 'server' ? 500 : 400)
        return { ...base, type: 'structure', members, constraints: {}, error: { fault, httpStatus } }
      }
      return { ...base, type: 'structure', members, constraints: {} }
    }
    case 'list':
      return {
        ...base,
        type: 'list',
        member: targetRef(names, name, mustRef(shape.member, name, 'member')),
        constraints: readConstraints(shape, 'list'),
      }
    case 'map':
      return {
        ...base,
        type: 'map',
        key: targetRef(names, name, mustRef(shape.key, name, 'key')),
        value: targetRef(names, name, mustRef(shape.value, name, 'value')),
        constraints: readConstraints(shape, 'map'),
      }
    default:
      throw new Error(`${name}: botocore shape type ${shape.type} is not supported`)
  }
}

function readMembers(
  shape: BotocoreShape,
  container: string,
  names: ShapeNames,
  bindings: boolean,
): MemberModel[] {
  const required = new Set(shape.required ?? [])
  return Object.entries(shape.members ?? {}).map(([name, ref]) => {
    const where = `${container}$${name}`
    rejectUnsupported(ref, where)
    if (ref.location !== undefined && UNSUPPORTED_LOCATIONS.has(ref.location))
      throw new Error(`${where}: location ${ref.location} is not supported by the importer yet`)
    if (ref.timestampFormat !== undefined) checkTimestampFormat(ref.timestampFormat, where)
    let location: MemberLocation = 'body'
    if (bindings && ref.location === 'uri') location = 'label'
    else if (bindings && ref.location === 'querystring') location = 'query'
    else if (ref.location !== undefined)
      throw new Error(`${where}: location ${ref.location} is not supported`)
    return {
      name,
      wireName: ref.locationName ?? name,
      location,
      required: required.has(name),
      ...names.targetOf(container, ref, name),
    }
  })
}

function targetRef(names: ShapeNames, container: string, ref: BotocoreRef): TargetRef {
  rejectUnsupported(ref, `${container}$${ref.shape}`)
  return names.targetOf(container, ref)
}

/**
 * botocore's `min`/`max` are a length for strings, blobs, lists and maps and a range for numbers.
 * botocore writes `min: 0` for every `@length` without a minimum, so a length `min: 0` is dropped
 * (it constrains nothing); a range `min: 0` is kept.
 */
function readConstraints(shape: BotocoreShape, kind: ScalarType | 'list' | 'map'): Constraints {
  const out: Constraints = {}
  const bounds: { min?: number; max?: number } = {}
  const isLength = kind === 'string' || kind === 'blob' || kind === 'list' || kind === 'map'
  if (shape.min !== undefined && !(isLength && shape.min === 0)) bounds.min = shape.min
  if (shape.max !== undefined) bounds.max = shape.max
  if (bounds.min !== undefined || bounds.max !== undefined) {
    if (isLength) out.length = bounds
    else if (kind !== 'boolean' && kind !== 'timestamp' && kind !== 'document') out.range = bounds
  }
  if (shape.pattern !== undefined) out.pattern = smithyPatternFromBotocore(shape.pattern)
  return out
}

function readPagination(paging: BotocorePaginators['pagination'][string], op: string): Pagination {
  const single = (value: string | string[] | undefined, key: string): string | undefined => {
    if (!Array.isArray(value)) return value
    if (value.length === 1) return value[0]
    throw new Error(`${op}: paginator ${key} with ${value.length} values is not supported`)
  }
  const out: Pagination = {}
  const fields = {
    inputToken: single(paging.input_token, 'input_token'),
    outputToken: single(paging.output_token, 'output_token'),
    pageSize: paging.limit_key,
    items: single(paging.result_key, 'result_key'),
  }
  for (const [key, value] of Object.entries(fields))
    if (value !== undefined) out[key as keyof Pagination] = value
  return out
}

/** Smithy's default (epoch seconds) is botocore's `unixTimestamp`; the conventions cover only that. */
function checkTimestampFormat(format: string | undefined, where: string): void {
  if (format !== undefined && format !== 'unixTimestamp')
    throw new Error(`${where}: timestampFormat ${format} is not supported (only unixTimestamp)`)
}

function referencedRefs(shape: BotocoreShape): BotocoreRef[] {
  const refs = Object.values(shape.members ?? {})
  for (const ref of [shape.member, shape.key, shape.value]) if (ref) refs.push(ref)
  return refs
}

function rejectUnsupported(node: BotocoreShape | BotocoreRef, where: string): void {
  for (const flag of UNSUPPORTED_FLAGS) {
    if (node[flag] !== undefined)
      throw new Error(`${where}: botocore ${flag} is not supported by the importer yet`)
  }
}

function mustShape(shapes: Record<string, BotocoreShape>, name: string): BotocoreShape {
  const shape = shapes[name]
  if (!shape) throw new Error(`shape ${name} is referenced but not defined`)
  return shape
}

function mustRef(ref: BotocoreRef | undefined, name: string, which: string): BotocoreRef {
  if (!ref) throw new Error(`${name} has no ${which}`)
  return ref
}
