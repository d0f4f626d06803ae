/**
 * Domain layer: the public surface of the pure domain (no HTTP, no globals; time and ids injected).
 * Imports (enforced by biome.json, test/architecture/layers.test.ts): its own files and the generated
 * types and errors only: no node:*, no msw, no protocol, no fetch types.
 */
export { decisions } from './decisions.ts'
export {
  createCollaboration,
  createDomainService,
  createMembership,
  type DomainService,
  getMembership,
  listMembers,
  listMemberships,
  updateMembership,
} from './operations.ts'
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
export { createStore, type StateWrite, type Store, type StoreOptions } from './store.ts'
