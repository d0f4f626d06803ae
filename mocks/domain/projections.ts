/**
 * Domain layer: state records → the wire shapes of the model, one projection per shape.
 *
 * @note Each projection is a new top-level object, but nested values (lists, payment and result
 * configurations) are shared with the store, not deep-copied: the store never edits a stored value in place
 * (an update replaces it), and the protocol layer serializes every output at once. A deep copy here was half
 * the cost of a GetMembership (docs/benchmarks.md). Treat outputs as read-only.
 */
import type {
  Collaboration,
  MemberSummary,
  Membership,
  MembershipSummary,
  PaymentConfiguration,
} from '../generated/types.ts'
import { payersOf } from './payers-of.ts'
import { buildPaymentConfiguration, PAYMENT_CATEGORIES } from './payment-categories.ts'
import type { CollaborationRecord, MembershipRecord, ParticipantRecord, PaymentCategoryKey } from './state.ts'

/** The collaboration as `caller` sees it: `memberStatus` and `membershipId`/`membershipArn` are the caller's. */
export function toCollaboration(record: CollaborationRecord, callerAccountId: string): Collaboration {
  const own = record.participants.find((p) => p.accountId === callerAccountId)
  const out: Collaboration = {
    id: record.id,
    arn: record.arn,
    name: record.name,
    creatorAccountId: record.creatorAccountId,
    creatorDisplayName: record.creatorDisplayName,
    createTime: record.createTime,
    updateTime: record.updateTime,
    memberStatus: own?.status ?? 'INVITED',
    queryLogStatus: record.queryLogStatus,
  }
  setDefined(out, record, [
    'description',
    'dataEncryptionMetadata',
    'jobLogStatus',
    'analyticsEngine',
    'autoApprovedChangeTypes',
    'allowedResultRegions',
    'isMetricsEnabled',
  ])
  if (own?.membershipId !== undefined) out.membershipId = own.membershipId
  if (own?.membershipArn !== undefined) out.membershipArn = own.membershipArn
  return out
}

/**
 * One participant for ListMembers. `paymentConfiguration` is the effective view (R-PAY-3): every category in
 * play, `true` for its payer and `false` for everyone else.
 */
export function toMemberSummary(
  participant: ParticipantRecord,
  collaboration: CollaborationRecord,
): MemberSummary {
  const out: MemberSummary = {
    accountId: participant.accountId,
    status: participant.status,
    displayName: participant.displayName,
    abilities: participant.abilities,
    createTime: participant.createTime,
    updateTime: participant.updateTime,
    paymentConfiguration: effectivePaymentConfiguration(collaboration, participant.accountId),
  }
  setDefined(out, participant, ['mlAbilities', 'membershipId', 'membershipArn'])
  return out
}

/** The full membership (GetMembership, CreateMembership, UpdateMembership). */
export function toMembership(record: MembershipRecord, collaboration: CollaborationRecord): Membership {
  const out: Membership = {
    id: record.id,
    arn: record.arn,
    collaborationArn: collaboration.arn,
    collaborationId: record.collaborationId,
    collaborationCreatorAccountId: collaboration.creatorAccountId,
    collaborationCreatorDisplayName: collaboration.creatorDisplayName,
    collaborationName: collaboration.name,
    createTime: record.createTime,
    updateTime: record.updateTime,
    status: record.status,
    memberAbilities: record.memberAbilities,
    queryLogStatus: record.queryLogStatus,
    paymentConfiguration: record.paymentConfiguration,
  }
  setDefined(out, record, [
    'mlMemberAbilities',
    'jobLogStatus',
    'defaultResultConfiguration',
    'defaultJobResultConfiguration',
    'isMetricsEnabled',
  ])
  return out
}

/** The membership as ListMemberships shows it (no log statuses, result configurations or metrics flag). */
export function toMembershipSummary(
  record: MembershipRecord,
  collaboration: CollaborationRecord,
): MembershipSummary {
  const out: MembershipSummary = {
    id: record.id,
    arn: record.arn,
    collaborationArn: collaboration.arn,
    collaborationId: record.collaborationId,
    collaborationCreatorAccountId: collaboration.creatorAccountId,
    collaborationCreatorDisplayName: collaboration.creatorDisplayName,
    collaborationName: collaboration.name,
    createTime: record.createTime,
    updateTime: record.updateTime,
    status: record.status,
    memberAbilities: record.memberAbilities,
    paymentConfiguration: record.paymentConfiguration,
  }
  setDefined(out, record, ['mlMemberAbilities'])
  return out
}

/** R-PAY-3: an account's responsibility in every category in play of a collaboration (R-CAND-4: every candidate is `true`). */
export function effectivePaymentConfiguration(
  collaboration: CollaborationRecord,
  accountId: string,
): PaymentConfiguration {
  const values = new Map<PaymentCategoryKey, boolean>()
  for (const category of PAYMENT_CATEGORIES) {
    if (collaboration.payers[category.key] !== undefined) {
      values.set(category.key, payersOf(collaboration, category).includes(accountId))
    }
  }
  // queryCompute is required in the output; it is always in play, this only guards hand-made snapshots.
  if (!values.has('queryCompute')) values.set('queryCompute', false)
  return buildPaymentConfiguration(values)
}

/** Copies the listed optional members that are defined (exactOptionalPropertyTypes: absent, never undefined). */
function setDefined<T extends object, S extends Partial<T>, K extends keyof T & keyof S>(
  target: T,
  source: S,
  keys: readonly K[],
): void {
  for (const key of keys) {
    const value = source[key]
    if (value !== undefined) target[key] = value as T[K]
  }
}
