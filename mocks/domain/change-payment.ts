/** Domain layer: a payer candidate accepts or declines a category through UpdateMembership (R-CAND-4). */
import type { MembershipPaymentConfiguration } from '../generated/types.ts'
import { payersOf } from './payers-of.ts'
import {
  buildPaymentConfiguration,
  PAYMENT_CATEGORIES,
  type PaymentCategory,
  readResponsibility,
  responsibilityPath,
} from './payment-categories.ts'
import type { ServiceRules } from './profile-rules.ts'
import type { RuleViolation } from './rule-violations.ts'
import {
  type CollaborationRecord,
  lookup,
  type MembershipRecord,
  type PaymentCategoryKey,
  type RegionState,
} from './state.ts'

/** UpdateMembership's `membershipPaymentConfiguration`: the membership layout, every category optional. */
export type PaymentUpdate = Partial<MembershipPaymentConfiguration>

/**
 * The membership's payment configuration after `update`, and the rules it breaks (R-CAND-4):
 * - a candidate of a category may accept it (`true`) at any time;
 * - it may decline it (`false`) only while another candidate of the category is an ACTIVE member that has
 *   accepted it, so a category never loses its last accepting payer;
 * - a participant that is not a candidate may not claim `true`; its `false` changes nothing but is stored.
 * Categories absent from `update` keep their value.
 */
export function changePayment(
  region: RegionState,
  collaboration: CollaborationRecord,
  membership: MembershipRecord,
  update: PaymentUpdate,
  rules: ServiceRules,
): { paymentConfiguration: MembershipPaymentConfiguration; violations: RuleViolation[] } {
  const values = new Map<PaymentCategoryKey, boolean>()
  for (const category of PAYMENT_CATEGORIES) {
    const current = readResponsibility(membership.paymentConfiguration, category)
    if (current !== undefined) values.set(category.key, current)
  }
  const violations: RuleViolation[] = []
  const account = membership.accountId
  for (const category of rules.categories) {
    const wanted = readResponsibility(update as MembershipPaymentConfiguration, category)
    if (wanted === undefined) continue
    const field = `membershipPaymentConfiguration.${responsibilityPath(category)}`
    const candidates = payersOf(collaboration, category)
    const isCandidate = candidates.includes(account)
    if (wanted && !isCandidate) {
      violations.push({
        field,
        message: `Account ${account} is not a payer candidate for ${category.key} in collaboration ${collaboration.id}, so ${field} cannot be true.`,
      })
    } else if (!wanted && isCandidate && !anotherHasAccepted(region, collaboration, category, account)) {
      violations.push({
        field,
        message:
          `Account ${account} cannot decline ${category.key} in collaboration ${collaboration.id}: ` +
          'no other payer candidate is an active member that has accepted it.',
      })
    } else {
      values.set(category.key, wanted)
    }
  }
  return { paymentConfiguration: buildPaymentConfiguration(values), violations }
}

/** Whether a candidate other than `account` has an ACTIVE membership that accepted `category`. */
function anotherHasAccepted(
  region: RegionState,
  collaboration: CollaborationRecord,
  category: PaymentCategory,
  account: string,
): boolean {
  return payersOf(collaboration, category).some((candidate) => {
    if (candidate === account) return false
    const participant = collaboration.participants.find((p) => p.accountId === candidate)
    const membership = lookup(region.memberships, participant?.membershipId ?? '')
    return (
      membership?.status === 'ACTIVE' &&
      readResponsibility(membership.paymentConfiguration, category) === true
    )
  })
}
