/** Contracts layer: adds one PactV4 interaction for an operation, from its spec bindings and an example. */
import { MatchersV3, type PactV4, type TemplateHeaders, type TemplateQuery } from '@pact-foundation/pact'
import type { OperationDescriptor } from '../../mocks/generated/operations.ts'
import { authorizationMatcher } from './authorization-matcher.ts'
import type { AnyMatcher, LooseContract, PactInteraction, ProviderState } from './contract-types.ts'
import type { ShapePlans } from './shape-plan.ts'
import { escapeRegex, resolvePlan, toPactTemplate } from './to-pact-template.ts'

const { fromProviderState, isMatcher, regex } = MatchersV3

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

  let interaction = pact.addInteraction()
  for (const state of statesOf(contract)) interaction = interaction.given(state.name, state.params)
  interaction = interaction.uponReceiving(contract.uponReceiving ?? describe(operation, contract))

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

  const withRequest = interaction.withRequest(operation.method, buildPath(operation, input), (builder) => {
    builder.headers(headers)
    if (query) builder.query(query)
    if (body) builder.jsonBody(body)
  })

  const { status, responseHeaders, responseBody } = expectedResponse(operation, contract, plans)
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

function statesOf(contract: LooseContract): ProviderState[] {
  if (contract.state === undefined) return []
  if (typeof contract.state === 'string') {
    return [
      contract.stateParams
        ? { name: contract.state, params: contract.stateParams }
        : { name: contract.state },
    ]
  }
  return [...contract.state]
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
