/**
 * Sample layer: fills a mock with realistic collaborations, members, payers and memberships
 * (`mock.seed.sample()`, `serve --sample`, docs/sample.md). Everything goes through the operations themselves:
 * each input is checked by the profile's generated input validator, then CreateCollaboration and CreateMembership
 * run on the mock's store as a request would run them, so the payers and every other record are what the rules
 * give. May import the domain, the generated tables, mocks/internal and the profiles' types; no node:*, no
 * ambient time or randomness (time from the mock's clock, ids from its seed, names from the sample's seed).
 */
import {
  type Caller,
  type CollaborationRecord,
  createDomainService,
  type PaymentCategoryKey,
  type Store,
} from '../domain/index.ts'
import { payersOf } from '../domain/payers-of.ts'
import { buildPaymentConfiguration, type PaymentCategory } from '../domain/payment-categories.ts'
import type { OperationName } from '../generated/operations.ts'
import type {
  CreateCollaborationInput,
  CreateMembershipInput,
  MemberAbility,
  MLMemberAbilities,
  PaymentConfiguration,
} from '../generated/types.ts'
import { createRandom } from '../internal/random.ts'
import { REGION_NAME } from '../internal/region-name.ts'
import type { ModelProfile } from '../profiles.ts'
import {
  between,
  bucketName,
  chance,
  collaborationDescription,
  collaborationName,
  companyName,
  pick,
  type Random,
} from './names.ts'

/** The most collaborations one `sample()` call makes (a demo or a UI, not a load test: see bench/ for those). */
export const MAX_SAMPLE_COLLABORATIONS = 10_000

/** The most `accounts` a sample takes (2023-11-14 allows 9 members: 5 busy accounts and 3 others fit). */
export const MAX_SAMPLE_ACCOUNTS = 5

/** What to sample. */
export interface SampleOptions {
  /** How many collaborations: an integer from 0 to {@link MAX_SAMPLE_COLLABORATIONS}. */
  collaborations: number
  /**
   * Seed of the names, accounts, abilities, payers and joins: the same seed gives the same sample. Ids come from
   * the mock's own `seed` and times from its `clock`, so the same mock options and calls give the same snapshot.
   * An integer; default 1.
   */
  seed?: number
  /** Region to fill. Default: the mock's region. */
  region?: string
  /**
   * Accounts to make the busy ones, in most collaborations (1 to 5 distinct 12-digit account ids), e.g. the
   * accounts your front end signs in as. Default: 3 accounts drawn from the seed.
   */
  accounts?: readonly string[]
}

/** One sampled collaboration. */
export interface SampledCollaboration {
  collaborationId: string
  collaborationArn: string
  name: string
  creatorAccountId: string
  /** Membership id by account id, for the participants that joined (ACTIVE). */
  membershipIds: Record<string, string>
  /** Participants that were invited and have not joined yet (INVITED): each can still CreateMembership. */
  invited: string[]
}

/** One sampled account: use its id as the access key id to call as it (R-ID-2). */
export interface SampledAccount {
  accountId: string
  /** The company name it has as a participant, the same in every collaboration. */
  displayName: string
  /** Collaborations it takes part in (created or invited to). */
  collaborations: number
  /** Its memberships: what ListMemberships pages through. */
  memberships: number
}

/** What was sampled. */
export interface SampleResult {
  region: string
  collaborations: SampledCollaboration[]
  /** Every account of the sample, the one with the most memberships first. */
  accounts: SampledAccount[]
}

/** What the sampler needs from a mock: its store, its profile, its ids and its clock. */
export interface SampleTarget {
  store: Store
  profile: ModelProfile
  /** The mock's id source (its `seed`). */
  newId(): string
  /** The mock's clock, epoch milliseconds. */
  now(): number
  /** The mock's region, used when `options.region` is absent. */
  region: string
}

/** How far back the sampled collaborations start: they spread over the 30 days before the clock's now. */
const WINDOW_MS = 30 * 24 * 3600 * 1000
/** Joins come at most this long after their collaboration was created. */
const MAX_JOIN_DELAY_MS = 3 * 24 * 3600 * 1000

/**
 * Checks sample options that may come from plain JavaScript or JSON.
 * @throws TypeError naming the bad option
 */
export function assertSampleOptions(options: unknown): asserts options is SampleOptions {
  if (typeof options !== 'object' || options === null) {
    throw new TypeError('sample: options are an object { collaborations, seed?, region? }')
  }
  const { collaborations, seed, region, accounts } = options as Record<string, unknown>
  if (
    typeof collaborations !== 'number' ||
    !Number.isInteger(collaborations) ||
    collaborations < 0 ||
    collaborations > MAX_SAMPLE_COLLABORATIONS
  ) {
    throw new TypeError(
      `sample: collaborations must be an integer from 0 to ${MAX_SAMPLE_COLLABORATIONS}, got ${String(collaborations)}`,
    )
  }
  if (seed !== undefined && !(typeof seed === 'number' && Number.isSafeInteger(seed))) {
    throw new TypeError(`sample: seed must be an integer, got ${String(seed)}`)
  }
  if (region !== undefined && !(typeof region === 'string' && REGION_NAME.test(region))) {
    throw new TypeError(`sample: region must be a region name like us-east-1, got ${String(region)}`)
  }
  if (accounts !== undefined) {
    if (
      !Array.isArray(accounts) ||
      accounts.length === 0 ||
      accounts.length > MAX_SAMPLE_ACCOUNTS ||
      !accounts.every((account) => typeof account === 'string' && /^\d{12}$/.test(account)) ||
      new Set(accounts).size !== accounts.length
    ) {
      throw new TypeError(
        `sample: accounts must list 1 to ${MAX_SAMPLE_ACCOUNTS} distinct 12-digit account ids, got ${JSON.stringify(accounts)}`,
      )
    }
  }
}

/** A participant being planned: its account, abilities, and what the creator sets for it per category. */
interface PlannedParticipant {
  account: Account
  abilities: MemberAbility[]
  mlAbilities?: MLMemberAbilities
  payment: Map<PaymentCategoryKey, boolean>
}

interface Account {
  accountId: string
  displayName: string
  collaborations: number
  memberships: number
}

/**
 * Fills `target` with `options.collaborations` collaborations through CreateCollaboration and CreateMembership.
 * Atomic: when anything fails, the state is put back as it was and the error is thrown.
 * @throws TypeError on bad options (see {@link assertSampleOptions})
 */
export function sampleMock(target: SampleTarget, options: SampleOptions): SampleResult {
  assertSampleOptions(options)
  const region = options.region ?? target.region
  const random = createRandom(options.seed ?? 1)
  const features = featuresOf(target.profile)
  const end = Math.floor(target.now() / 1000) * 1000
  // Never before the epoch, for a clock set near it.
  const start = Math.max(0, end - WINDOW_MS)
  let time = end
  const service = createDomainService(target.store, { now: () => time, newId: () => target.newId() })
  const accounts = sampleAccounts(random, options.collaborations, options.accounts)
  const before = target.store.snapshot()
  try {
    const collaborations: SampledCollaboration[] = []
    const count = options.collaborations
    for (let index = 0; index < count; index++) {
      const created = start + Math.floor((index * (end - start)) / count / 1000) * 1000
      time = created
      const participants = planParticipants(random, accounts, features, index)
      const input = toCreateInput(random, participants, features)
      checkInput(target.profile, 'CreateCollaboration', input)
      const creator = participants[0] as PlannedParticipant
      const caller: Caller = { accountId: creator.account.accountId, region }
      const { collaboration } = service.CreateCollaboration(caller, input)
      const record = target.store.readRegion(region)?.collaborations[collaboration.id] as CollaborationRecord
      const sampled: SampledCollaboration = {
        collaborationId: collaboration.id,
        collaborationArn: collaboration.arn,
        name: collaboration.name,
        creatorAccountId: creator.account.accountId,
        membershipIds: {},
        invited: [],
      }
      participants.forEach((participant, position) => {
        participant.account.collaborations += 1
        const joins =
          // The first collaboration always has both: a member that joined and one still invited.
          index === 0 ? position < participants.length - 1 : chance(random, position === 0 ? 0.85 : 0.65)
        if (!joins) {
          sampled.invited.push(participant.account.accountId)
          return
        }
        time = Math.min(end, created + Math.floor((random() * MAX_JOIN_DELAY_MS) / 1000) * 1000)
        const joinInput = toJoinInput(random, record, participant, features, target.profile)
        checkInput(target.profile, 'CreateMembership', joinInput)
        const { membership } = service.CreateMembership(
          { accountId: participant.account.accountId, region },
          joinInput,
        )
        participant.account.memberships += 1
        sampled.membershipIds[participant.account.accountId] = membership.id
      })
      collaborations.push(sampled)
    }
    return {
      region,
      collaborations,
      accounts: accounts.all
        .filter((account) => account.collaborations > 0)
        .sort(
          (a, b) =>
            b.memberships - a.memberships ||
            b.collaborations - a.collaborations ||
            a.accountId.localeCompare(b.accountId),
        )
        .map((account) => ({ ...account })),
    }
  } catch (error) {
    target.store.restore(before)
    throw error
  }
}

/** What the profile's model has, read from its tables (R-MODEL-2: a member it lacks is never sent). */
interface Features {
  categories: readonly PaymentCategory[]
  /** Any number of payers per category (R-CAND-1), or one. */
  payerCandidates: boolean
  defaultPayerMayNotDecline: readonly PaymentCategoryKey[]
  canRunJob: boolean
  mlAbilities: boolean
  jobLog: boolean
  metrics: boolean
  analyticsEngine: boolean
  membershipJobLog: boolean
  membershipMetrics: boolean
}

function featuresOf(profile: ModelProfile): Features {
  const has = (shape: string, member: string) => {
    const entry = profile.wire.shapes[shape]
    return entry !== undefined && 'members' in entry && Object.hasOwn(entry.members, member)
  }
  const ability = profile.validateShape['MemberAbility']
  return {
    categories: profile.rules.categories,
    payerCandidates: profile.rules.maxPayersPerCategory === undefined,
    defaultPayerMayNotDecline: profile.rules.defaultPayerMayNotDecline,
    canRunJob: ability !== undefined && ability('CAN_RUN_JOB').length === 0,
    mlAbilities: has('MemberSpecification', 'mlMemberAbilities'),
    jobLog: has('CreateCollaborationInput', 'jobLogStatus'),
    metrics: has('CreateCollaborationInput', 'isMetricsEnabled'),
    analyticsEngine: has('CreateCollaborationInput', 'analyticsEngine'),
    membershipJobLog: has('CreateMembershipInput', 'jobLogStatus'),
    membershipMetrics: has('CreateMembershipInput', 'isMetricsEnabled'),
  }
}

/** The account pool: a few busy "hub" accounts that take part in most collaborations, and many others. */
function sampleAccounts(
  random: Random,
  collaborations: number,
  given: readonly string[] | undefined,
): { hubs: Account[]; others: Account[]; all: Account[] } {
  const ids = new Set<string>(['123456789012', ...(given ?? [])])
  const names = new Set<string>()
  const account = (id?: string): Account => {
    let accountId = id
    while (accountId === undefined || (id === undefined && ids.has(accountId))) {
      accountId = `${between(random, 1, 9)}${String(between(random, 0, 99_999_999_999)).padStart(11, '0')}`
    }
    ids.add(accountId)
    return { accountId, displayName: companyName(random, names), collaborations: 0, memberships: 0 }
  }
  const hubs = given === undefined ? [account(), account(), account()] : given.map((id) => account(id))
  const others = Array.from({ length: Math.max(4, Math.ceil(collaborations * 1.2)) }, () => account())
  return { hubs, others, all: [...hubs, ...others] }
}

/** The creator (first) and the members of one collaboration, with abilities and creator-set payers. */
function planParticipants(
  random: Random,
  accounts: { hubs: Account[]; others: Account[] },
  features: Features,
  index: number,
): PlannedParticipant[] {
  const chosen: Account[] = [
    chance(random, 0.45) ? pick(random, accounts.hubs) : pick(random, accounts.others),
  ]
  for (const hub of accounts.hubs) {
    if (!chosen.includes(hub) && chance(random, 0.55)) chosen.push(hub)
  }
  const wanted = chosen.length + between(random, chosen.length > 1 ? 0 : 1, 3)
  while (chosen.length < wanted) {
    const other = pick(random, accounts.others)
    if (!chosen.includes(other)) chosen.push(other)
  }
  const participants: PlannedParticipant[] = chosen.map((account) => ({
    account,
    abilities: [],
    payment: new Map(),
  }))
  const holder = () => pick(random, participants)

  // R-COL-2: at most one participant can query and one can run jobs; the querier usually receives results.
  const querier = chance(random, 0.9) ? (chance(random, 0.6) ? participants[0] : holder()) : undefined
  if (querier !== undefined) {
    querier.abilities.push('CAN_QUERY')
    if (chance(random, 0.8)) querier.abilities.push('CAN_RECEIVE_RESULTS')
  }
  const receiver = holder()
  if (chance(random, 0.3) && !receiver.abilities.includes('CAN_RECEIVE_RESULTS')) {
    receiver.abilities.push('CAN_RECEIVE_RESULTS')
  }
  if (features.canRunJob && chance(random, 0.3)) {
    const runner = querier !== undefined && chance(random, 0.6) ? querier : holder()
    runner.abilities.push('CAN_RUN_JOB')
  }
  if (features.mlAbilities && chance(random, 0.2)) {
    holder().mlAbilities = {
      customMLMemberAbilities: chance(random, 0.5)
        ? ['CAN_RECEIVE_MODEL_OUTPUT', 'CAN_RECEIVE_INFERENCE_OUTPUT']
        : [pick(random, ['CAN_RECEIVE_MODEL_OUTPUT', 'CAN_RECEIVE_INFERENCE_OUTPUT'] as const)],
    }
  }

  features.categories.forEach((category, position) => {
    // The first collaborations name a payer for each category in turn, so every category the profile has
    // appears with a creator-set payer in any sample of at least that many collaborations.
    const odds = category.key === 'queryCompute' || category.key === 'jobCompute' ? 0.35 : 0.15
    if (index !== position && !chance(random, odds)) return
    setPayers(random, participants, category, features)
  })
  fillQueryCompute(participants, features)
  return participants
}

/** Names a payer (with payer candidates, sometimes two) other than the default payer, as a creator would. */
function setPayers(
  random: Random,
  participants: PlannedParticipant[],
  category: PaymentCategory,
  features: Features,
): void {
  const ability = category.defaultPayerAbility
  const defaultPayer =
    ability === undefined ? undefined : participants.find((p) => p.abilities.includes(ability))
  const others = participants.filter((p) => p !== defaultPayer)
  const payer = others.length > 0 ? pick(random, others) : pick(random, participants)
  payer.payment.set(category.key, true)
  if (features.payerCandidates && chance(random, 0.4)) {
    const second = pick(random, participants)
    if (second !== payer && second !== defaultPayer) second.payment.set(category.key, true)
  }
  // R-PAY-2: the default payer may be set false once another pays (R-CAND-2: never for jobCompute there).
  if (
    defaultPayer !== undefined &&
    defaultPayer !== payer &&
    !features.defaultPayerMayNotDecline.includes(category.key) &&
    chance(random, 0.5)
  ) {
    defaultPayer.payment.set(category.key, false)
  }
}

/**
 * A payment configuration always holds `queryCompute`: give each participant that has one the value the rules
 * would give it anyway (true for the one who pays for queries, false for the others).
 */
function fillQueryCompute(participants: PlannedParticipant[], features: Features): void {
  const named = participants.filter((p) => p.payment.get('queryCompute') === true)
  const querier = participants.find((p) => p.abilities.includes('CAN_QUERY'))
  for (const participant of participants) {
    if (participant.payment.size === 0 || participant.payment.has('queryCompute')) continue
    participant.payment.set('queryCompute', named.length > 0 ? false : participant === querier)
  }
  // Only the categories this profile has are sent (R-MODEL-2).
  for (const participant of participants) {
    for (const key of participant.payment.keys()) {
      if (!features.categories.some((category) => category.key === key)) participant.payment.delete(key)
    }
  }
}

function toCreateInput(
  random: Random,
  participants: PlannedParticipant[],
  features: Features,
): CreateCollaborationInput {
  const [creator, ...members] = participants as [PlannedParticipant, ...PlannedParticipant[]]
  const input: CreateCollaborationInput = {
    name: collaborationName(random, creator.account.displayName),
    description: collaborationDescription(random),
    creatorDisplayName: creator.account.displayName,
    creatorMemberAbilities: creator.abilities,
    queryLogStatus: chance(random, 0.5) ? 'ENABLED' : 'DISABLED',
    members: members.map((member) => ({
      accountId: member.account.accountId,
      displayName: member.account.displayName,
      memberAbilities: member.abilities,
      ...(member.mlAbilities !== undefined && { mlMemberAbilities: member.mlAbilities }),
      ...(member.payment.size > 0 && { paymentConfiguration: paymentOf(member) }),
    })),
  }
  if (creator.mlAbilities !== undefined) input.creatorMLMemberAbilities = creator.mlAbilities
  if (creator.payment.size > 0) input.creatorPaymentConfiguration = paymentOf(creator)
  const runsJobs = participants.some((p) => p.abilities.includes('CAN_RUN_JOB'))
  if (features.jobLog && runsJobs) input.jobLogStatus = chance(random, 0.5) ? 'ENABLED' : 'DISABLED'
  if (features.metrics && chance(random, 0.4)) input.isMetricsEnabled = true
  if (features.analyticsEngine) input.analyticsEngine = runsJobs ? 'SPARK' : 'CLEAN_ROOMS_SQL'
  return input
}

function paymentOf(participant: PlannedParticipant): PaymentConfiguration {
  return buildPaymentConfiguration(participant.payment)
}

/** A CreateMembership input as the joining participant's console would send it: payment accepted as set. */
function toJoinInput(
  random: Random,
  collaboration: CollaborationRecord,
  participant: PlannedParticipant,
  features: Features,
  profile: ModelProfile,
): CreateMembershipInput {
  const { accountId, displayName } = participant.account
  const accepted = new Map<PaymentCategoryKey, boolean>()
  for (const category of profile.rules.categories) {
    if (collaboration.payers[category.key] === undefined) continue
    accepted.set(category.key, payersOf(collaboration, category).includes(accountId))
  }
  const input: CreateMembershipInput = {
    collaborationIdentifier: collaboration.id,
    queryLogStatus:
      collaboration.queryLogStatus === 'ENABLED' && chance(random, 0.7) ? 'ENABLED' : 'DISABLED',
    paymentConfiguration: buildPaymentConfiguration(accepted),
  }
  if (features.membershipJobLog && collaboration.jobLogStatus === 'ENABLED' && chance(random, 0.6)) {
    input.jobLogStatus = 'ENABLED'
  }
  // R-MEM-3: only a member that receives results sets where they go.
  if (participant.abilities.includes('CAN_RECEIVE_RESULTS') && chance(random, 0.6)) {
    input.defaultResultConfiguration = {
      outputConfiguration: {
        s3: {
          resultFormat: chance(random, 0.5) ? 'CSV' : 'PARQUET',
          bucket: bucketName(displayName),
          keyPrefix: `collaborations/${collaboration.id.slice(0, 8)}/`,
        },
      },
      roleArn: `arn:aws:iam::${accountId}:role/CleanRoomsResultWriter`,
    }
  }
  // R-MEM-4: metrics only where the collaboration enables them, for the querier or the query payer.
  const paysForQueries = accepted.get('queryCompute') === true
  if (
    features.membershipMetrics &&
    collaboration.isMetricsEnabled === true &&
    (participant.abilities.includes('CAN_QUERY') || paysForQueries) &&
    chance(random, 0.5)
  ) {
    input.isMetricsEnabled = true
  }
  return input
}

/** The sampler's inputs must be valid wire inputs of the profile: a failure here is a bug of the sampler. */
function checkInput(profile: ModelProfile, operation: OperationName, input: unknown): void {
  const issues = profile.wire.validateInput[operation](input)
  const [issue] = issues
  if (issue !== undefined) {
    throw new Error(
      `sample: built an invalid ${operation} input for model ${profile.model} (${issue.path}: ${issue.message}); this is a bug of cleanrooms-mock`,
    )
  }
}
