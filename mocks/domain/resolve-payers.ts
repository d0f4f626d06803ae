/** Domain layer: who pays for each category, decided once when a collaboration is created (R-PAY-1..3). */
import type { MemberAbility, PaymentConfiguration } from '../generated/types.ts'
import { decisions } from './decisions.ts'
import {
  PAYMENT_CATEGORIES,
  type PaymentCategory,
  readResponsibility,
  responsibilityPath,
} from './payment-categories.ts'
import type { RuleViolation } from './rule-violations.ts'
import type { EffectivePayers } from './state.ts'

/** A participant as the payer rules see it. */
export interface PayerCandidate {
  accountId: string
  abilities: readonly MemberAbility[]
  /** What the creator set for this participant, if anything. */
  paymentConfiguration: PaymentConfiguration | undefined
  /** Input path of that payment configuration, for error fields (`creatorPaymentConfiguration`, `members.0.paymentConfiguration`). */
  paymentField: string
}

/**
 * Applies the who-pays rules to every category of the one table (PAYMENT_CATEGORIES):
 * - R-PAY-1: at most one participant set `true` per category;
 * - R-PAY-2: nobody `true` means the default payer pays, and it may not be set `false` then;
 *   set `false` while another participant is `true` is accepted (decision: the payer moved);
 * - R-PAY-3: the result holds the effective payer of every category in play, `null` when nobody pays.
 */
export function resolvePayers(participants: readonly PayerCandidate[]): {
  payers: EffectivePayers
  violations: RuleViolation[]
} {
  const payers: EffectivePayers = {}
  const violations: RuleViolation[] = []
  for (const category of PAYMENT_CATEGORIES) {
    const outcome = resolveCategory(category, participants)
    if ('violation' in outcome) {
      violations.push(outcome.violation)
    } else if (isInPlay(category, participants)) {
      payers[category.key] = outcome.payer
    }
  }
  return { payers, violations }
}

/** R-PAY-3: queryCompute always; any category the creator set for someone; jobCompute once someone can run jobs. */
function isInPlay(category: PaymentCategory, participants: readonly PayerCandidate[]): boolean {
  if (decisions.alwaysInPlay.includes(category.key)) return true
  if (participants.some((p) => readResponsibility(p.paymentConfiguration, category) !== undefined))
    return true
  const ability = decisions.inPlayWhenHeld[category.key]
  return ability !== undefined && participants.some((p) => p.abilities.includes(ability))
}

function resolveCategory(
  category: PaymentCategory,
  participants: readonly PayerCandidate[],
): { payer: string | null } | { violation: RuleViolation } {
  const setTrue = participants.filter((p) => readResponsibility(p.paymentConfiguration, category) === true)
  const [chosen, second] = setTrue
  if (second !== undefined) {
    return {
      violation: {
        field: `${second.paymentField}.${responsibilityPath(category)}`,
        message:
          `Only one participant may be set to pay for ${category.key}, but ${setTrue.length} were set true ` +
          `(accounts ${setTrue.map((p) => p.accountId).join(', ')}).`,
      },
    }
  }
  const ability = category.defaultPayerAbility
  const defaultPayer =
    ability === undefined ? undefined : participants.find((p) => p.abilities.includes(ability))
  const defaultPayerDeclined =
    defaultPayer !== undefined && readResponsibility(defaultPayer.paymentConfiguration, category) === false
  if (defaultPayer !== undefined && defaultPayerDeclined) {
    const anotherPays = chosen !== undefined
    if (!anotherPays || !decisions.defaultPayerMayDeclineWhenAnotherPays) {
      return {
        violation: {
          field: `${defaultPayer.paymentField}.${responsibilityPath(category)}`,
          message:
            `Account ${defaultPayer.accountId} has ${ability} and so pays for ${category.key} by default; ` +
            'it cannot be set false unless another participant is set true.',
        },
      }
    }
  }
  if (chosen !== undefined) return { payer: chosen.accountId }
  return { payer: defaultPayer?.accountId ?? null }
}
