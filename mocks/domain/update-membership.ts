/** Domain layer: UpdateMembership (R-UPD-1, R-UPD-2, R-PAY-6, R-CAND-4). */
import type { UpdateMembershipInput, UpdateMembershipOutput } from '../generated/types.ts'
import { changePayment, type PaymentUpdate } from './change-payment.ts'
import { checkMembershipSettings } from './check-membership-settings.ts'
import { decisions, membershipNotActive } from './decisions.ts'
import { findOwnMembership } from './get-membership.ts'
import { toMembership } from './projections.ts'
import { throwIfViolated } from './rule-violations.ts'
import { type Caller, copyJson, type DomainDeps, type MembershipRecord, toEpochSeconds } from './state.ts'
import type { Store } from './store.ts'

/**
 * Replaces the members present in the input and keeps the others (R-UPD-1). The rules of R-MEM-3 and R-MEM-4
 * apply to the membership as it would be after the update (R-UPD-2). `createTime` never changes;
 * `updateTime` moves forward. Payment is updatable only in a profile whose model has
 * `membershipPaymentConfiguration` (R-CAND-4, `store.rules.paymentUpdatable`); elsewhere it never changes
 * (R-PAY-6): the member is unknown there, and ignored like every unknown member.
 * @throws ResourceNotFoundException `MEMBERSHIP` (not the caller's), ConflictException `INVALID_STATE`
 *   (membership not ACTIVE), ValidationException `INVALID_CONFIGURATION`
 */
export function updateMembership(
  store: Store,
  caller: Caller,
  input: UpdateMembershipInput & { membershipPaymentConfiguration?: PaymentUpdate },
  deps: DomainDeps,
): UpdateMembershipOutput {
  const { region, membership, collaboration } = findOwnMembership(store, caller, input.membershipIdentifier)
  if (membership.status !== 'ACTIVE') throw membershipNotActive(membership.id, membership.status)

  // Present members replace, absent ones stay (PATCH semantics); inputs are copied so the caller keeps its objects.
  const next: MembershipRecord = { ...membership }
  if (input.queryLogStatus !== undefined) next.queryLogStatus = input.queryLogStatus
  if (input.jobLogStatus !== undefined) next.jobLogStatus = input.jobLogStatus
  if (input.defaultResultConfiguration !== undefined) {
    next.defaultResultConfiguration = copyJson(input.defaultResultConfiguration)
  }
  if (input.defaultJobResultConfiguration !== undefined) {
    next.defaultJobResultConfiguration = copyJson(input.defaultJobResultConfiguration)
  }
  const violations = checkMembershipSettings(
    next,
    { accountId: caller.accountId, abilities: membership.memberAbilities },
    collaboration,
  )
  const payment = input.membershipPaymentConfiguration
  if (payment !== undefined && store.rules.paymentUpdatable) {
    const changed = changePayment(region, collaboration, membership, payment, store.rules)
    next.paymentConfiguration = changed.paymentConfiguration
    violations.push(...changed.violations)
  }
  throwIfViolated(violations)

  const step = decisions.minimumUpdateStepSeconds
  // Rounded to the millisecond so the number prints as the clock would have produced it.
  next.updateTime = Math.max(
    toEpochSeconds(deps.now()),
    Math.round((membership.updateTime + step) * 1000) / 1000,
  )
  store.replaceMembership(caller.region, next)
  return { membership: toMembership(next, collaboration) }
}
