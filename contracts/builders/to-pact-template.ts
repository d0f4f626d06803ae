/** Contracts layer: turns an example value into a Pact template, choosing each matcher from the spec. */
import { MatchersV3 } from '@pact-foundation/pact'
import { isRecord } from '../../mocks/internal/is-record.ts'
import type { FieldPlan, ShapePlan, ShapePlans } from './shape-plan.ts'

const { boolean, eachLike, equal, integer, number, regex, string } = MatchersV3

/**
 * Whether `value` is a Pact matcher the consumer wrote. Pact's own `isMatcher` also wants a `value`,
 * which `arrayContaining` (its example is its `variants`) has not: it would be taken for an object.
 */
export function isPactMatcher(value: unknown): boolean {
  return (
    (typeof value === 'object' &&
      value !== null &&
      typeof (value as Record<string, unknown>)['pact:matcher:type'] === 'string') ||
    MatchersV3.isMatcher(value)
  )
}

const isMatcher = isPactMatcher

/**
 * How strict to be with examples that break the spec. Requests may break it on purpose (a contract
 * for a ValidationException sends a bad value), so such a value is kept exact; a response that breaks
 * it describes something the provider never returns, so it is refused.
 */
export type ExampleMode = 'request' | 'response'

/**
 * Walks `value` alongside its shape's plan and wraps each leaf in the matcher the spec implies:
 * patterns → regex, enums → regex of the alternatives, timestamps → number, lists → eachLike (one
 * element) or element-wise (several: their order and count become part of the contract), payer
 * flags → exact. A Pact matcher the consumer wrote itself is kept as it is.
 * @throws Error when a response example does not satisfy the spec (the message names the path).
 */
export function toPactTemplate(
  value: unknown,
  field: FieldPlan,
  plans: ShapePlans,
  mode: ExampleMode,
  path: string,
): unknown {
  if (value === undefined || isMatcher(value)) return value
  const plan = resolvePlan(field, plans)
  const problem = (what: string): unknown => {
    if (mode === 'request') return equal(value)
    throw new Error(`response example ${path} ${what} (got ${JSON.stringify(value)})`)
  }
  switch (plan.kind) {
    case 'object': {
      if (!isRecord(value)) return problem('must be an object')
      const out: Record<string, unknown> = {}
      for (const [key, member] of Object.entries(value)) {
        if (member === undefined) continue
        const memberPlan = plan.members[key]
        if (memberPlan === undefined) {
          if (mode === 'request') out[key] = equal(member)
          else throw new Error(`response example ${path}.${key} is not a member of this shape`)
          continue
        }
        out[key] = toPactTemplate(member, memberPlan, plans, mode, `${path}.${key}`)
      }
      return out
    }
    case 'map': {
      if (!isRecord(value)) return problem('must be an object')
      const out: Record<string, unknown> = {}
      for (const [key, member] of Object.entries(value)) {
        out[key] = toPactTemplate(member, plan.value, plans, mode, `${path}.${key}`)
      }
      return out
    }
    case 'list': {
      if (!Array.isArray(value)) return problem('must be a list')
      const items = value.map((item, index) =>
        toPactTemplate(item, plan.item, plans, mode, `${path}.${index}`),
      )
      // One example element: "a list of these". Several: the contract is those elements, in order.
      return items.length === 1 ? eachLike(items[0], 1) : items
    }
    case 'regex':
      if (typeof value !== 'string' || !new RegExp(plan.pattern).test(value)) {
        return problem(`must match ${plan.pattern}`)
      }
      return regex(plan.pattern, value)
    case 'enum':
      if (typeof value !== 'string' || !plan.values.includes(value)) {
        return problem(`must be one of ${plan.values.join(', ')}`)
      }
      return regex(enumPattern(plan.values), value)
    case 'string':
      return typeof value === 'string' ? string(value) : problem('must be a string')
    case 'integer':
      return Number.isInteger(value) ? integer(value as number) : problem('must be an integer')
    case 'number':
    case 'timestamp':
      // restJson1 timestamps are epoch seconds as JSON numbers; `number` accepts fractions too.
      return typeof value === 'number' && Number.isFinite(value)
        ? number(value)
        : problem(plan.kind === 'timestamp' ? 'must be epoch seconds as a JSON number' : 'must be a number')
    case 'boolean':
      if (typeof value !== 'boolean') return problem('must be a boolean')
      // `equal`, not the bare value: under an eachLike the type matcher would cascade onto it.
      return plan.exact ? equal(value) : boolean(value)
  }
}

/** An anchored regex accepting exactly the enum's values. */
function enumPattern(values: readonly string[]): string {
  return `^(${values.map(escapeRegex).join('|')})$`
}

/** Escapes regex metacharacters so `text` matches itself. */
export function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

/** The plan of a field, following a named reference. */
export function resolvePlan(field: FieldPlan, plans: ShapePlans): ShapePlan {
  if (typeof field !== 'string') return field
  const plan = plans[field]
  if (!plan) throw new Error(`no shape plan named ${field}`)
  return plan
}
