/** Domain layer: the one table of payment categories that every who-pays rule iterates over. */
import type {
  MemberAbility,
  MembershipPaymentConfiguration,
  PaymentConfiguration,
} from '../generated/types.ts'
import type { PaymentCategoryKey } from './state.ts'

/** One payment category: where it sits in a payment configuration, and who pays by default. */
export interface PaymentCategory {
  key: PaymentCategoryKey
  /** The enclosing member of the payment configuration, for the machine-learning categories. */
  group: 'machineLearning' | undefined
  /** The member holding `{ isResponsible }`. */
  member: string
  /** Who pays when the creator set nobody `true` (RULES.md "Who pays"); undefined: nobody by default. */
  defaultPayerAbility: MemberAbility | undefined
}

/**
 * Every payment category of the target model, in the order the model lists them. Adding a category is
 * adding a row here (and its key to `PaymentCategoryKey`).
 */
export const PAYMENT_CATEGORIES: readonly PaymentCategory[] = [
  { key: 'queryCompute', group: undefined, member: 'queryCompute', defaultPayerAbility: 'CAN_QUERY' },
  { key: 'jobCompute', group: undefined, member: 'jobCompute', defaultPayerAbility: 'CAN_RUN_JOB' },
  {
    key: 'machineLearning.modelTraining',
    group: 'machineLearning',
    member: 'modelTraining',
    defaultPayerAbility: 'CAN_QUERY',
  },
  {
    key: 'machineLearning.modelInference',
    group: 'machineLearning',
    member: 'modelInference',
    defaultPayerAbility: 'CAN_QUERY',
  },
  {
    key: 'machineLearning.syntheticDataGeneration',
    group: 'machineLearning',
    member: 'syntheticDataGeneration',
    defaultPayerAbility: undefined,
  },
]

/** The row of a category key. */
export function paymentCategory(key: PaymentCategoryKey): PaymentCategory {
  const category = PAYMENT_CATEGORIES.find((row) => row.key === key)
  if (category === undefined) throw new TypeError(`unknown payment category ${key}`)
  return category
}

/**
 * The creator-set and the member-accepted shapes have the same layout, so one reader serves both.
 * Returns undefined when the category is not set.
 */
export function readResponsibility(
  config: PaymentConfiguration | MembershipPaymentConfiguration | undefined,
  category: PaymentCategory,
): boolean | undefined {
  if (config === undefined) return undefined
  const section: object | undefined = category.group === undefined ? config : config[category.group]
  const entry = (section as Record<string, { isResponsible?: unknown } | undefined> | undefined)?.[
    category.member
  ]
  return typeof entry?.isResponsible === 'boolean' ? entry.isResponsible : undefined
}

/** The dotted field path of a category's flag below a payment configuration (`machineLearning.modelTraining.isResponsible`). */
export function responsibilityPath(category: PaymentCategory): string {
  return `${category.key}.isResponsible`
}

/**
 * Builds a payment configuration holding exactly the given categories. `queryCompute` is required in every
 * shape that carries one, and it is always in play (R-PAY-3), so callers always pass it.
 */
export function buildPaymentConfiguration(
  values: ReadonlyMap<PaymentCategoryKey, boolean>,
): MembershipPaymentConfiguration & PaymentConfiguration {
  const result: Record<string, Record<string, unknown>> = {}
  for (const category of PAYMENT_CATEGORIES) {
    const isResponsible = values.get(category.key)
    if (isResponsible === undefined) continue
    if (category.group === undefined) {
      result[category.member] = { isResponsible }
    } else {
      const group = result[category.group] ?? {}
      group[category.member] = { isResponsible }
      result[category.group] = group
    }
  }
  return result as unknown as MembershipPaymentConfiguration & PaymentConfiguration
}
