/**
 * Domain layer: what differs between the service's model dates, as data the rules read (RULES.md "Model
 * profiles"). A profile is built in mocks/profiles.ts from its generated tables; the domain never asks which
 * date it runs.
 */
import { decisions } from './decisions.ts'
import { PAYMENT_CATEGORIES, type PaymentCategory } from './payment-categories.ts'
import type { PaymentCategoryKey } from './state.ts'

/** The behaviour differences of one model profile. */
export interface ServiceRules {
  /** The payment categories the model has, in table order (R-MODEL-2: only `queryCompute` on 2023-11-14). */
  readonly categories: readonly PaymentCategory[]
  /**
   * R-PAY-1: how many participants the creator may set `true` per category; undefined when any number may be
   * (R-CAND-1, payer candidates).
   */
  readonly maxPayersPerCategory: number | undefined
  /**
   * R-PAY-2 / R-CAND-2: categories whose default payer may never be set `false`, even while another
   * participant is set `true` (jobCompute with payer candidates: the model keeps that sentence for jobs).
   */
  readonly defaultPayerMayNotDecline: readonly PaymentCategoryKey[]
  /** R-CAND-4: UpdateMembership takes `membershipPaymentConfiguration` (R-PAY-6 otherwise). */
  readonly paymentUpdatable: boolean
}

/** The rules of the default profile (2026-04-17): every category, exactly one payer, payment fixed. */
export const DEFAULT_RULES: ServiceRules = {
  categories: PAYMENT_CATEGORIES,
  maxPayersPerCategory: 1,
  defaultPayerMayNotDecline: [],
  paymentUpdatable: false,
}

/** What a profile's generated shape table tells the domain: which payment members exist. */
export interface ModelFacts {
  /** Member names of `PaymentConfiguration`, and of each structure a member points at. */
  paymentMembers: ReadonlyMap<string, ReadonlySet<string> | undefined>
  /** The model has `UpdateMembershipInput.membershipPaymentConfiguration`. */
  paymentUpdatable: boolean
  /** The model's `isResponsible` documents payer candidates (2026-06-30 on) rather than one payer. */
  payerCandidates: boolean
}

/**
 * The rules for a model: the categories are those its `PaymentConfiguration` has; payer candidates bring
 * R-CAND-1 (any number of `true`) and R-CAND-2 (`decisions.candidateDefaultPayerMayNotDecline`).
 */
export function rulesFor(facts: ModelFacts): ServiceRules {
  const categories = PAYMENT_CATEGORIES.filter((category) =>
    category.group === undefined
      ? facts.paymentMembers.has(category.member)
      : (facts.paymentMembers.get(category.group)?.has(category.member) ?? false),
  )
  return {
    categories,
    maxPayersPerCategory: facts.payerCandidates ? undefined : 1,
    defaultPayerMayNotDecline: facts.payerCandidates ? decisions.candidateDefaultPayerMayNotDecline : [],
    paymentUpdatable: facts.paymentUpdatable,
  }
}
