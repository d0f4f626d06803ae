/**
 * Public entry of `cleanrooms-mock/contracts`: typed Pact builders, error expectations, provider states.
 * Imports (enforced by biome.json, test/architecture/layers.test.ts): contracts/ may import mocks/ and
 * Pact, never generator/ (which emits contracts/generated/ instead).
 */
export { accountOfAuthorization, authorizationMatcher } from './builders/authorization-matcher.ts'
export type {
  AnyMatcher,
  ErrorExpectation,
  Expected,
  OperationContract,
  PactInteraction,
  ProviderState,
  StateChoice,
  StateParams,
  Templated,
} from './builders/contract-types.ts'
export {
  accessDenied,
  conflict,
  resourceNotFound,
  validationException,
} from './builders/error-expectations.ts'
export { stateValue } from './builders/state-value.ts'
/* Generated: one builder, one contract type and one error union per operation */
export {
  type CreateCollaborationContract,
  type CreateCollaborationErrors,
  type CreateMembershipContract,
  type CreateMembershipErrors,
  createCollaboration,
  createMembership,
  type ErrorBodies,
  type GetMembershipContract,
  type GetMembershipErrors,
  getMembership,
  type ListMembersContract,
  type ListMembersErrors,
  type ListMembershipsContract,
  type ListMembershipsErrors,
  listMembers,
  listMemberships,
  shapePlans,
  type UpdateMembershipContract,
  type UpdateMembershipErrors,
  updateMembership,
} from './generated/interactions.ts'
export {
  type ProviderStateDefinition,
  providerStates,
  type ResolvedState,
  resolveState,
  type SeedableMock,
} from './provider/states.ts'
export {
  type InteractionOutcome,
  type VerificationReport,
  type VerifyPactsOptions,
  verifyPacts,
} from './provider/verify-pacts.ts'
export {
  EXAMPLE_IDS,
  STATE_ACCOUNTS,
  STATE_CATALOGUE,
  STATES,
  type StateKey,
  type StateName,
  type StateParamKind,
  type StateParamSpec,
  type StateParamsOf,
  type StateReturnsOf,
  type StateValueName,
  stateNameWith,
  type TypedProviderState,
} from './state-names.ts'
