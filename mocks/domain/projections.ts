/** Domain layer: state records → the wire shapes of the model, one projection per shape, always fresh copies. */
import type {
  Collaboration,
  MemberSummary,
  Membership,
  MembershipSummary,
  PaymentConfiguration,
} from '../generated/types.ts'
import { buildPaymentConfiguration, PAYMENT_CATEGORIES } from './payment-categories.ts'
import type { CollaborationRecord, MembershipRecord, ParticipantRecord, PaymentCategoryKey } from './state.ts'
import { copyJson } from './state.ts'

/** The collaboration as `caller` sees it: `memberStatus` and `membershipId`/`membershipArn` are the caller's. */
export function toCollaboration(record: CollaborationRecord, callerAccountId: string): Collaboration {
  const own = record.participants.find((p) => p.accountId === callerAccountId)
  return copyJson({
    ...copyDefined(record, [
      'id',
      'arn',
      'name',
      'description',
      'creatorAccountId',
      'creatorDisplayName',
      'createTime',
      'updateTime',
      'dataEncryptionMetadata',
      'queryLogStatus',
      'jobLogStatus',
      'analyticsEngine',
      'autoApprovedChangeTypes',
      'allowedResultRegions',
      'isMetricsEnabled',
    ]),
    memberStatus: own?.status ?? 'INVITED',
    ...(own?.membershipId !== undefined && { membershipId: own.membershipId }),
    ...(own?.membershipArn !== undefined && { membershipArn: own.membershipArn }),
  })
}

/**
 * One participant for ListMembers. `paymentConfiguration` is the effective view (R-PAY-3): every category in
 * play, `true` for its payer and `false` for everyone else.
 */
export function toMemberSummary(
  participant: ParticipantRecord,
  collaboration: CollaborationRecord,
): MemberSummary {
  return copyJson({
    ...copyDefined(participant, [
      'accountId',
      'status',
      'displayName',
      'abilities',
      'mlAbilities',
      'createTime',
      'updateTime',
      'membershipId',
      'membershipArn',
    ]),
    paymentConfiguration: effectivePaymentConfiguration(collaboration, participant.accountId),
  })
}

/** The full membership (GetMembership, CreateMembership, UpdateMembership). */
export function toMembership(record: MembershipRecord, collaboration: CollaborationRecord): Membership {
  return copyJson({
    ...copyDefined(record, [
      'id',
      'arn',
      'collaborationId',
      'createTime',
      'updateTime',
      'status',
      'memberAbilities',
      'mlMemberAbilities',
      'queryLogStatus',
      'jobLogStatus',
      'defaultResultConfiguration',
      'defaultJobResultConfiguration',
      'paymentConfiguration',
      'isMetricsEnabled',
    ]),
    collaborationArn: collaboration.arn,
    collaborationCreatorAccountId: collaboration.creatorAccountId,
    collaborationCreatorDisplayName: collaboration.creatorDisplayName,
    collaborationName: collaboration.name,
  })
}

/** The membership as ListMemberships shows it (no log statuses, result configurations or metrics flag). */
export function toMembershipSummary(
  record: MembershipRecord,
  collaboration: CollaborationRecord,
): MembershipSummary {
  return copyJson({
    ...copyDefined(record, [
      'id',
      'arn',
      'collaborationId',
      'createTime',
      'updateTime',
      'status',
      'memberAbilities',
      'mlMemberAbilities',
      'paymentConfiguration',
    ]),
    collaborationArn: collaboration.arn,
    collaborationCreatorAccountId: collaboration.creatorAccountId,
    collaborationCreatorDisplayName: collaboration.creatorDisplayName,
    collaborationName: collaboration.name,
  })
}

/** R-PAY-3: an account's responsibility in every category in play of a collaboration. */
export function effectivePaymentConfiguration(
  collaboration: CollaborationRecord,
  accountId: string,
): PaymentConfiguration {
  const values = new Map<PaymentCategoryKey, boolean>()
  for (const category of PAYMENT_CATEGORIES) {
    const payer = collaboration.payers[category.key]
    if (payer !== undefined) values.set(category.key, payer === accountId)
  }
  // queryCompute is required in the output; it is always in play, this only guards hand-made snapshots.
  if (!values.has('queryCompute')) values.set('queryCompute', false)
  return buildPaymentConfiguration(values)
}

/** The listed members of `source` whose value is defined (exactOptionalPropertyTypes: absent, never undefined). */
function copyDefined<T extends object, K extends keyof T>(source: T, keys: readonly K[]): Pick<T, K> {
  const result: Partial<Pick<T, K>> = {}
  for (const key of keys) {
    if (source[key] !== undefined) result[key] = source[key]
  }
  return result as Pick<T, K>
}
