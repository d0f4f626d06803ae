/** Domain layer: the six operations, and all six bound to one store and one set of deps, keyed by operation name. */
import type { OperationTypes } from '../generated/types.ts'
import { createCollaboration } from './create-collaboration.ts'
import { createMembership } from './create-membership.ts'
import { getMembership } from './get-membership.ts'
import { listMembers } from './list-members.ts'
import { listMemberships } from './list-memberships.ts'
import type { Caller, DomainDeps } from './state.ts'
import type { Store } from './store.ts'
import { updateMembership } from './update-membership.ts'

export {
  createCollaboration,
  createMembership,
  getMembership,
  listMembers,
  listMemberships,
  updateMembership,
}

/** One function per operation, `(caller, validated input) → output`, throwing the generated errors. */
export type DomainService = {
  [K in keyof OperationTypes]: (
    caller: Caller,
    input: OperationTypes[K]['input'],
  ) => OperationTypes[K]['output']
}

/**
 * Binds the operations to a store and deps, so the protocol layer can route by operation name.
 * @example const service = createDomainService(store, { now: () => Date.now(), newId: () => crypto.randomUUID() })
 */
export function createDomainService(store: Store, deps: DomainDeps): DomainService {
  return {
    CreateCollaboration: (caller, input) => createCollaboration(store, caller, input, deps),
    CreateMembership: (caller, input) => createMembership(store, caller, input, deps),
    GetMembership: (caller, input) => getMembership(store, caller, input),
    ListMembers: (caller, input) => listMembers(store, caller, input),
    ListMemberships: (caller, input) => listMemberships(store, caller, input),
    UpdateMembership: (caller, input) => updateMembership(store, caller, input, deps),
  }
}
