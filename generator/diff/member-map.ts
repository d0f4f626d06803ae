/** Diff layer: flattens an operation's input or output structure in a spec into member paths with types and constraints. */

import { type JsonObject, type JsonValue, lengthKeywords } from '../import/to-open-api.ts'
import { isJsonObject, SCHEMAS_PREFIX } from '../schema-ref.ts'

/** What kind of value a member holds, read from its JSON Schema. */
export type MemberKind =
  | 'structure'
  | 'union'
  | 'list'
  | 'map'
  | 'enum'
  | 'string'
  | 'integer'
  | 'number'
  | 'boolean'
  | 'timestamp'
  | 'blob'
  | 'document'

/** The constraints a diff compares, already merged from the named shape and the member. */
export interface MemberConstraints {
  pattern?: string
  /** String length, list items or map entries; `min` 0 when the spec gives none. */
  length?: { min: number; max: number | null }
  range?: { min: number | null; max: number | null }
  enum?: Array<string | number>
  uniqueItems?: true
}

/** One member (or list item `x[]`, map key `x{key}`, map value `x{}`) of a structure, by path. */
export interface MemberInfo {
  /** Dotted path from the operation's input/output: `members[].paymentConfiguration.queryCompute`. */
  path: string
  /** The type a user reads: a shape name, `boolean`, `MemberAbility[]`, `Record<string, TagValue>`. */
  type: string
  kind: MemberKind
  required: boolean
  /** Top-level input members not in the body. */
  location?: 'label' | 'query'
  constraints: MemberConstraints
  /** Paths of the members below (for a list its `[]` item, for a map its key and value). */
  children: string[]
  /** The structure this member belongs to (`Membership` for `membership.paymentConfiguration`); none for items. */
  owner?: string
}

/** Member paths in walk order (parents before children). */
export type MemberMap = Map<string, MemberInfo>

/**
 * Walks `components.schemas[root]` (an operation's full input or output structure) down to the
 * leaves. A structure met again below itself is not walked again (recursive shapes).
 */
export function memberMap(schemas: Record<string, JsonObject>, root: string): MemberMap {
  const out: MemberMap = new Map()
  const top = schemas[root]
  if (!top) throw new Error(`the spec has no schema ${root}`)
  walkProperties(schemas, top, '', [root], out)
  return out
}

function walkProperties(
  schemas: Record<string, JsonObject>,
  object: JsonObject,
  prefix: string,
  ancestors: string[],
  out: MemberMap,
): string[] {
  const properties = isJsonObject<JsonObject>(object['properties']) ? object['properties'] : {}
  const required = new Set(Array.isArray(object['required']) ? object['required'] : [])
  const paths: string[] = []
  for (const [key, schema] of Object.entries(properties)) {
    if (!isJsonObject<JsonObject>(schema)) continue
    const path = prefix === '' ? key : `${prefix}.${key}`
    const location = schema['x-location']
    const extra: { location?: 'label' | 'query' } =
      location === 'label' || location === 'query' ? { location } : {}
    const owner = ancestors[ancestors.length - 1]
    walk(
      schemas,
      schema,
      path,
      required.has(key),
      ancestors,
      out,
      owner === undefined ? extra : { ...extra, owner },
    )
    paths.push(path)
  }
  return paths
}

function walk(
  schemas: Record<string, JsonObject>,
  schema: JsonObject,
  path: string,
  required: boolean,
  ancestors: string[],
  out: MemberMap,
  extra: { location?: 'label' | 'query'; owner?: string } = {},
): void {
  const { name, keywords } = resolve(schemas, schema)
  const kind = kindOf(keywords)
  const info: MemberInfo = {
    path,
    type: typeText(schemas, schema),
    kind,
    required,
    ...extra,
    constraints: constraintsOf(kind, keywords),
    children: [],
  }
  out.set(path, info)
  if (name !== undefined && ancestors.includes(name)) return
  const below = name === undefined ? ancestors : [...ancestors, name]
  switch (kind) {
    case 'structure':
    case 'union':
      info.children = walkProperties(schemas, keywords, path, below, out)
      return
    case 'list':
      if (isJsonObject<JsonObject>(keywords['items'])) {
        walk(schemas, keywords['items'], `${path}[]`, true, below, out)
        info.children = [`${path}[]`]
      }
      return
    case 'map':
      if (isJsonObject<JsonObject>(keywords['propertyNames']))
        walk(schemas, keywords['propertyNames'], `${path}{key}`, true, below, out)
      if (isJsonObject<JsonObject>(keywords['additionalProperties']))
        walk(schemas, keywords['additionalProperties'], `${path}{}`, true, below, out)
      info.children = [`${path}{key}`, `${path}{}`].filter((p) => out.has(p))
      return
    default:
      return
  }
}

/**
 * A property schema is `{$ref}`, `{allOf: [{$ref}], ...member constraints}` or an inlined prelude
 * schema (0001). The keywords in force are the named schema's, overridden by the member's own.
 */
function resolve(
  schemas: Record<string, JsonObject>,
  schema: JsonObject,
): { name?: string; keywords: JsonObject } {
  const { allOf, $ref, ...own } = schema
  const first = Array.isArray(allOf) ? allOf[0] : undefined
  const pointer =
    typeof $ref === 'string'
      ? $ref
      : isJsonObject<JsonObject>(first) && typeof first['$ref'] === 'string'
        ? first['$ref']
        : undefined
  if (pointer === undefined) return { keywords: own }
  const name = pointer.startsWith(SCHEMAS_PREFIX) ? pointer.slice(SCHEMAS_PREFIX.length) : pointer
  const target = schemas[name]
  if (!target) throw new Error(`the spec refers to ${pointer}, which it does not define`)
  return { name, keywords: { ...target, ...own } }
}

function kindOf(keywords: JsonObject): MemberKind {
  if (Array.isArray(keywords['enum'])) return 'enum'
  switch (keywords['type']) {
    case 'object':
      if (keywords['x-union'] === true) return 'union'
      return keywords['additionalProperties'] !== undefined ? 'map' : 'structure'
    case 'array':
      return 'list'
    case 'number':
      return keywords['format'] === 'epoch-seconds' ? 'timestamp' : 'number'
    case 'string':
      return keywords['contentEncoding'] === 'base64' ? 'blob' : 'string'
    case 'integer':
    case 'boolean':
      return keywords['type']
    default:
      return 'document'
  }
}

/** How a member's type reads in the diff: shape names for named shapes, JSON types for the rest. */
function typeText(schemas: Record<string, JsonObject>, schema: JsonObject): string {
  const { name, keywords } = resolve(schemas, schema)
  const kind = kindOf(keywords)
  switch (kind) {
    case 'structure':
    case 'union':
      return name ?? 'object'
    case 'enum':
      return name ?? 'enum'
    case 'list':
      return `${isJsonObject<JsonObject>(keywords['items']) ? typeText(schemas, keywords['items']) : 'unknown'}[]`
    case 'map': {
      const key = isJsonObject<JsonObject>(keywords['propertyNames'])
        ? typeText(schemas, keywords['propertyNames'])
        : 'string'
      const value = isJsonObject<JsonObject>(keywords['additionalProperties'])
        ? typeText(schemas, keywords['additionalProperties'])
        : 'unknown'
      return `Record<${key}, ${value}>`
    }
    default:
      return kind
  }
}

function constraintsOf(kind: MemberKind, k: JsonObject): MemberConstraints {
  const out: MemberConstraints = {}
  if (typeof k['pattern'] === 'string') out.pattern = k['pattern']
  const [minKey, maxKey] = lengthKeywords(kind)
  // A union's minProperties/maxProperties 1 is what makes it a union, not a length.
  // A missing minimum is 0, so a vacuous `minLength: 0` (lost by botocore, 0004) compares equal to none.
  const length = { min: numberOr(k[minKey], 0), max: numberOr(k[maxKey], null) }
  if (kind !== 'union' && kind !== 'structure' && (length.min !== 0 || length.max !== null))
    out.length = length
  if (k['minimum'] !== undefined || k['maximum'] !== undefined)
    out.range = { min: numberOr(k['minimum'], null), max: numberOr(k['maximum'], null) }
  if (Array.isArray(k['enum']))
    out.enum = k['enum'].filter((v): v is string | number => typeof v !== 'object')
  if (k['uniqueItems'] === true) out.uniqueItems = true
  return out
}

function numberOr<T>(value: JsonValue | undefined, fallback: T): number | T {
  return typeof value === 'number' ? value : fallback
}
