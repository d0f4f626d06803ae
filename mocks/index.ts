/**
 * Public entry of `cleanrooms-mock`: the stateful mock of AWS Clean Rooms and its three ways in.
 * Imports (enforced by biome.json, test/architecture/layers.test.ts): the browser-safe entries
 * (index, msw, smithy, profiles) import any of mocks/ but the server, and no node:*, generator/ or contracts/.
 */
import type { HttpHandler } from 'msw'

import { createMockCore, type MockCore, type MockCoreOptions } from './core/create-mock.ts'
import { createHandlers, type HandlerOptions } from './msw.ts'

/** Options of {@link createCleanRoomsMock}: the mock's (model, accounts, seed, clock…) and its MSW handlers' (endpoint). */
export interface CleanRoomsMockOptions extends MockCoreOptions, HandlerOptions {}

/** The mock: state, seeding, and the three ways in. */
export interface CleanRoomsMock extends MockCore {
  /** MSW handlers: `setupServer(...mock.handlers)` (Node) or `setupWorker(...mock.handlers)` (browser). */
  handlers: HttpHandler[]
}

/**
 * Creates a stateful mock of the six Clean Rooms operations.
 *
 * @example
 * const mock = createCleanRoomsMock({ accounts: { AKIDCREATOR: '111111111111' } })
 * // MSW
 * setupServer(...mock.handlers).listen()
 * // or in-process, fastest
 * const client = new CleanRoomsClient({ region: 'us-east-1', requestHandler: mock.requestHandler, credentials })
 * @see ../docs/behaviour.md for every rule the mock enforces
 */
export function createCleanRoomsMock(options: CleanRoomsMockOptions = {}): CleanRoomsMock {
  const core = createMockCore(options)
  const handlerOptions: HandlerOptions = {}
  if (options.endpoint !== undefined) handlerOptions.endpoint = options.endpoint
  let handlers: HttpHandler[] | undefined
  // Built on first use: only this needs msw (an optional peer dependency), and it says so when it is missing.
  return {
    ...core,
    get handlers() {
      handlers ??= createHandlers(core.handle, handlerOptions)
      return handlers
    },
  }
}

/* Mock */
export type { FaultSpec, MockSeeding, MockSnapshot, StateChange } from './core/create-mock.ts'
/* Domain */
export type {
  SeedCollaborationSpec,
  SeededCollaboration,
  SeedMembership,
  SeedParticipant,
} from './domain/index.ts'
// The mock's own error classes are not exported on purpose: tests assert on the SDK's classes
// (`error instanceof ValidationException` from '@aws-sdk/client-cleanrooms'), and a look-alike class of
// the same name, picked by an auto-import, would make that check silently false.
export { CLEANROOMS_ENDPOINTS, type HandlerOptions } from './msw.ts'
/* Model profiles (RULES.md R-MODEL-1) */
export { DEFAULT_MODEL, MODELS, type ModelName } from './profiles.ts'
/* Protocol, for adapters of your own */
export type { WireRequest, WireResponse } from './protocol/wire.ts'
/* Sample data (docs/sample.md) */
export {
  MAX_SAMPLE_ACCOUNTS,
  MAX_SAMPLE_COLLABORATIONS,
  type SampledAccount,
  type SampledCollaboration,
  type SampleOptions,
  type SampleResult,
} from './sample/sample-mock.ts'
export type { MockRequestHandler } from './smithy.ts'
export { StateValidationError } from './validation/snapshot.ts'
