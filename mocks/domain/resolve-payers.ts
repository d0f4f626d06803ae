/** Domain layer: who pays for each category, decided once when a collaboration is created (R-PAY-1..3, R-CAND-1..2). */
import type { MemberAbility, PaymentConfiguration } from '../generated/types.ts'
import { decisions } from './decisions.ts'
import { type PaymentCategory, readResponsibility, responsibilityPath } from './payment-categories.ts'
import type { ServiceRules } from './profile-rules.ts'
import type { RuleViolation } from './rule-violations.ts'
import type { CollaborationRecord, EffectivePayers, PaymentCategoryKey } from './state.ts'

/** A participant as the payer rules see it. */
export interface PayerCandidate {
  accountId: string
  abilities: readonly MemberAbility[]
  /** What the creator set for this participant, if anything. */
  paymentConfiguration: PaymentConfiguration | undefined
  /** Input path of that payment configuration, for error fields (`creatorPaymentConfiguration`, `members.0.paymentConfiguration`). */
  paymentField: string
}

/** The payers of a new collaboration, as stored on its record. */
export type ResolvedPayers = Pick<CollaborationRecord, 'payers' | 'payerCandidates'>

/**
 * Applies the who-pays rules to every category of the profile (`rules.categories`):
 * - R-PAY-1: at most `rules.maxPayersPerCategory` participants set `true` per category (one; any number with
 *   payer candidates, R-CAND-1);
 * - R-PAY-2 / R-CAND-2: nobody `true` means the default payer pays, and it may not be set `false` then;
 *   set `false` while another participant is `true` is accepted (decision: the payer moved), except for the
 *   categories in `rules.defaultPayerMayNotDecline`;
 * - R-PAY-3: the result holds the effective payer of every category in play, `null` when nobody pays, and
 *   (R-CAND-1) the candidates of every category that has several.
 */
export function resolvePayers(
  participants: readonly PayerCandidate[],
  rules: ServiceRules,
): ResolvedPayers & { violations: RuleViolation[] } {
  const payers: EffectivePayers = {}
  const payerCandidates: Partial<Record<PaymentCategoryKey, string[]>> = {}
  const violations: RuleViolation[] = []
  for (const category of rules.categories) {
    const outcome = resolveCategory(category, participants, rules)
    if ('violation' in outcome) {
      violations.push(outcome.violation)
    } else if (isInPlay(category, participants)) {
      payers[category.key] = outcome.payers[0] ?? null
      if (outcome.payers.length > 1) payerCandidates[category.key] = outcome.payers
    }
  }
  return Object.keys(payerCandidates).length === 0
    ? { payers, violations }
    : { payers, payerCandidates, violations }
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
  rules: ServiceRules,
): { payers: string[] } | { violation: RuleViolation } {
  const setTrue = participants.filter((p) => readResponsibility(p.paymentConfiguration, category) === true)
  const limit = rules.maxPayersPerCategory
  const extra = limit === undefined ? undefined : setTrue[limit]
  if (extra !== undefined) {
    return {
      violation: {
        field: `${extra.paymentField}.${responsibilityPath(category)}`,
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
    const anotherPays = setTrue.length > 0
    const mayDecline =
      decisions.defaultPayerMayDeclineWhenAnotherPays &&
      !rules.defaultPayerMayNotDecline.includes(category.key)
    if (!anotherPays || !mayDecline) {
      return {
        violation: {
          field: `${defaultPayer.paymentField}.${responsibilityPath(category)}`,
          message: mayDecline
            ? `Account ${defaultPayer.accountId} has ${ability} and so pays for ${category.key} by default; ` +
              'it cannot be set false unless another participant is set true.'
            : `Account ${defaultPayer.accountId} has ${ability}, so it cannot be set false for ${category.key}.`,
        },
      }
    }
  }
  if (setTrue.length > 0) return { payers: setTrue.map((p) => p.accountId) }
  return { payers: defaultPayer === undefined ? [] : [defaultPayer.accountId] }
}
