/** Domain layer: CreateCollaboration (R-COL-1..4, R-PAY-1..3). */
import type {
  CreateCollaborationInput,
  CreateCollaborationOutput,
  MemberAbility,
} from '../generated/types.ts'
import { collaborationArn } from './arn.ts'
import { decisions } from './decisions.ts'
import type { ServiceRules } from './profile-rules.ts'
import { toCollaboration } from './projections.ts'
import { type PayerCandidate, type ResolvedPayers, resolvePayers } from './resolve-payers.ts'
import { type RuleViolation, throwIfViolated } from './rule-violations.ts'
import { type Caller, type CollaborationRecord, copyJson, type DomainDeps, toEpochSeconds } from './state.ts'
import type { Store } from './store.ts'

/**
 * Creates a collaboration owned by the caller, in the caller's region. Every participant starts INVITED and
 * nobody has a membership yet (R-COL-3); the payer of each category is fixed now (R-PAY-3).
 * @throws ValidationException `INVALID_CONFIGURATION` when a business rule fails (nothing is stored then)
 */
export function createCollaboration(
  store: Store,
  caller: Caller,
  input: CreateCollaborationInput,
  deps: DomainDeps,
): CreateCollaborationOutput {
  const payers = planCollaboration(caller.accountId, input, store.rules)
  const record = buildCollaborationRecord({
    creatorAccountId: caller.accountId,
    region: caller.region,
    input,
    payers,
    id: deps.newId(),
    time: toEpochSeconds(deps.now()),
  })
  store.addCollaboration(caller.region, record)
  return { collaboration: toCollaboration(record, caller.accountId) }
}

/**
 * Checks every business rule of a new collaboration and returns its effective payers. Shared by
 * `createCollaboration` and the seed helpers, so both compute payers the same way.
 * @throws ValidationException `INVALID_CONFIGURATION` listing every broken rule
 */
export function planCollaboration(
  creatorAccountId: string,
  input: CreateCollaborationInput,
  rules: ServiceRules,
): ResolvedPayers {
  const violations: RuleViolation[] = [
    ...checkMembers(creatorAccountId, input),
    ...checkAbilityHolders(input),
  ]
  const candidates: PayerCandidate[] = [
    {
      accountId: creatorAccountId,
      abilities: input.creatorMemberAbilities,
      paymentConfiguration: input.creatorPaymentConfiguration,
      paymentField: 'creatorPaymentConfiguration',
    },
    ...input.members.map((member, i) => ({
      accountId: member.accountId,
      abilities: member.memberAbilities,
      paymentConfiguration: member.paymentConfiguration,
      paymentField: `members.${i}.paymentConfiguration`,
    })),
  ]
  const { violations: payerViolations, ...payers } = resolvePayers(candidates, rules)
  violations.push(...payerViolations)
  throwIfViolated(violations)
  return payers
}

/** What `buildCollaborationRecord` needs besides the input. */
export interface CollaborationRecordSource {
  creatorAccountId: string
  region: string
  input: CreateCollaborationInput
  payers: ResolvedPayers
  id: string
  /** Epoch seconds. */
  time: number
}

/** The stored collaboration for an input that passed `planCollaboration`. Participants: creator, then members. */
export function buildCollaborationRecord(source: CollaborationRecordSource): CollaborationRecord {
  const { input, time } = source
  const creator = {
    accountId: source.creatorAccountId,
    displayName: input.creatorDisplayName,
    abilities: input.creatorMemberAbilities,
    mlAbilities: input.creatorMLMemberAbilities,
    paymentConfiguration: input.creatorPaymentConfiguration,
  }
  const members = input.members.map((member) => ({
    accountId: member.accountId,
    displayName: member.displayName,
    abilities: member.memberAbilities,
    mlAbilities: member.mlMemberAbilities,
    paymentConfiguration: member.paymentConfiguration,
  }))
  const record: CollaborationRecord = {
    id: source.id,
    arn: collaborationArn(source.region, source.creatorAccountId, source.id),
    name: input.name,
    creatorAccountId: source.creatorAccountId,
    creatorDisplayName: input.creatorDisplayName,
    createTime: time,
    updateTime: time,
    queryLogStatus: input.queryLogStatus,
    participants: [creator, ...members].map(({ mlAbilities, paymentConfiguration, ...participant }) => ({
      ...participant,
      ...(mlAbilities !== undefined && { mlAbilities }),
      ...(paymentConfiguration !== undefined && { paymentConfiguration }),
      status: 'INVITED' as const,
      createTime: time,
      updateTime: time,
    })),
    payers: source.payers.payers,
    ...(source.payers.payerCandidates !== undefined && { payerCandidates: source.payers.payerCandidates }),
  }
  if (input.description !== undefined) record.description = input.description
  if (input.jobLogStatus !== undefined) record.jobLogStatus = input.jobLogStatus
  if (input.isMetricsEnabled !== undefined) record.isMetricsEnabled = input.isMetricsEnabled
  if (input.dataEncryptionMetadata !== undefined) record.dataEncryptionMetadata = input.dataEncryptionMetadata
  if (input.analyticsEngine !== undefined) record.analyticsEngine = input.analyticsEngine
  if (input.autoApprovedChangeRequestTypes !== undefined) {
    record.autoApprovedChangeTypes = input.autoApprovedChangeRequestTypes
  }
  if (input.allowedResultRegions !== undefined) record.allowedResultRegions = input.allowedResultRegions
  if (input.tags !== undefined) record.tags = input.tags
  // The input belongs to the caller: store a copy so later changes to it cannot reach the state.
  return copyJson(record)
}

/** R-COL-1 (decision): `members` excludes the creator and names each account once. */
function checkMembers(creatorAccountId: string, input: CreateCollaborationInput): RuleViolation[] {
  const violations: RuleViolation[] = []
  const seen = new Set<string>()
  input.members.forEach((member, i) => {
    const field = `members.${i}.accountId`
    if (decisions.rejectCreatorInMembers && member.accountId === creatorAccountId) {
      violations.push({
        field,
        message: `members must not include the collaboration creator (account ${creatorAccountId}); describe the creator with the creator* members instead.`,
      })
    } else if (decisions.rejectDuplicateMembers && seen.has(member.accountId)) {
      violations.push({
        field,
        message: `members must name each account once; account ${member.accountId} appears twice.`,
      })
    }
    seen.add(member.accountId)
  })
  return violations
}

/** R-COL-2: at most one participant, creator included, can query; at most one can run jobs (decision). */
function checkAbilityHolders(input: CreateCollaborationInput): RuleViolation[] {
  const violations: RuleViolation[] = []
  const limits = Object.entries(decisions.maxHoldersOfAbility) as Array<[MemberAbility, number]>
  for (const [ability, limit] of limits) {
    const holders: Array<{ field: string; accountId: string }> = []
    if (input.creatorMemberAbilities.includes(ability)) {
      holders.push({ field: 'creatorMemberAbilities', accountId: 'the creator' })
    }
    input.members.forEach((member, i) => {
      if (member.memberAbilities.includes(ability)) {
        holders.push({ field: `members.${i}.memberAbilities`, accountId: `account ${member.accountId}` })
      }
    })
    const extra = holders[limit]
    if (extra !== undefined) {
      violations.push({
        field: extra.field,
        message: `At most ${limit} participant may have ${ability}, but ${holders.length} do (${holders.map((h) => h.accountId).join(', ')}).`,
      })
    }
  }
  return violations
}
