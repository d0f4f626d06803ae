/**
 * Protocol layer: route → identity → parse → validate → domain → restJson1 response, for one request.
 * Imports (enforced by biome.json, test/architecture/layers.test.ts): mocks/protocol imports its own
 * files, the generated tables, the domain, mocks/internal (not msw-module) and the SigV4 libraries: no node:*,
 * no msw, no transport, so every way in (MSW in a browser included) can load it.
 */
import type { Caller, DomainService } from '../domain/index.ts'
import { ValidationException } from '../generated/errors.ts'
import { type OperationDescriptor, type OperationName, operations } from '../generated/operations.ts'
import {
  type ShapeEntry,
  shapes,
  type ValidationIssue,
  type Validator,
  validateInput,
} from '../schema/default.ts'
import { toErrorResponse } from './error-response.ts'
import { pickModeled } from './pick-modeled.ts'
import { ProtocolError } from './protocol-errors.ts'
import { createRouter, matchRoute, type Router } from './router.ts'
import { type IdentityOptions, readCaller } from './sigv4-identity.ts'
import type { WireRequest, WireResponse } from './wire.ts'

/**
 * One model profile's wire tables (RULES.md R-MODEL-2): its routes, validators and shapes, each generated
 * from that profile's spec.
 */
export interface WireModel {
  readonly operations: Readonly<Record<OperationName, OperationDescriptor>>
  readonly route: Router
  readonly validateInput: Readonly<Record<OperationName, Validator>>
  readonly shapes: Readonly<Record<string, ShapeEntry>>
}

/** A wire model from a profile's generated tables. */
export function wireModel(tables: Omit<WireModel, 'route'>): WireModel {
  return { ...tables, route: createRouter(tables.operations) }
}

/** The default profile's wire model (2026-04-17). */
export const DEFAULT_WIRE_MODEL: WireModel = { operations, route: matchRoute, validateInput, shapes }

export interface ProtocolOptions extends IdentityOptions {
  /** The business logic behind each operation: the domain's, bound to a store (`createDomainService`). */
  service: DomainService
  /** The model profile's tables. Default: the 2026-04-17 profile's. */
  model?: WireModel
  newRequestId(): string
  /** R-ID-4, opt-in: throws a ProtocolError when the request's signature is wrong. */
  checkSignature?: (request: WireRequest, caller: Caller) => void
  /** Injected faults (R-STATE-3): returns the error to throw for this call, if one is queued. */
  takeFault?: (operation: OperationName, caller: Caller) => Error | undefined
}

/**
 * Handles one request synchronously. The order of checks is R-WIRE-7: identity, route, body parsing,
 * validation, then the operation (whose own order is not-found, conflict, business rules).
 */
export function handleRequest(request: WireRequest, options: ProtocolOptions): WireResponse {
  const requestId = options.newRequestId()
  const model = options.model ?? DEFAULT_WIRE_MODEL
  let operation: OperationDescriptor | undefined
  try {
    const caller = readCaller(request.headers['authorization'], options)
    // The signature is part of identity (R-ID-4), so it is checked before the route too (R-WIRE-7).
    options.checkSignature?.(request, caller)
    const route = model.route(request.method, request.path)
    if (!route) {
      throw new ProtocolError(
        'UnknownOperationException',
        `No operation matches ${request.method} ${request.path}`,
      )
    }
    operation = route.operation
    const input = readInput(route.operation, route.labels, request)
    const issues = model.validateInput[route.name](input)
    if (issues.length > 0) throwValidation(issues)
    const fault = options.takeFault?.(route.name, caller)
    if (fault) throw fault
    const run = options.service[route.name] as (caller: Caller, input: unknown) => unknown
    const output = run(caller, pickModeled(route.operation.inputShape, input, model.shapes))
    return {
      status: route.operation.successStatus,
      headers: { 'content-type': 'application/json', 'x-amzn-requestid': requestId },
      body: JSON.stringify(output),
    }
  } catch (error) {
    return toErrorResponse(error, operation, requestId)
  }
}

/** Assembles the operation input from path labels, query bindings and body members (by member name). */
function readInput(
  operation: OperationDescriptor,
  labels: Record<string, string>,
  request: WireRequest,
): Record<string, unknown> {
  const input: Record<string, unknown> = {}
  if (operation.bodyMembers.length > 0) {
    const body = parseBody(request.body)
    for (const member of operation.bodyMembers) {
      if (body[member] !== undefined) input[member] = body[member]
    }
  }
  for (const [key, binding] of Object.entries(operation.query)) {
    const values = request.query.getAll(key)
    const [value] = values
    if (value === undefined) continue
    // Every query member of the model takes one value: a repeated key is a list where it has a scalar.
    if (values.length > 1) {
      throw new ProtocolError(
        'SerializationException',
        `Query parameter ${key} must have one value, got ${values.length}`,
      )
    }
    input[binding.member] = readQueryValue(key, value, binding.type)
  }
  Object.assign(input, labels)
  return input
}

/**
 * How deep a body may nest objects and arrays. The model's deepest input needs 6 levels
 * (`members.0.paymentConfiguration.machineLearning.modelTraining`); unknown members may go deeper, but a
 * body thousands deep would overflow the stack of every later copy (the domain's JSON copies, the response,
 * a snapshot), so it is refused here, before anything reads it.
 */
const MAX_BODY_NESTING = 100

/** R-WIRE-3: an empty body reads as `{}`; anything but a JSON object is a SerializationException. */
function parseBody(text: string | undefined): Record<string, unknown> {
  if (text === undefined || text.trim() === '') return {}
  if (nestsDeeperThan(text, MAX_BODY_NESTING)) {
    throw new ProtocolError(
      'SerializationException',
      `Request body nests objects and arrays more than ${MAX_BODY_NESTING} levels deep`,
    )
  }
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch (error) {
    throw new ProtocolError(
      'SerializationException',
      `Request body is not valid JSON: ${(error as Error).message}`,
    )
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new ProtocolError('SerializationException', 'Request body must be a JSON object')
  }
  return parsed as Record<string, unknown>
}

/** Whether JSON text opens more than `limit` objects/arrays at once (brackets inside strings do not count). */
function nestsDeeperThan(text: string, limit: number): boolean {
  let depth = 0
  let inString = false
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i)
    if (inString) {
      if (code === 0x5c)
        i++ // backslash: skip the escaped character
      else if (code === 0x22) inString = false
    } else if (code === 0x22) {
      inString = true
    } else if (code === 0x7b || code === 0x5b) {
      if (++depth > limit) return true
    } else if (code === 0x7d || code === 0x5d) {
      depth--
    }
  }
  return false
}

function readQueryValue(key: string, value: string, type: 'string' | 'integer' | 'boolean'): unknown {
  if (type === 'string') return value
  if (type === 'integer') {
    if (!/^-?\d+$/.test(value)) {
      throw new ProtocolError(
        'SerializationException',
        `Query parameter ${key} must be an integer, got '${value}'`,
      )
    }
    return Number(value)
  }
  if (value === 'true' || value === 'false') return value === 'true'
  throw new ProtocolError(
    'SerializationException',
    `Query parameter ${key} must be true or false, got '${value}'`,
  )
}

/** Type mismatches are SerializationException (R-WIRE-3); constraint failures are ValidationException (R-WIRE-5). */
function throwValidation(issues: ValidationIssue[]): never {
  const typeIssues = issues.filter((issue) => issue.kind === 'type')
  if (typeIssues.length > 0) {
    const detail = typeIssues.map((issue) => `'${issue.path}': ${issue.message}`).join('; ')
    throw new ProtocolError('SerializationException', `Request body has members of the wrong type: ${detail}`)
  }
  const count = issues.length
  const detail = issues
    .map((issue) => `Value at '${issue.path}' failed to satisfy constraint: ${issue.message}`)
    .join('; ')
  throw new ValidationException({
    message: `${count} validation error${count === 1 ? '' : 's'} detected: ${detail}`,
    reason: 'FIELD_VALIDATION_FAILED',
    fieldList: issues.map((issue) => ({ name: issue.path, message: issue.message })),
  })
}
