/** Domain layer: CreateMembership, i.e. an invited participant joins (R-MEM-1..5, R-PAY-4, R-PAY-5). */
import type {
  CreateMembershipInput,
  CreateMembershipOutput,
  MembershipPaymentConfiguration,
  MembershipStatus,
} from '../generated/types.ts'
import { acceptPayment } from './accept-payment.ts'
import { membershipArn } from './arn.ts'
import { checkMembershipSettings, type MembershipSettings } from './check-membership-settings.ts'
import { collaborationNotFound, rejoinConflict } from './decisions.ts'
import { toMembership } from './projections.ts'
import { throwIfViolated } from './rule-violations.ts'
import {
  type Caller,
  type CollaborationRecord,
  copyJson,
  type DomainDeps,
  lookup,
  type MembershipRecord,
  type ParticipantRecord,
  toEpochSeconds,
} from './state.ts'
import type { Store } from './store.ts'

/**
 * The caller joins a collaboration of its region in which it is a participant. Checks in R-WIRE-7 order:
 * not found (404), conflict (409), then every business rule (400); state changes only after all pass.
 * Synchronous from check to write, so of concurrent joins by one caller exactly one succeeds (R-MEM-5).
 * @throws ResourceNotFoundException `COLLABORATION` (R-MEM-1), ConflictException (R-MEM-2),
 *   ValidationException `INVALID_CONFIGURATION` (R-PAY-4, R-PAY-5, R-MEM-3, R-MEM-4)
 */
export function createMembership(
  store: Store,
  caller: Caller,
  input: CreateMembershipInput,
  deps: DomainDeps,
): CreateMembershipOutput {
  const collaboration = lookup(store.readRegion(caller.region)?.collaborations, input.collaborationIdentifier)
  const participant = collaboration?.participants.find((p) => p.accountId === caller.accountId)
  if (collaboration === undefined || participant === undefined) {
    throw collaborationNotFound(input.collaborationIdentifier)
  }
  const conflict = rejoinConflict(collaboration, participant)
  if (conflict !== undefined) throw conflict

  const { paymentConfiguration, violations } = acceptPayment(
    collaboration,
    participant,
    input.paymentConfiguration,
    store.rules,
  )
  const settings = settingsOf(input)
  violations.push(
    ...checkMembershipSettings(
      settings,
      { accountId: caller.accountId, abilities: participant.abilities },
      collaboration,
    ),
  )
  throwIfViolated(violations)

  const time = toEpochSeconds(deps.now())
  const membership = store.addMembership(
    caller.region,
    buildMembershipRecord({
      region: caller.region,
      collaboration,
      participant,
      settings,
      paymentConfiguration,
      status: 'ACTIVE',
      id: deps.newId(),
      time,
      ...(input.tags !== undefined && { tags: input.tags }),
    }),
  )
  linkParticipant(participant, membership, 'ACTIVE', time)
  return { membership: toMembership(membership, collaboration) }
}

/** What `buildMembershipRecord` needs. */
export interface MembershipRecordSource {
  region: string
  collaboration: CollaborationRecord
  participant: ParticipantRecord
  settings: MembershipSettings
  paymentConfiguration: MembershipPaymentConfiguration
  status: MembershipStatus
  id: string
  /** Epoch seconds. */
  time: number
  tags?: NonNullable<CreateMembershipInput['tags']>
}

/** A membership record for a participant (abilities copied from the participant); no checks. */
export function buildMembershipRecord(source: MembershipRecordSource): Omit<MembershipRecord, 'sequence'> {
  const { participant } = source
  const record: Omit<MembershipRecord, 'sequence'> = {
    ...source.settings,
    id: source.id,
    arn: membershipArn(source.region, participant.accountId, source.id),
    accountId: participant.accountId,
    collaborationId: source.collaboration.id,
    status: source.status,
    memberAbilities: participant.abilities,
    ...(participant.mlAbilities !== undefined && { mlMemberAbilities: participant.mlAbilities }),
    paymentConfiguration: source.paymentConfiguration,
    createTime: source.time,
    updateTime: source.time,
    ...(source.tags !== undefined && { tags: source.tags }),
  }
  return copyJson(record)
}

/** Records on the participant that it now has a membership (R-MEM-5: ListMembers shows its id and ARN). */
export function linkParticipant(
  participant: ParticipantRecord,
  membership: MembershipRecord,
  status: ParticipantRecord['status'],
  time: number,
): void {
  participant.status = status
  participant.membershipId = membership.id
  participant.membershipArn = membership.arn
  participant.updateTime = time
}

/** The settings members present in a CreateMembership input (absent ones stay absent). */
function settingsOf(input: CreateMembershipInput): MembershipSettings {
  const settings: MembershipSettings = { queryLogStatus: input.queryLogStatus }
  if (input.jobLogStatus !== undefined) settings.jobLogStatus = input.jobLogStatus
  if (input.isMetricsEnabled !== undefined) settings.isMetricsEnabled = input.isMetricsEnabled
  if (input.defaultResultConfiguration !== undefined) {
    settings.defaultResultConfiguration = input.defaultResultConfiguration
  }
  if (input.defaultJobResultConfiguration !== undefined) {
    settings.defaultJobResultConfiguration = input.defaultJobResultConfiguration
  }
  return settings
}
