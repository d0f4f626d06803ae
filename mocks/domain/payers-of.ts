/** Domain layer: who pays for a category of a collaboration, in play or not (R-PAY-3, R-CAND-1). */
import type { PaymentCategory } from './payment-categories.ts'
import type { CollaborationRecord } from './state.ts'

/**
 * The accounts responsible for a category: its payer candidates (R-CAND-1), else its effective payer, else, for
 * a category not in play, its default payer (R-PAY-3: the member who can query pays for model training and
 * inference even when the creator never named them). Empty when nobody pays.
 */
export function payersOf(collaboration: CollaborationRecord, category: PaymentCategory): readonly string[] {
  const candidates = collaboration.payerCandidates?.[category.key]
  if (candidates !== undefined) return candidates
  const payer = collaboration.payers[category.key]
  if (payer !== undefined) return payer === null ? [] : [payer]
  const ability = category.defaultPayerAbility
  const holder =
    ability === undefined ? undefined : collaboration.participants.find((p) => p.abilities.includes(ability))
  return holder === undefined ? [] : [holder.accountId]
}
