/** Domain layer: GetMembership (R-GET-1), and the owner-only lookup UpdateMembership shares. */
import type { GetMembershipInput, GetMembershipOutput } from '../generated/types.ts'
import { membershipNotFound } from './decisions.ts'
import { toMembership } from './projections.ts'
import {
  type Caller,
  type CollaborationRecord,
  type DomainDeps,
  lookup,
  type MembershipRecord,
  type RegionState,
} from './state.ts'
import type { Store } from './store.ts'

/**
 * Returns one of the caller's own memberships, whatever its status.
 * @throws ResourceNotFoundException `MEMBERSHIP` for an unknown id or another account's membership
 */
export function getMembership(
  store: Store,
  caller: Caller,
  input: GetMembershipInput,
  _deps?: DomainDeps,
): GetMembershipOutput {
  const { membership, collaboration } = findOwnMembership(store, caller, input.membershipIdentifier)
  return { membership: toMembership(membership, collaboration) }
}

/**
 * The caller's membership `membershipId` in the caller's region, with its collaboration.
 * @throws ResourceNotFoundException `MEMBERSHIP` when there is none the caller owns (R-GET-1, R-UPD-1)
 */
export function findOwnMembership(
  store: Store,
  caller: Caller,
  membershipId: string,
): { region: RegionState; membership: MembershipRecord; collaboration: CollaborationRecord } {
  const region = store.readRegion(caller.region)
  const membership = lookup(region?.memberships, membershipId)
  const collaboration = lookup(region?.collaborations, membership?.collaborationId ?? '')
  if (region === undefined || membership === undefined || membership.accountId !== caller.accountId) {
    throw membershipNotFound(membershipId)
  }
  if (collaboration === undefined) {
    // restore() refuses such snapshots, so this is a bug in the domain, not a client error.
    throw new Error(
      `membership ${membershipId} refers to missing collaboration ${membership.collaborationId}`,
    )
  }
  return { region, membership, collaboration }
}
