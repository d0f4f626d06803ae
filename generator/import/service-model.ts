/** Importer layer: the small, format-neutral service model that every AWS model front end produces. */

/**
 * Length, pattern and range limits, from a shape or from one member. Smithy's `@length` and
 * `@range` may give only one bound, so both bounds are optional.
 */
export interface Constraints {
  length?: { min?: number; max?: number }
  /** The model's ECMA-262 regex, verbatim (Smithy keeps the anchors; botocore strips them). */
  pattern?: string
  range?: { min?: number; max?: number }
  uniqueItems?: true
}

/** A reference to a shape, with the limits a member adds on top of the shape's own. */
export interface TargetRef {
  target: string
  constraints: Constraints
}

/** Where a member travels on the wire. */
export type MemberLocation = 'body' | 'label' | 'query'

/** One member of a structure or union. */
export interface MemberModel extends TargetRef {
  /** The member name the SDK uses. */
  name: string
  /** The key on the wire: the JSON key for body members, the query key for query members. */
  wireName: string
  location: MemberLocation
  required: boolean
}

/** Scalar kinds, named as Smithy names them (botocore's names map onto these). */
export type ScalarType =
  | 'string'
  | 'boolean'
  | 'byte'
  | 'short'
  | 'integer'
  | 'long'
  | 'bigInteger'
  | 'float'
  | 'double'
  | 'bigDecimal'
  | 'timestamp'
  | 'blob'
  | 'document'

interface ShapeBase {
  /** The shape's name without namespace; the key of `ServiceModel.shapes`. */
  name: string
  /** Prelude shapes (Smithy's `smithy.api#String`, …) are inlined where used, never named. */
  prelude: boolean
  constraints: Constraints
}

export interface ScalarShape extends ShapeBase {
  type: ScalarType
}
/** A closed set of values: Smithy 2 `enum`/`intEnum`, or a string with the old `@enum` trait. */
export interface EnumShape extends ShapeBase {
  type: 'enum'
  valueType: 'string' | 'integer'
  values: Array<string | number>
}
export interface StructureShape extends ShapeBase {
  type: 'structure'
  members: MemberModel[]
  error?: { fault: 'client' | 'server'; httpStatus: number }
}
export interface UnionShape extends ShapeBase {
  type: 'union'
  members: MemberModel[]
}
export interface ListShape extends ShapeBase {
  type: 'list'
  member: TargetRef
}
export interface MapShape extends ShapeBase {
  type: 'map'
  key: TargetRef
  value: TargetRef
}

export type ShapeModel = ScalarShape | EnumShape | StructureShape | UnionShape | ListShape | MapShape

/** Pagination, already merged (service-wide `@paginated` overlaid by the operation's). */
export interface Pagination {
  inputToken?: string
  outputToken?: string
  pageSize?: string
  items?: string
}

export interface OperationModel {
  name: string
  http: { method: string; uri: string; code: number }
  /** Input/output structure names; absent for Smithy's `Unit`. */
  input?: string
  output?: string
  /** Declared error shape names, sorted. */
  errors: string[]
  paginated?: Pagination
  readonly: boolean
}

/**
 * What a front end (Smithy JSON AST, botocore service-2.json) hands to `toOpenApi`: only the
 * selected operations and the shapes they reach, documentation already gone.
 */
export interface ServiceModel {
  format: 'smithy' | 'botocore'
  /** The SDK's service id, e.g. `CleanRooms`. */
  service: string
  /** The API version, e.g. `2022-02-17`. */
  version: string
  /** Selected operations, sorted by name. */
  operations: OperationModel[]
  /** Every shape reachable from `operations`, keyed by `ShapeModel.name` (prelude ids for prelude shapes). */
  shapes: Record<string, ShapeModel>
}
