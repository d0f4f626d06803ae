/** Domain layer: the mock's state as plain JSON records, and what every operation receives (caller, deps). */
import type {
  Collaboration,
  CreateCollaborationInput,
  MemberSummary,
  Membership,
  PaymentConfiguration,
} from '../generated/types.ts'

/**
 * Who is calling: the account that owns what it creates, and the region whose state it sees (R-ID-1). The one
 * caller type of every layer: the protocol layer reads it from the SigV4 credential (`readCaller`).
 */
export interface Caller {
  accountId: string
  region: string
  /** The access key the request was signed with, when it came over the wire. The domain never reads it. */
  accessKeyId?: string
}

/**
 * Injected sources of time and ids (R-STATE-1), so runs are reproducible.
 * @example { now: () => Date.now(), newId: () => crypto.randomUUID() }
 */
export interface DomainDeps {
  /** Current time in epoch **milliseconds** (what `Date.now()` returns); the domain stores epoch seconds. */
  now(): number
  /** A new lower-case UUID. Called only once a request has passed every check. */
  newId(): string
}

/** The whole state: plain JSON (snapshot, restore, state file), keyed by region. */
export interface DomainState {
  version: 1
  regions: Record<string, RegionState>
}

/** Everything that exists in one region. Records are keyed by id. */
export interface RegionState {
  collaborations: Record<string, CollaborationRecord>
  memberships: Record<string, MembershipRecord>
  /** Last membership sequence number handed out; breaks `createTime` ties in "newest first" (R-LIST-2). */
  lastSequence: number
}

/** A payment category, named by its path in `PaymentConfiguration` (see payment-categories.ts). */
export type PaymentCategoryKey =
  | 'queryCompute'
  | 'jobCompute'
  | 'machineLearning.modelTraining'
  | 'machineLearning.modelInference'
  | 'machineLearning.syntheticDataGeneration'

/**
 * The effective payer of each category in play (R-PAY-3): an account id, or `null` when nobody pays
 * (no default payer and nobody set). A category that is not in play is absent.
 */
export type EffectivePayers = Partial<Record<PaymentCategoryKey, string | null>>

/** A collaboration: the output `Collaboration` fields that do not depend on the caller, plus its participants. */
export interface CollaborationRecord
  extends Pick<
    Collaboration,
    | 'id'
    | 'arn'
    | 'name'
    | 'description'
    | 'creatorAccountId'
    | 'creatorDisplayName'
    | 'createTime'
    | 'updateTime'
    | 'queryLogStatus'
    | 'jobLogStatus'
    | 'isMetricsEnabled'
    | 'dataEncryptionMetadata'
    | 'analyticsEngine'
    | 'autoApprovedChangeTypes'
    | 'allowedResultRegions'
  > {
  tags?: NonNullable<CreateCollaborationInput['tags']>
  /** Creator first, then the members in the order of the `members` input (R-LIST-1). */
  participants: ParticipantRecord[]
  /** Computed once, at creation (R-PAY-3), never changed by the six operations (R-PAY-6). */
  payers: EffectivePayers
  /**
   * Profiles with payer candidates (R-CAND-1): the candidates of each category that has more than one; `payers`
   * then holds the first. Absent in single-payer profiles. Read both through `payersOf`.
   */
  payerCandidates?: Partial<Record<PaymentCategoryKey, string[]>>
}

/** One participant of a collaboration (the creator or an invited member). */
export interface ParticipantRecord
  extends Pick<
    MemberSummary,
    | 'accountId'
    | 'displayName'
    | 'abilities'
    | 'mlAbilities'
    | 'status'
    | 'membershipId'
    | 'membershipArn'
    | 'createTime'
    | 'updateTime'
  > {
  /** The creator-set payment configuration, exactly as given (R-COL-4); absent when none was given. */
  paymentConfiguration?: PaymentConfiguration
}

/** A membership: the output `Membership` fields that live on the membership itself, plus its owner. */
export interface MembershipRecord
  extends Pick<
    Membership,
    | 'id'
    | 'arn'
    | 'collaborationId'
    | 'status'
    | 'memberAbilities'
    | 'mlMemberAbilities'
    | 'queryLogStatus'
    | 'jobLogStatus'
    | 'defaultResultConfiguration'
    | 'defaultJobResultConfiguration'
    | 'paymentConfiguration'
    | 'isMetricsEnabled'
    | 'createTime'
    | 'updateTime'
  > {
  /** The account that owns the membership: the only one that sees it (R-GET-1, R-LIST-2). */
  accountId: string
  /** Creation order within the region (1, 2, …). */
  sequence: number
  tags?: NonNullable<CreateCollaborationInput['tags']>
}

/** A new, empty state. */
export function emptyState(): DomainState {
  return { version: 1, regions: {} }
}

/** A new, empty region. */
export function emptyRegion(): RegionState {
  return { collaborations: {}, memberships: {}, lastSequence: 0 }
}

/** Looks a record up by id without ever reaching `Object.prototype` (ids come from requests). */
export function lookup<T>(records: Record<string, T> | undefined, id: string): T | undefined {
  return records !== undefined && Object.hasOwn(records, id) ? records[id] : undefined
}

/** A deep copy of plain JSON data: what goes into state and what comes out never shares objects. */
export function copyJson<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T
}

/** Epoch milliseconds (DomainDeps.now) to epoch seconds (the wire and the state). */
export function toEpochSeconds(milliseconds: number): number {
  return milliseconds / 1000
}
