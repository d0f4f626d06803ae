/** Domain layer: ListMemberships (R-LIST-2, R-LIST-3). */
import type { ListMembershipsInput, ListMembershipsOutput, MembershipSummary } from '../generated/types.ts'
import { countBefore, type MembershipIndexEntry } from './membership-index.ts'
import { invalidToken, issuePageToken, pageSize, readPageToken, type TokenBinding } from './page-token.ts'
import { toMembershipSummary } from './projections.ts'
import { type Caller, type DomainDeps, lookup } from './state.ts'
import type { Store } from './store.ts'

/**
 * Lists the caller's own memberships in the caller's region, newest first, optionally only one status.
 * The token carries the sort key of the last item returned; the next page starts with a binary search in
 * the owner's index, so a page costs O(log n + page size) whatever the number of memberships.
 * @throws ValidationException (bad `nextToken`)
 */
export function listMemberships(
  store: Store,
  caller: Caller,
  input: ListMembershipsInput,
  _deps?: DomainDeps,
): ListMembershipsOutput {
  const binding: TokenBinding = {
    operation: 'ListMemberships',
    accountId: caller.accountId,
    region: caller.region,
    filter: input.status ?? '',
  }
  const size = pageSize(input.maxResults)
  // An empty token is what the SDK's paginators treat as "no more pages": read it as the first page.
  const after = input.nextToken
    ? readAnchor(readPageToken(store.tokenSecret, binding, input.nextToken))
    : undefined

  const region = store.readRegion(caller.region)
  const entries = store.membershipsOf(caller.region, caller.accountId, input.status)
  const summaries: MembershipSummary[] = []
  let i = (after === undefined ? entries.length : countBefore(entries, after)) - 1
  let last: MembershipIndexEntry | undefined
  for (; i >= 0 && summaries.length < size; i--) {
    const entry = entries[i]
    const membership = lookup(region?.memberships, entry?.id ?? '')
    const collaboration = lookup(region?.collaborations, membership?.collaborationId ?? '')
    if (entry === undefined || membership === undefined || collaboration === undefined) continue
    summaries.push(toMembershipSummary(membership, collaboration))
    last = entry
  }
  return {
    membershipSummaries: summaries,
    ...(i >= 0 &&
      last !== undefined && {
        nextToken: issuePageToken(store.tokenSecret, binding, `${last.createTime}:${last.sequence}`),
      }),
  }
}

function readAnchor(position: string): Pick<MembershipIndexEntry, 'createTime' | 'sequence'> {
  const [time, sequence, extra] = position.split(':')
  const createTime = Number(time)
  const order = Number(sequence)
  if (extra !== undefined || !time || !Number.isFinite(createTime) || !Number.isSafeInteger(order)) {
    throw invalidToken('The nextToken is malformed.')
  }
  return { createTime, sequence: order }
}
