/** Domain layer: the public surface of the pure domain (no HTTP, no globals; time and ids injected). */
export { createCollaboration } from './create-collaboration.ts'
export { createMembership } from './create-membership.ts'
export { decisions } from './decisions.ts'
export { createDomainService, type DomainService } from './domain-service.ts'
export { getMembership } from './get-membership.ts'
export { listMembers } from './list-members.ts'
export { listMemberships } from './list-memberships.ts'
export { PAYMENT_CATEGORIES, type PaymentCategory } from './payment-categories.ts'
export {
  type SeedCollaborationSpec,
  type SeededCollaboration,
  type SeedMembership,
  type SeedParticipant,
  seedCollaboration,
} from './seed-collaboration.ts'
export {
  type Caller,
  type CollaborationRecord,
  type DomainDeps,
  type DomainState,
  type EffectivePayers,
  emptyState,
  type MembershipRecord,
  type ParticipantRecord,
  type PaymentCategoryKey,
  type RegionState,
} from './state.ts'
export { createStore, type Store, type StoreOptions } from './store.ts'
export { updateMembership } from './update-membership.ts'
