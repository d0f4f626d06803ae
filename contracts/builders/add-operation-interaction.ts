/** Contracts layer: adds one PactV4 interaction for an operation, from its spec bindings and an example. */
import { MatchersV3, type PactV4, type TemplateHeaders, type TemplateQuery } from '@pact-foundation/pact'
import type { OperationDescriptor } from '../../mocks/generated/operations.ts'
import { STATE_CATALOGUE, type StateKey, stateNameWith } from '../state-names.ts'
import { authorizationMatcher } from './authorization-matcher.ts'
import type { AnyMatcher, LooseContract, PactInteraction, StateParams } from './contract-types.ts'
import type { ShapePlans } from './shape-plan.ts'
import { escapeRegex, isPactMatcher as isMatcher, resolvePlan, toPactTemplate } from './to-pact-template.ts'

const { fromProviderState, regex } = MatchersV3

/** A provider-state injected value (`fromProviderState('${membershipId}', example)`). */
interface StateValue extends AnyMatcher {
  expression: string
  value: unknown
}

/**
 * Adds the interaction described by `contract` to `pact`: method and path from the spec (labels as
 * given, or `fromProviderState` when a label is a provider-state value), query from the query
 * bindings, stable headers only (`content-type` when the operation has a body, `Authorization` by
 * {@link authorizationMatcher}), and bodies whose matchers come from the spec's shapes.
 * The generated per-operation helpers in `contracts/generated/interactions.ts` call this.
 *
 * All or nothing: the whole interaction (states, request, response) is built and checked before
 * anything is registered on `pact`, so a builder that throws leaves no half-built interaction behind
 * for the next `executeTest` to write into the pact file.
 */
export function addOperationInteraction(
  pact: PactV4,
  operation: OperationDescriptor,
  contract: LooseContract,
  plans: ShapePlans,
): PactInteraction {
  const input = contract.request as Record<string, unknown>
  const inputPlan = resolvePlan(operation.inputShape, plans)
  if (inputPlan.kind !== 'object') throw new Error(`${operation.inputShape} is not a structure`)

  const states = statesOf(contract)
  const description = contract.uponReceiving ?? describe(operation, contract)
  const headers: TemplateHeaders = { Authorization: authorizationMatcher(contract.account) }
  let body: Record<string, unknown> | undefined
  if (operation.bodyMembers.length > 0) {
    headers['Content-Type'] = 'application/json'
    body = {}
    for (const member of operation.bodyMembers) {
      const memberPlan = inputPlan.members[member]
      if (input[member] === undefined || memberPlan === undefined) continue
      body[member] = toPactTemplate(input[member], memberPlan, plans, 'request', member)
    }
  }
  const query = buildQuery(operation, input)
  const requestPath = buildPath(operation, input)
  const { status, responseHeaders, responseBody } = expectedResponse(operation, contract, plans)
  checkStateValues(operation.name, [requestPath, query, body], states)

  // Everything is built and checked: only now does anything reach the Pact builder.
  let interaction = pact.addInteraction()
  for (const state of states) interaction = interaction.given(state.name, state.params)
  const withRequest = interaction
    .uponReceiving(description)
    .withRequest(operation.method, requestPath, (builder) => {
      builder.headers(headers)
      if (query) builder.query(query)
      if (body) builder.jsonBody(body)
    })
  return withRequest.willRespondWith(status, (builder) => {
    builder.headers(responseHeaders)
    if (responseBody !== undefined) builder.jsonBody(responseBody)
  })
}

function expectedResponse(
  operation: OperationDescriptor,
  contract: LooseContract,
  plans: ShapePlans,
): { status: number; responseHeaders: TemplateHeaders; responseBody: unknown } {
  const contentType = regex('^application/json', 'application/json')
  if (contract.error) {
    const { name, body } = contract.error
    const declared = operation.errors.find((error) => error.name === name)
    if (!declared) throw new Error(`${operation.name} does not declare ${name}`)
    return {
      status: declared.status,
      // restJson1 readers keep what precedes ':' in the error type, so a provider may append a namespace URL.
      responseHeaders: {
        'Content-Type': contentType,
        'x-amzn-errortype': regex(`^${escapeRegex(name)}(:.*)?$`, name),
      },
      responseBody: toPactTemplate(body ?? {}, name, plans, 'response', name),
    }
  }
  return {
    status: contract.status ?? operation.successStatus,
    responseHeaders: { 'Content-Type': contentType },
    responseBody:
      contract.response === undefined
        ? undefined
        : toPactTemplate(contract.response, operation.outputShape, plans, 'response', operation.outputShape),
  }
}

/** The request path: literal, `fromProviderState` when a label comes from the state, or a regex. */
function buildPath(
  operation: OperationDescriptor,
  input: Record<string, unknown>,
): string | MatchersV3.Matcher<string> {
  const parts = operation.path.split(/(\{[^}]+\})/).filter((part) => part !== '')
  let example = ''
  let expression = ''
  let pattern = ''
  let fromState = false
  let matched = false
  for (const part of parts) {
    const label = /^\{([^}+]+)\+?\}$/.exec(part)?.[1]
    if (label === undefined) {
      example += part
      expression += part
      pattern += escapeRegex(part)
      continue
    }
    const value = input[label]
    if (value === undefined) throw new Error(`${operation.name}: the path label ${label} is required`)
    if (isStateValue(value)) {
      fromState = true
      example += encodeURIComponent(String(value.value))
      expression += value.expression
    } else if (isMatcher(value)) {
      const labelPattern = (value as { regex?: string }).regex
      if (labelPattern === undefined)
        throw new Error(`${operation.name}: label ${label} needs a regex matcher`)
      matched = true
      example += encodeURIComponent(String((value as { value?: unknown }).value))
      pattern += labelPattern.replace(/^\^/, '').replace(/\$$/, '')
    } else {
      const encoded = encodeURIComponent(String(value))
      example += encoded
      expression += encoded
      pattern += escapeRegex(encoded)
    }
  }
  if (fromState && matched)
    throw new Error(`${operation.name}: mix provider-state and regex labels in one path`)
  if (fromState) return fromProviderState(expression, example)
  if (matched) return regex(`^${pattern}$`, example)
  return example
}

/** The query string from the query bindings (wire key → member), as strings or the consumer's matchers. */
function buildQuery(
  operation: OperationDescriptor,
  input: Record<string, unknown>,
): TemplateQuery | undefined {
  const query: TemplateQuery = {}
  for (const [key, binding] of Object.entries(operation.query)) {
    const value = input[binding.member]
    if (value === undefined) continue
    query[key] = isMatcher(value) ? (value as MatchersV3.Matcher<string>) : String(value)
  }
  return Object.keys(query).length > 0 ? query : undefined
}

/**
 * The interaction's states as they go into the pact: each catalogued name with its placeholders filled
 * from the parameters (or their defaults), and the parameters it was given plus the defaults of the
 * ones the name shows, so a provider reads the same values from the name and from the parameters.
 */
function statesOf(contract: LooseContract): Array<{ name: string; params?: StateParams }> {
  if (contract.state === undefined) return []
  const given =
    typeof contract.state === 'string'
      ? [
          contract.stateParams
            ? { name: contract.state, params: contract.stateParams }
            : { name: contract.state },
        ]
      : [...contract.state]
  return given.map((state) => {
    const key = catalogueKey(state.name)
    if (key === undefined) return state // not catalogued: verify will say so, naming it
    const spec: Readonly<Record<string, { default: string | number }>> = STATE_CATALOGUE[key].params
    const params: StateParams = {}
    for (const [param, { default: fallback }] of Object.entries(spec)) {
      if (state.name.includes(`{${param}}`) || state.params?.[param] !== undefined)
        params[param] = state.params?.[param] ?? fallback
    }
    for (const [param, value] of Object.entries(state.params ?? {})) params[param] ??= value
    const name = stateNameWith(STATE_CATALOGUE[key].name, params)
    return Object.keys(params).length > 0 ? { name, params } : { name }
  })
}

function catalogueKey(name: string): StateKey | undefined {
  return (Object.keys(STATE_CATALOGUE) as StateKey[]).find((key) => STATE_CATALOGUE[key].name === name)
}

/**
 * Every `stateValue(name, …)` in the request must be returned by one of the interaction's states, or
 * the verifier would silently keep the example (a contract that tests another id than it says).
 */
function checkStateValues(operationName: string, parts: unknown[], states: Array<{ name: string }>): void {
  const returned = new Set<string>()
  for (const state of states) {
    const key = (Object.keys(STATE_CATALOGUE) as StateKey[]).find(
      (candidate) =>
        stateNameWith(STATE_CATALOGUE[candidate].name, {}) === state.name ||
        STATE_CATALOGUE[candidate].name === state.name ||
        namePattern(STATE_CATALOGUE[candidate].name).test(state.name),
    )
    for (const name of key === undefined ? [] : STATE_CATALOGUE[key].returns) returned.add(name)
  }
  for (const expression of stateExpressions(parts)) {
    for (const [, name] of expression.matchAll(/\$\{([^}]+)\}/g)) {
      if (name !== undefined && !returned.has(name)) {
        const from =
          states.length === 0
            ? 'the interaction has no provider state'
            : `its states return ${[...returned].join(', ') || 'nothing'}`
        throw new Error(
          `${operationName}: stateValue('${name}') is not returned by the interaction's provider states (${from})`,
        )
      }
    }
  }
}

/** The provider-state expressions anywhere in `value`. */
function stateExpressions(value: unknown): string[] {
  if (isStateValue(value)) return [value.expression]
  if (Array.isArray(value)) return value.flatMap(stateExpressions)
  if (typeof value === 'object' && value !== null) return Object.values(value).flatMap(stateExpressions)
  return []
}

function namePattern(template: string): RegExp {
  const source = template
    .split(/(\{[A-Za-z]+\})/)
    .map((part) => (/^\{[A-Za-z]+\}$/.test(part) ? '[^ ]+' : escapeRegex(part)))
    .join('')
  return new RegExp(`^${source}$`)
}

function describe(operation: OperationDescriptor, contract: LooseContract): string {
  const outcome = contract.error ? `fails with ${contract.error.name}` : 'succeeds'
  return `${operation.name} by account ${contract.account} ${outcome}`
}

function isStateValue(value: unknown): value is StateValue {
  return (
    isMatcher(value) &&
    (value as AnyMatcher)['pact:generator:type'] === 'ProviderState' &&
    typeof (value as Partial<StateValue>).expression === 'string'
  )
}
