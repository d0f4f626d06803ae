/** Domain layer: ListMembers (R-LIST-1, R-LIST-3, R-PAY-3). */
import type { ListMembersInput, ListMembersOutput } from '../generated/types.ts'
import { collaborationNotFound, decisions } from './decisions.ts'
import { invalidToken, issuePageToken, pageSize, readPageToken, type TokenBinding } from './page-token.ts'
import { toMemberSummary } from './projections.ts'
import { type Caller, type DomainDeps, lookup } from './state.ts'
import type { Store } from './store.ts'

/**
 * Lists a collaboration's participants, creator first, then members in input order, each with its effective
 * payment configuration. Allowed for the creator and for members that are INVITED or ACTIVE.
 * A page costs O(page size): the token carries the index of the next participant.
 * @throws ValidationException (bad `nextToken`), ResourceNotFoundException `COLLABORATION`
 */
export function listMembers(
  store: Store,
  caller: Caller,
  input: ListMembersInput,
  _deps?: DomainDeps,
): ListMembersOutput {
  const binding: TokenBinding = {
    operation: 'ListMembers',
    accountId: caller.accountId,
    region: caller.region,
    filter: input.collaborationIdentifier,
  }
  const size = pageSize(input.maxResults)
  // An empty token is what the SDK's paginators treat as "no more pages": read it as the first page.
  const start = input.nextToken ? readStart(readPageToken(store.tokenSecret, binding, input.nextToken)) : 0

  const collaboration = lookup(store.readRegion(caller.region)?.collaborations, input.collaborationIdentifier)
  const participant = collaboration?.participants.find((p) => p.accountId === caller.accountId)
  const mayList =
    participant !== undefined &&
    (participant.accountId === collaboration?.creatorAccountId ||
      decisions.statusesThatMayListMembers.includes(participant.status))
  if (collaboration === undefined || !mayList) throw collaborationNotFound(input.collaborationIdentifier)

  const participants = collaboration.participants
  const page = participants.slice(start, start + size)
  const next = start + page.length
  return {
    memberSummaries: page.map((p) => toMemberSummary(p, collaboration)),
    ...(next < participants.length && {
      nextToken: issuePageToken(store.tokenSecret, binding, String(next)),
    }),
  }
}

function readStart(position: string): number {
  if (!/^\d{1,9}$/.test(position)) throw invalidToken('The nextToken is malformed.')
  return Number(position)
}
