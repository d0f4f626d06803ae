/** Domain layer: every behaviour RULES.md marks **decision**, in one place, so each can be changed here alone. */
import { ConflictException, ResourceNotFoundException } from '../generated/errors.ts'
import type { MemberAbility, MemberStatus } from '../generated/types.ts'
import type { CollaborationRecord, ParticipantRecord, PaymentCategoryKey } from './state.ts'

/**
 * The decisions that are data. Code reads them from here; nothing else repeats them. The decisions that are
 * errors (which exception, which reason) are the functions below.
 * @see docs/behaviour.md for each rule id, and the project's design notes (RULES.md) for the wording.
 */
export const decisions = {
  /** R-WIRE-6: a business-rule failure is a ValidationException with this reason. */
  businessRuleReason: 'INVALID_CONFIGURATION',
  /** R-COL-1: `members` may not name the creator's own account. */
  rejectCreatorInMembers: true,
  /** R-COL-1: `members` may not name one account twice. */
  rejectDuplicateMembers: true,
  /**
   * R-COL-2: how many participants (creator included) may hold an ability. CAN_QUERY's limit is documented;
   * CAN_RUN_JOB's is the decision. Zero holders is allowed for both.
   */
  maxHoldersOfAbility: { CAN_QUERY: 1, CAN_RUN_JOB: 1 } as Readonly<Partial<Record<MemberAbility, number>>>,
  /**
   * R-PAY-2: the default payer set `false` is accepted while another participant is set `true` (the payer
   * moved); it is rejected only when nobody else pays.
   */
  defaultPayerMayDeclineWhenAnotherPays: true,
  /**
   * R-CAND-2 (profiles with payer candidates): categories whose default payer may not be set `false` even while
   * another participant is set `true`. The 2026-06-30 model keeps "an error is returned if the creator sets FALSE
   * for the member who can run queries and jobs" for jobCompute only.
   */
  candidateDefaultPayerMayNotDecline: ['jobCompute'] as readonly PaymentCategoryKey[],
  /** R-PAY-3: categories in play even when the creator set nobody for them. */
  alwaysInPlay: ['queryCompute'] as readonly PaymentCategoryKey[],
  /** R-PAY-3: categories in play as soon as some participant holds an ability. */
  inPlayWhenHeld: { jobCompute: 'CAN_RUN_JOB' } as Readonly<
    Partial<Record<PaymentCategoryKey, MemberAbility>>
  >,
  /** R-LIST-1: besides the creator, members in these statuses may list the members. */
  statusesThatMayListMembers: ['INVITED', 'ACTIVE'] as readonly MemberStatus[],
  /** R-LIST-3: page size when `maxResults` is absent. */
  defaultMaxResults: 100,
  /** R-LIST-3: the ValidationException reason for a bad `nextToken` (it is an input field that fails). */
  invalidTokenReason: 'FIELD_VALIDATION_FAILED',
  /**
   * R-UPD-1: `updateTime` moves forward by at least this much (seconds) on each update, so it moves even
   * when the injected clock is frozen, as it is in most tests.
   */
  minimumUpdateStepSeconds: 0.001,
} as const

/**
 * R-MEM-1, R-LIST-1 (decision): a collaboration the caller may not see is reported exactly like one that
 * does not exist, so the mock never reveals other accounts' resources.
 */
export function collaborationNotFound(collaborationId: string): ResourceNotFoundException {
  return new ResourceNotFoundException({
    message: `Collaboration ${collaborationId} was not found`,
    resourceId: collaborationId,
    resourceType: 'COLLABORATION',
  })
}

/** R-GET-1, R-UPD-1: another account's membership is reported exactly like a missing one. */
export function membershipNotFound(membershipId: string): ResourceNotFoundException {
  return new ResourceNotFoundException({
    message: `Membership ${membershipId} was not found`,
    resourceId: membershipId,
    resourceType: 'MEMBERSHIP',
  })
}

/**
 * R-MEM-2: why a participant may not join again, or undefined when it may (it is still INVITED).
 * ACTIVE is ALREADY_EXISTS; LEFT and REMOVED are INVALID_STATE (decision).
 */
export function rejoinConflict(
  collaboration: CollaborationRecord,
  participant: ParticipantRecord,
): ConflictException | undefined {
  if (participant.status === 'INVITED') return undefined
  const resource =
    participant.membershipId !== undefined
      ? { resourceId: participant.membershipId, resourceType: 'MEMBERSHIP' as const }
      : { resourceId: collaboration.id, resourceType: 'COLLABORATION' as const }
  if (participant.status === 'ACTIVE') {
    return new ConflictException({
      message: `Account ${participant.accountId} already has an active membership in collaboration ${collaboration.id}`,
      reason: 'ALREADY_EXISTS',
      ...resource,
    })
  }
  return new ConflictException({
    message: `Account ${participant.accountId} cannot join collaboration ${collaboration.id}: its member status is ${participant.status}`,
    reason: 'INVALID_STATE',
    ...resource,
  })
}

/** R-UPD-2: only an ACTIVE membership can be updated. */
export function membershipNotActive(membershipId: string, status: string): ConflictException {
  return new ConflictException({
    message: `Membership ${membershipId} cannot be updated: its status is ${status}`,
    reason: 'INVALID_STATE',
    resourceId: membershipId,
    resourceType: 'MEMBERSHIP',
  })
}
