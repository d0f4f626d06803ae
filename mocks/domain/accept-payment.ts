/** Domain layer: what a joining member must accept to pay, per category of the one table (R-PAY-4, R-PAY-5). */
import type { MembershipPaymentConfiguration } from '../generated/types.ts'
import {
  buildPaymentConfiguration,
  PAYMENT_CATEGORIES,
  readResponsibility,
  responsibilityPath,
} from './payment-categories.ts'
import type { RuleViolation } from './rule-violations.ts'
import type { CollaborationRecord, ParticipantRecord, PaymentCategoryKey } from './state.ts'

/**
 * Checks the `paymentConfiguration` a participant sends with CreateMembership against the payers fixed at
 * creation, and returns the configuration to store: complete for every category in play, whatever was sent.
 *
 * - R-PAY-4: a category sent must equal the caller's effective responsibility.
 * - R-PAY-5: a category may be left out when the caller is not responsible, or holds the category's
 *   default-payer ability; a payer without that ability must send it `true`. A category not in play cannot be
 *   claimed `true`.
 */
export function acceptPayment(
  collaboration: CollaborationRecord,
  participant: ParticipantRecord,
  sent: MembershipPaymentConfiguration | undefined,
): { paymentConfiguration: MembershipPaymentConfiguration; violations: RuleViolation[] } {
  const values = new Map<PaymentCategoryKey, boolean>()
  const violations: RuleViolation[] = []
  const account = participant.accountId
  for (const category of PAYMENT_CATEGORIES) {
    const field = `paymentConfiguration.${responsibilityPath(category)}`
    const claimed = readResponsibility(sent, category)
    const payer = collaboration.payers[category.key]
    if (payer === undefined) {
      if (claimed === true) {
        violations.push({
          field,
          message: `Nobody pays for ${category.key} in collaboration ${collaboration.id}, so account ${account} cannot accept to pay for it.`,
        })
      }
      continue
    }
    const responsible = payer === account
    values.set(category.key, responsible)
    if (claimed === undefined) {
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
          : `Account ${account} is not responsible for paying for ${category.key} in collaboration ${collaboration.id} ` +
            `(${payer === null ? 'nobody is' : `account ${payer} is`}), so ${field} cannot be true.`,
      })
    }
  }
  return { paymentConfiguration: buildPaymentConfiguration(values), violations }
}
