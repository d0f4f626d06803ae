/** Domain layer: memberships by owner (and by owner and status), oldest first, so a page costs O(log n + page). */
import type { MembershipStatus } from '../generated/types.ts'
import type { DomainState, MembershipRecord } from './state.ts'

/** The sort key of a membership in a listing, and its id. Newest first = largest key first. */
export interface MembershipIndexEntry {
  createTime: number
  sequence: number
  id: string
}

/** Derived from the state (never serialised); rebuilt on restore. */
export interface MembershipIndex {
  add(region: string, membership: MembershipRecord): void
  /** The owner's memberships in a region, ascending by (createTime, sequence); `status` filters. */
  list(
    region: string,
    accountId: string,
    status: MembershipStatus | undefined,
  ): readonly MembershipIndexEntry[]
  rebuild(state: DomainState): void
}

/** An empty index. */
export function createMembershipIndex(): MembershipIndex {
  const lists = new Map<string, MembershipIndexEntry[]>()
  const keyOf = (region: string, accountId: string, status: string) => `${region}\n${accountId}\n${status}`

  function insert(key: string, entry: MembershipIndexEntry): void {
    let entries = lists.get(key)
    if (entries === undefined) {
      entries = []
      lists.set(key, entries)
    }
    const last = entries.at(-1)
    // New memberships are the newest, so appending is the common case; seeded ones may land anywhere.
    if (last === undefined || compareEntries(last, entry) < 0) {
      entries.push(entry)
    } else {
      entries.splice(countBefore(entries, entry, true), 0, entry)
    }
  }

  const index: MembershipIndex = {
    add(region, membership) {
      const entry = { createTime: membership.createTime, sequence: membership.sequence, id: membership.id }
      insert(keyOf(region, membership.accountId, ''), entry)
      insert(keyOf(region, membership.accountId, membership.status), entry)
    },
    list(region, accountId, status) {
      return lists.get(keyOf(region, accountId, status ?? '')) ?? []
    },
    rebuild(state) {
      lists.clear()
      for (const [region, regionState] of Object.entries(state.regions)) {
        for (const membership of Object.values(regionState.memberships)) index.add(region, membership)
      }
    },
  }
  return index
}

/** Orders entries oldest first: by createTime, then by creation sequence. */
function compareEntries(
  a: Pick<MembershipIndexEntry, 'createTime' | 'sequence'>,
  b: Pick<MembershipIndexEntry, 'createTime' | 'sequence'>,
): number {
  return a.createTime - b.createTime || a.sequence - b.sequence
}

/**
 * Binary search over an ascending list: the number of entries that sort before `key`
 * (`inclusive`: at or before it). O(log n).
 */
export function countBefore(
  entries: readonly MembershipIndexEntry[],
  key: Pick<MembershipIndexEntry, 'createTime' | 'sequence'>,
  inclusive = false,
): number {
  let low = 0
  let high = entries.length
  while (low < high) {
    const middle = (low + high) >>> 1
    const entry = entries[middle]
    const order = entry === undefined ? 1 : compareEntries(entry, key)
    if (order < 0 || (inclusive && order === 0)) low = middle + 1
    else high = middle
  }
  return low
}
