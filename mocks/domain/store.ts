/** Domain layer: the store, i.e. the state (plain JSON) plus the indexes derived from it. */
import type { MembershipStatus } from '../generated/types.ts'
import { createMembershipIndex, type MembershipIndexEntry } from './membership-index.ts'
import { DEFAULT_RULES, type ServiceRules } from './profile-rules.ts'
import {
  type CollaborationRecord,
  copyJson,
  type DomainState,
  emptyRegion,
  emptyState,
  type MembershipRecord,
  type RegionState,
} from './state.ts'

export interface StoreOptions {
  /**
   * Mixed into every page token's checksum (R-LIST-3). Give each store its own, e.g. derived from the mock's
   * seed, so tokens of one mock are not valid in another. Default: a fixed string.
   */
  tokenSecret?: string
  /** Initial state, e.g. read from a state file; copied, and checked like `restore`. */
  state?: DomainState
  /** The model profile's rules (RULES.md R-MODEL). Default: the 2026-04-17 profile's. */
  rules?: ServiceRules
}

/** The mock's state and its indexes. The operations read and write it; nothing in it awaits. */
export interface Store {
  /** The live state. Read it freely; change it only through the operations and seed helpers. */
  readonly state: DomainState
  readonly tokenSecret: string
  /** What the model profile of this state differs in (payment categories, payer candidates). */
  readonly rules: ServiceRules
  /** A deep copy of the state as plain JSON (R-STATE-1). */
  snapshot(): DomainState
  /** Replaces the state with a deep copy of `snapshot` and rebuilds the indexes. Throws on an inconsistent snapshot. */
  restore(snapshot: DomainState): void
  /** Empties the state (R-STATE-1). */
  reset(): void
  /** A region's state for reading; undefined when nothing was ever created there (reading never creates state). */
  readRegion(region: string): RegionState | undefined
  /** Adds a collaboration (its id must be new in the region). */
  addCollaboration(region: string, collaboration: CollaborationRecord): void
  /** Adds a membership, assigning its creation sequence; returns the stored record. */
  addMembership(region: string, membership: Omit<MembershipRecord, 'sequence'>): MembershipRecord
  /** Replaces a stored membership (same id, same owner, same status for the indexes). */
  replaceMembership(region: string, membership: MembershipRecord): void
  /**
   * The records written since the last call (a membership's collaboration counts as written: joining links its
   * participant), as paths into the state and their current values; clears the list. The values are the live
   * records, not copies: serialize them at once, never keep or change them. Empty after `restore` and `reset`,
   * which replace the whole state. `list: false` only clears.
   */
  takeWrites(list?: boolean): StateWrite[]
  /** An account's memberships in a region, oldest first, optionally only those in `status` (R-LIST-2). */
  membershipsOf(region: string, accountId: string, status?: MembershipStatus): readonly MembershipIndexEntry[]
}

/** One written record: its path in the state (`['regions', region, 'memberships', id]`) and its new value. */
export type StateWrite = [path: string[], value: unknown]

/** Default page-token secret when the caller gives none. */
const DEFAULT_TOKEN_SECRET = 'cleanrooms-mock'

/**
 * Creates a store, empty or from `options.state`.
 * @example const store = createStore({ tokenSecret: `seed-${seed}` })
 */
export function createStore(options: StoreOptions = {}): Store {
  let state = emptyState()
  const index = createMembershipIndex()
  // Written records as `region\nkind\nid` (kind: region | collaborations | memberships), in first-write order.
  const written = new Set<string>()

  function writeRegion(region: string): RegionState {
    const existing = Object.hasOwn(state.regions, region) ? state.regions[region] : undefined
    if (existing !== undefined) return existing
    const created = emptyRegion()
    // The region comes from the request's credential scope: `regions['__proto__'] = …` would replace the
    // object's prototype instead of adding a key, and the region would vanish from every snapshot.
    Object.defineProperty(state.regions, region, {
      value: created,
      enumerable: true,
      writable: true,
      configurable: true,
    })
    written.add(`${region}\nregion\n`)
    return created
  }

  const store: Store = {
    get state() {
      return state
    },
    tokenSecret: options.tokenSecret ?? DEFAULT_TOKEN_SECRET,
    rules: options.rules ?? DEFAULT_RULES,
    snapshot: () => copyJson(state),
    restore(snapshot) {
      const next = copyJson(snapshot)
      assertConsistent(next)
      state = next
      index.rebuild(state)
      written.clear()
    },
    reset() {
      state = emptyState()
      index.rebuild(state)
      written.clear()
    },
    readRegion: (region) => (Object.hasOwn(state.regions, region) ? state.regions[region] : undefined),
    addCollaboration(region, collaboration) {
      const regionState = writeRegion(region)
      if (Object.hasOwn(regionState.collaborations, collaboration.id)) {
        throw new Error(`collaboration ${collaboration.id} already exists in ${region}`)
      }
      regionState.collaborations[collaboration.id] = collaboration
      written.add(`${region}\ncollaborations\n${collaboration.id}`)
    },
    addMembership(region, membership) {
      const regionState = writeRegion(region)
      if (Object.hasOwn(regionState.memberships, membership.id)) {
        throw new Error(`membership ${membership.id} already exists in ${region}`)
      }
      regionState.lastSequence += 1
      const record: MembershipRecord = { ...membership, sequence: regionState.lastSequence }
      regionState.memberships[record.id] = record
      index.add(region, record)
      written.add(`${region}\nmemberships\n${record.id}`)
      written.add(`${region}\ncollaborations\n${record.collaborationId}`)
      return record
    },
    replaceMembership(region, membership) {
      const regionState = writeRegion(region)
      regionState.memberships[membership.id] = membership
      written.add(`${region}\nmemberships\n${membership.id}`)
    },
    takeWrites(list = true) {
      const writes: StateWrite[] = []
      if (list) {
        const regions = new Set<string>()
        for (const key of written) {
          const [region = '', kind = '', id = ''] = key.split('\n')
          const regionState = Object.hasOwn(state.regions, region) ? state.regions[region] : undefined
          if (kind === 'region') {
            // A new region is written whole (it holds only what was just added), before its records.
            if (regionState !== undefined) writes.push([['regions', region], regionState])
            continue
          }
          const records = regionState?.[kind as 'collaborations' | 'memberships']
          if (records === undefined || !Object.hasOwn(records, id)) continue
          writes.push([['regions', region, kind, id], records[id]])
          regions.add(region)
        }
        for (const region of regions) {
          writes.push([['regions', region, 'lastSequence'], state.regions[region]?.lastSequence ?? 0])
        }
      }
      written.clear()
      return writes
    },
    membershipsOf: (region, accountId, status) => index.list(region, accountId, status),
  }
  if (options.state !== undefined) store.restore(options.state)
  return store
}

/** Rejects snapshots the operations could not work on (wrong version, dangling references, reused sequences). */
function assertConsistent(state: DomainState): void {
  if (state?.version !== 1 || typeof state.regions !== 'object' || state.regions === null) {
    throw new TypeError('not a cleanrooms-mock state: expected { version: 1, regions: {…} }')
  }
  for (const [region, regionState] of Object.entries(state.regions)) {
    const sequences = new Set<number>()
    for (const [id, membership] of Object.entries(regionState.memberships)) {
      if (membership.id !== id)
        throw new TypeError(`${region}: membership keyed ${id} has id ${membership.id}`)
      if (!Object.hasOwn(regionState.collaborations, membership.collaborationId)) {
        throw new TypeError(
          `${region}: membership ${id} refers to unknown collaboration ${membership.collaborationId}`,
        )
      }
      if (sequences.has(membership.sequence) || membership.sequence > regionState.lastSequence) {
        throw new TypeError(
          `${region}: membership ${id} has a reused or future sequence ${membership.sequence}`,
        )
      }
      sequences.add(membership.sequence)
    }
    for (const [id, collaboration] of Object.entries(regionState.collaborations)) {
      if (collaboration.id !== id)
        throw new TypeError(`${region}: collaboration keyed ${id} has id ${collaboration.id}`)
    }
  }
}
