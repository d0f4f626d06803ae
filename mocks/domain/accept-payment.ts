/** Domain layer: what a joining member must accept to pay, per category of the one table (R-PAY-4, R-PAY-5). */
import type { MembershipPaymentConfiguration } from '../generated/types.ts'
import { payersOf } from './payers-of.ts'
import { buildPaymentConfiguration, readResponsibility, responsibilityPath } from './payment-categories.ts'
import type { ServiceRules } from './profile-rules.ts'
import type { RuleViolation } from './rule-violations.ts'
import type { CollaborationRecord, ParticipantRecord, PaymentCategoryKey } from './state.ts'

/**
 * Checks the `paymentConfiguration` a participant sends with CreateMembership against the payers fixed at
 * creation, and returns the configuration to store: complete for every category in play, plus every category
 * the caller sent, whatever was sent.
 *
 * - R-PAY-4: a category sent must equal the caller's effective responsibility, in play or not (R-PAY-3: the
 *   member who can query is the default payer of model training and inference even when nobody named them);
 * - R-PAY-5: a category may be left out when the caller is not responsible, or holds the category's
 *   default-payer ability; a payer without that ability must send it `true`.
 * - R-CAND-3 (profiles with payer candidates): "responsible" is "one of the category's candidates".
 */
export function acceptPayment(
  collaboration: CollaborationRecord,
  participant: ParticipantRecord,
  sent: MembershipPaymentConfiguration | undefined,
  rules: ServiceRules,
): { paymentConfiguration: MembershipPaymentConfiguration; violations: RuleViolation[] } {
  const values = new Map<PaymentCategoryKey, boolean>()
  const violations: RuleViolation[] = []
  const account = participant.accountId
  for (const category of rules.categories) {
    const field = `paymentConfiguration.${responsibilityPath(category)}`
    const claimed = readResponsibility(sent, category)
    const inPlay = collaboration.payers[category.key] !== undefined
    if (!inPlay && claimed === undefined) continue
    const payers = payersOf(collaboration, category)
    const responsible = payers.includes(account)
    if (claimed === undefined) {
      values.set(category.key, responsible)
      const ability = category.defaultPayerAbility
      const mayOmit = !responsible || (ability !== undefined && participant.abilities.includes(ability))
      if (!mayOmit) {
        violations.push({
          field,
          message:
            `Account ${account} was set by the collaboration creator to pay for ${category.key}` +
            `${ability === undefined ? '' : ` and does not have ${ability}`}, so it must accept by sending ${field} true.`,
        })
      }
    } else if (claimed !== responsible) {
      violations.push({
        field,
        message: responsible
          ? `Account ${account} is responsible for paying for ${category.key} in collaboration ${collaboration.id}, so ${field} cannot be false.`
          : payers.length === 0 && !inPlay
            ? `Nobody pays for ${category.key} in collaboration ${collaboration.id}, so account ${account} cannot accept to pay for it.`
            : `Account ${account} is not responsible for paying for ${category.key} in collaboration ${collaboration.id} ` +
              `(${payers.length === 0 ? 'nobody is' : payers.length === 1 ? `account ${payers[0]} is` : `accounts ${payers.join(', ')} are`}), so ${field} cannot be true.`,
      })
    } else {
      values.set(category.key, claimed)
    }
  }
  return { paymentConfiguration: buildPaymentConfiguration(values), violations }
}
