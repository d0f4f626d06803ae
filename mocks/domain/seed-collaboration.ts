/** Domain layer: typed seeding of collaborations and memberships for tests and Pact provider states (R-STATE-3). */
import type {
  Collaboration,
  CreateCollaborationInput,
  MemberAbility,
  MemberSpecification,
  MemberStatus,
  MembershipStatus,
  PaymentConfiguration,
} from '../generated/types.ts'
import { checkMembershipSettings, type MembershipSettings } from './check-membership-settings.ts'
import { buildCollaborationRecord, planCollaboration } from './create-collaboration.ts'
import { buildMembershipRecord, linkParticipant } from './create-membership.ts'
import { effectivePaymentConfiguration } from './projections.ts'
import { throwIfViolated } from './rule-violations.ts'
import { type DomainDeps, lookup, type MembershipRecord, toEpochSeconds } from './state.ts'
import type { Store } from './store.ts'

/** One participant to seed: the creator or a member. */
export interface SeedParticipant {
  accountId: string
  /** Default: `Account <accountId>`. */
  displayName?: string
  /** Default: none (a data contributor). */
  abilities?: MemberAbility[]
  mlAbilities?: NonNullable<MemberSpecification['mlMemberAbilities']>
  /** What the creator set for this participant, as in CreateCollaboration; payers are computed from it. */
  paymentConfiguration?: PaymentConfiguration
  /**
   * Member status, including the states no operation reaches (LEFT, REMOVED).
   * Default: ACTIVE when a membership is seeded, else INVITED.
   */
  status?: MemberStatus
  /**
   * A membership for this participant: `true` for defaults, or its settings. Default: one exactly when the
   * status is ACTIVE. An INVITED participant cannot have one; an ACTIVE one must.
   */
  membership?: boolean | SeedMembership
}

/** A seeded membership's settings; its abilities and payment configuration come from the collaboration. */
export interface SeedMembership extends Partial<MembershipSettings> {
  /** Default: ACTIVE for an ACTIVE participant, REMOVED otherwise. COLLABORATION_DELETED only when asked. */
  status?: MembershipStatus
  /** Default: a new id from `deps.newId()`. */
  id?: string
  /** Epoch seconds. Default: now. */
  createTime?: number
}

/** A collaboration to seed. Omitted settings take the same defaults as a minimal CreateCollaboration. */
export interface SeedCollaborationSpec {
  region: string
  creator: SeedParticipant
  members?: SeedParticipant[]
  /** Default: a new id from `deps.newId()`. */
  id?: string
  name?: string
  description?: string
  /** Default: DISABLED. */
  queryLogStatus?: Collaboration['queryLogStatus']
  jobLogStatus?: NonNullable<Collaboration['jobLogStatus']>
  isMetricsEnabled?: boolean
  analyticsEngine?: NonNullable<Collaboration['analyticsEngine']>
  dataEncryptionMetadata?: NonNullable<Collaboration['dataEncryptionMetadata']>
  autoApprovedChangeTypes?: NonNullable<Collaboration['autoApprovedChangeTypes']>
  allowedResultRegions?: NonNullable<Collaboration['allowedResultRegions']>
  /** Epoch seconds. Default: now. */
  createTime?: number
}

/** The ids of what was seeded. */
export interface SeededCollaboration {
  collaborationId: string
  collaborationArn: string
  /** Membership id by account id, for every participant that got one. */
  membershipIds: Record<string, string>
}

/**
 * Seeds a collaboration with its participants, statuses and memberships in one call. Payers are computed by
 * the same code as CreateCollaboration, and memberships hold the effective payment configuration, so a
 * seeded state is one the operations could have produced, except for the statuses they cannot reach.
 * Atomic: on any error nothing is stored.
 * @throws ValidationException when a business rule fails (as CreateCollaboration / CreateMembership would);
 *   TypeError when the spec is contradictory (e.g. an INVITED participant with a membership, a reused id)
 * @example
 * seedCollaboration(store, {
 *   region: 'us-east-1',
 *   creator: { accountId: '111111111111', abilities: ['CAN_QUERY'], status: 'ACTIVE' },
 *   members: [{ accountId: '222222222222', paymentConfiguration: { queryCompute: { isResponsible: true } } }],
 * }, deps)
 */
export function seedCollaboration(
  store: Store,
  spec: SeedCollaborationSpec,
  deps: DomainDeps,
): SeededCollaboration {
  const specs = [spec.creator, ...(spec.members ?? [])]
  const input = toCreateInput(spec)
  const payers = planCollaboration(spec.creator.accountId, input, store.rules)
  const now = toEpochSeconds(deps.now())
  const collaborationId = spec.id ?? deps.newId()
  if (lookup(store.readRegion(spec.region)?.collaborations, collaborationId) !== undefined) {
    throw new TypeError(`seed: collaboration ${collaborationId} already exists in ${spec.region}`)
  }
  const collaboration = buildCollaborationRecord({
    creatorAccountId: spec.creator.accountId,
    region: spec.region,
    input,
    payers,
    id: collaborationId,
    time: spec.createTime ?? now,
  })

  // Plan every membership (and check it) before storing anything.
  const planned: Array<{ index: number; status: MemberStatus; record: Omit<MembershipRecord, 'sequence'> }> =
    []
  const usedIds = new Set<string>()
  specs.forEach((participantSpec, index) => {
    const participant = collaboration.participants[index]
    if (participant === undefined) return
    const { status, membership } = resolveStatus(participantSpec)
    participant.status = status
    if (membership === undefined) return
    const settings: MembershipSettings = { queryLogStatus: 'DISABLED', ...withoutSeedOnly(membership) }
    throwIfViolated(checkMembershipSettings(settings, participant, collaboration))
    const id = membership.id ?? deps.newId()
    if (usedIds.has(id) || lookup(store.readRegion(spec.region)?.memberships, id) !== undefined) {
      throw new TypeError(`seed: membership ${id} already exists in ${spec.region}`)
    }
    usedIds.add(id)
    const record = buildMembershipRecord({
      region: spec.region,
      collaboration,
      participant,
      settings,
      paymentConfiguration: effectivePaymentConfiguration(collaboration, participant.accountId),
      status: membership.status ?? (status === 'ACTIVE' ? 'ACTIVE' : 'REMOVED'),
      id,
      time: membership.createTime ?? now,
    })
    planned.push({ index, status, record })
  })

  store.addCollaboration(spec.region, collaboration)
  const membershipIds: Record<string, string> = {}
  for (const { index, status, record } of planned) {
    const participant = collaboration.participants[index]
    if (participant === undefined) continue
    const stored = store.addMembership(spec.region, record)
    linkParticipant(participant, stored, status, participant.updateTime)
    membershipIds[participant.accountId] = stored.id
  }
  return { collaborationId, collaborationArn: collaboration.arn, membershipIds }
}

/** The CreateCollaboration input a seed spec stands for (so the same rules check it). */
function toCreateInput(spec: SeedCollaborationSpec): CreateCollaborationInput {
  const { creator } = spec
  const input: CreateCollaborationInput = {
    name: spec.name ?? 'Seeded collaboration',
    description: spec.description ?? 'Seeded by cleanrooms-mock',
    creatorDisplayName: creator.displayName ?? `Account ${creator.accountId}`,
    creatorMemberAbilities: creator.abilities ?? [],
    queryLogStatus: spec.queryLogStatus ?? 'DISABLED',
    members: (spec.members ?? []).map((member) => ({
      accountId: member.accountId,
      displayName: member.displayName ?? `Account ${member.accountId}`,
      memberAbilities: member.abilities ?? [],
      ...(member.mlAbilities !== undefined && { mlMemberAbilities: member.mlAbilities }),
      ...(member.paymentConfiguration !== undefined && { paymentConfiguration: member.paymentConfiguration }),
    })),
  }
  if (creator.mlAbilities !== undefined) input.creatorMLMemberAbilities = creator.mlAbilities
  if (creator.paymentConfiguration !== undefined)
    input.creatorPaymentConfiguration = creator.paymentConfiguration
  if (spec.jobLogStatus !== undefined) input.jobLogStatus = spec.jobLogStatus
  if (spec.isMetricsEnabled !== undefined) input.isMetricsEnabled = spec.isMetricsEnabled
  if (spec.analyticsEngine !== undefined) input.analyticsEngine = spec.analyticsEngine
  if (spec.dataEncryptionMetadata !== undefined) input.dataEncryptionMetadata = spec.dataEncryptionMetadata
  if (spec.autoApprovedChangeTypes !== undefined)
    input.autoApprovedChangeRequestTypes = spec.autoApprovedChangeTypes
  if (spec.allowedResultRegions !== undefined) input.allowedResultRegions = spec.allowedResultRegions
  return input
}

/** A participant's status and membership, with the defaults and consistency rules of SeedParticipant. */
function resolveStatus(spec: SeedParticipant): {
  status: MemberStatus
  membership: SeedMembership | undefined
} {
  const asked = spec.membership === true ? {} : spec.membership === false ? undefined : spec.membership
  const status = spec.status ?? (asked !== undefined ? 'ACTIVE' : 'INVITED')
  if (status === 'INVITED' && asked !== undefined) {
    throw new TypeError(`seed: account ${spec.accountId} is INVITED, so it cannot have a membership yet`)
  }
  if (status === 'ACTIVE' && spec.membership === false) {
    throw new TypeError(`seed: account ${spec.accountId} is ACTIVE, so it must have a membership`)
  }
  return { status, membership: status === 'ACTIVE' ? (asked ?? {}) : asked }
}

/** The membership settings of a SeedMembership (without its seeding-only members). */
function withoutSeedOnly(membership: SeedMembership): Partial<MembershipSettings> {
  const { status: _status, id: _id, createTime: _createTime, ...settings } = membership
  return settings
}
