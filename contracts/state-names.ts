/** Contracts layer: the provider states a contract may name, their parameters, and example ids. */

/**
 * Provider state names. The braces are part of the name (Pact matches states by name); the values
 * go in the state's parameters. See docs/contracts.md for what each one sets up.
 */
export const STATES = {
  /** Nothing exists: the mock is reset. No parameters. */
  empty: 'no collaborations exist',
  /**
   * A collaboration created by `creatorAccountId` (who can query), with `payerAccountId` set to pay for
   * queries and `resultReceiverAccountId` able to receive results; everyone INVITED. Returns
   * `collaborationId`, `collaborationArn`.
   */
  paidCollaboration: 'collaboration {collaborationId} where {payerAccountId} pays for queries',
  /**
   * The collaboration above, and an ACTIVE membership of `accountId` (one of its three accounts) that
   * accepted exactly its payer role. Returns `membershipId`, `membershipArn`, `collaborationId`,
   * `collaborationArn`.
   */
  activeMembership: 'membership {membershipId} of account {accountId} is ACTIVE',
} as const

/** Default accounts of the states' parameters. */
export const STATE_ACCOUNTS = {
  creator: '111111111111',
  payer: '222222222222',
  resultReceiver: '333333333333',
} as const

/**
 * Example values consumer tests use for state-supplied ids (with `stateValue`); at verification the
 * ids the provider state generated replace them.
 */
export const EXAMPLE_IDS = {
  collaborationId: '0f3c1f9e-7a2b-4c5d-8e6f-1a2b3c4d5e6f',
  membershipId: '5b2d7c1a-3e4f-4a6b-9c8d-7e6f5a4b3c2d',
} as const
