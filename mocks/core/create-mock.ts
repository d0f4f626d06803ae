/**
 * Core (internal): the stateful Clean Rooms mock behind `createCleanRoomsMock` (mocks/index.ts), with the wire
 * core and the in-process SDK handler. Not an entry: users get it through `createCleanRoomsMock`.
 * Imports (enforced by biome.json, test/architecture/layers.test.ts): mocks/core imports the domain,
 * protocol, validation, internal and generated code and the in-process handler (mocks/smithy.ts); no node:*,
 * no msw, no server, no other entry, nothing of generator/ or contracts/.
 */
import {
  createDomainService,
  createStore,
  type DomainDeps,
  type DomainState,
  type SeedCollaborationSpec,
  type SeededCollaboration,
  type StateWrite,
  seedCollaboration,
} from '../domain/index.ts'
import { createRandom, uuidFrom } from '../internal/random.ts'
import { DEFAULT_MODEL, type ModelName, profileFor, snapshotModelOf } from '../profiles.ts'
import { toFetchResponse, toWireRequest } from '../protocol/fetch.ts'
import { handleRequest, type ProtocolOptions } from '../protocol/handle-request.ts'
import { createSignatureCheck } from '../protocol/signature-check.ts'
import type { WireRequest, WireResponse } from '../protocol/wire.ts'
import { type SampleOptions, type SampleResult, sampleMock } from '../sample/sample-mock.ts'
import { createRequestHandler, type MockRequestHandler } from '../smithy.ts'
import { assertValidState } from '../validation/snapshot.ts'
import { createFaultQueue, type FaultSpec } from './fault-queue.ts'

export type { FaultSpec }

/** Options of {@link createCleanRoomsMock}. Every one has a default that suits a unit test. */
export interface MockCoreOptions {
  /**
   * The service as it was at one AWS model date (RULES.md R-MODEL-1): `'2023-11-14'` (the seed's service:
   * `queryCompute` is the only payment category), `'2026-04-17'` (the default, what SDK 3.1048.0 speaks) or
   * `'2026-07-27'` (payer candidates, UpdateMembership's `membershipPaymentConfiguration`). Routing,
   * validation, outputs and the payment rules follow that model. Another value is a TypeError.
   */
  model?: ModelName
  /**
   * Access key id → account id (R-ID-2). Keys not listed map to themselves when they are 12 digits,
   * else to `defaultAccountId`.
   */
  accounts?: Readonly<Record<string, string>>
  /** R-ID-3: refuse access keys that are not in `accounts` (403 UnrecognizedClientException). */
  strict?: boolean
  /**
   * Region of `mock.seed.collaboration()` when the spec names none. Default `us-east-1`. Requests always use the
   * region of their SigV4 credential scope (R-ID-1): seed in the region your client is configured with.
   */
  region?: string
  /** Account of keys that are neither listed nor 12 digits. Default `123456789012` (R-ID-2 decision). */
  defaultAccountId?: string
  /** Seed for ids: the same seed and the same calls give the same ids (R-STATE-1). Default 1. */
  seed?: number
  /** Current time, epoch milliseconds or a Date. Default `Date.now`. */
  clock?: () => number | Date
  /**
   * R-ID-4, opt-in: access key id → secret access key. When given, every request's SigV4 signature is
   * recomputed and compared (403 InvalidSignatureException when it differs or when `x-amz-date` is more
   * than 5 minutes from the real clock; a key with no secret is 403 UnrecognizedClientException).
   */
  secrets?: Readonly<Record<string, string>>
}

/**
 * One change of the state: `write` lists the records written, each as its path in the snapshot
 * (`['regions', 'us-east-1', 'memberships', id]`) and its new value (setting each path in a copy of the
 * previous snapshot gives the new one); `replace` means the whole state was replaced (reset, restore). The
 * values are the mock's live records, valid during the call only: serialize or copy them there, never change them.
 */
export type StateChange = { kind: 'write'; writes: StateWrite[] } | { kind: 'replace' }

/**
 * A copy of the whole state, as plain JSON, with the model profile it belongs to (R-MODEL-1). A snapshot
 * without `model` (written before profiles existed) belongs to the default profile, 2026-04-17.
 */
export type MockSnapshot = DomainState & { model?: ModelName }

/** The core of the mock: every way in (MSW, in-process handler, server) is built on this. */
export interface MockCore {
  /** The model profile this mock follows (R-MODEL-1). */
  readonly model: ModelName
  /** Handles one request synchronously: the whole protocol, no transport. */
  handle(request: WireRequest): WireResponse
  /** Handles a fetch Request (reads its body). */
  fetch(request: Request): Promise<Response>
  /** For `new CleanRoomsClient({ requestHandler })`: the SDK in-process, no socket, no interception. */
  requestHandler: MockRequestHandler
  /** Empties the state (R-STATE-1). Ids continue from the seed's sequence. */
  reset(): void
  /** A deep copy of the state as plain JSON. */
  snapshot(): MockSnapshot
  /**
   * Replaces the state with a snapshot (also how unreachable states are set up, R-STATE-3).
   * @throws TypeError when the snapshot belongs to another model profile (R-MODEL-1), or is not a snapshot
   * @throws StateValidationError naming the first bad path when the snapshot breaks the schema of the state or
   *   one of its invariants (mocks/validation/snapshot.ts); the state is unchanged then
   */
  restore(snapshot: MockSnapshot): void
  /**
   * Queues a fault: the next matching calls fail with that error after validation.
   * @throws TypeError when `fault.operation` does not declare `fault.error` (R-WIRE-2)
   */
  injectFault(fault: FaultSpec): void
  /**
   * Calls `listener` after every state change with what changed (the records written, or the whole state
   * replaced); returns an unsubscribe function. The server's `--state` journal is built on it.
   */
  onChange(listener: (change: StateChange) => void): () => void
  /** Typed seeding: whole collaborations, with participants, payers, statuses and memberships, in one call. */
  readonly seed: MockSeeding
}

/** Seeding helpers (also what Pact provider states use). Atomic: a seed that fails stores nothing. */
export interface MockSeeding {
  /**
   * Seeds a collaboration with its participants, abilities, payers, member statuses (LEFT and REMOVED
   * included) and memberships (REMOVED and COLLABORATION_DELETED included). Payers are computed by the
   * same rules as CreateCollaboration. `region` defaults to the mock's region.
   * @example
   * const { collaborationId, membershipIds } = mock.seed.collaboration({
   *   creator: { accountId: '111111111111', abilities: ['CAN_QUERY'], status: 'ACTIVE', membership: true },
   *   members: [{ accountId: '222222222222', paymentConfiguration: { queryCompute: { isResponsible: true } } }],
   * })
   */
  collaboration(spec: Omit<SeedCollaborationSpec, 'region'> & { region?: string }): SeededCollaboration
  /**
   * Fills the mock with realistic collaborations (company-like names, varied abilities, creator-set payers in
   * every payment category of the model profile, members that joined and members still INVITED, a few busy
   * accounts in many collaborations) made by CreateCollaboration and CreateMembership themselves, for a demo or a
   * front end on the MSW worker (docs/sample.md). The same `seed`, with the same mock `seed` and `clock`, gives
   * the same snapshot. Added to what the state holds; atomic.
   * @throws TypeError when `collaborations` is not an integer from 0 to 10 000, `seed` not an integer,
   *   `region` not a region name, or `accounts` not 1 to 5 distinct account ids
   * @example
   * const { accounts } = mock.seed.sample({ collaborations: 50, seed: 7 })
   * // accounts[0].accountId has the most memberships: use it as the access key id to list them
   */
  sample(options: SampleOptions): SampleResult
}

/** Builds the core mock. `createCleanRoomsMock` (mocks/index.ts), the one public factory, adds the MSW handlers. */
export function createMockCore(options: MockCoreOptions = {}): MockCore {
  const profile = profileFor(options.model ?? DEFAULT_MODEL)
  const { operations } = profile.wire
  const snapshotModel = snapshotModelOf(profile)
  const random = createRandom(options.seed ?? 1)
  const clock = options.clock ?? Date.now
  const deps: DomainDeps = {
    now: () => {
      const value = clock()
      return value instanceof Date ? value.getTime() : value
    },
    // Skips ids already in the state: after restore() (or a state file) the seed's sequence starts again,
    // and a new record must never replace a restored one.
    newId: () => {
      let id = uuidFrom(random)
      while (isTaken(id)) id = uuidFrom(random)
      return id
    },
  }
  const store = createStore({ tokenSecret: `cleanrooms-mock:${options.seed ?? 1}`, rules: profile.rules })
  const isTaken = (id: string) =>
    Object.values(store.state.regions).some(
      (regionState) =>
        Object.hasOwn(regionState.collaborations, id) || Object.hasOwn(regionState.memberships, id),
    )
  const listeners = new Set<(change: StateChange) => void>()
  const faults = createFaultQueue(operations)
  const changed = (kind: StateChange['kind']) => {
    // The written records are listed only when someone listens (the server's --state); always cleared.
    const writes = store.takeWrites(listeners.size > 0)
    if (listeners.size === 0) return
    const change: StateChange = kind === 'write' ? { kind, writes } : { kind }
    for (const listener of listeners) listener(change)
  }
  const region = options.region ?? 'us-east-1'
  const service = createDomainService(store, deps)

  const protocol: ProtocolOptions = {
    service,
    model: profile.wire,
    accounts: new Map(Object.entries(options.accounts ?? {})),
    strict: options.strict ?? false,
    defaultAccountId: options.defaultAccountId ?? '123456789012',
    defaultRegion: region,
    newRequestId: () => crypto.randomUUID(),
    ...(options.secrets === undefined
      ? {}
      : { checkSignature: createSignatureCheck({ secrets: options.secrets }) }),
    takeFault: (operation, caller) => faults.take(operation, caller),
  }

  const handle = (request: WireRequest): WireResponse => {
    const response = handleRequest(request, protocol)
    if (response.status < 300 && isMutating(request)) changed('write')
    return response
  }

  return {
    model: profile.model,
    handle,
    fetch: async (request) => toFetchResponse(handle(await toWireRequest(request))),
    requestHandler: createRequestHandler(handle),
    reset() {
      store.reset()
      faults.clear()
      changed('replace')
    },
    snapshot: () => ({ ...store.snapshot(), model: profile.model }),
    restore(snapshot) {
      const { model = DEFAULT_MODEL, ...state } = snapshot ?? ({} as MockSnapshot)
      if (model !== profile.model) {
        throw new TypeError(
          `this snapshot belongs to model profile ${String(model)}; this mock follows ${profile.model} ` +
            `(create the mock with { model: '${String(model)}' } to restore it)`,
        )
      }
      // Deep check first (schema and invariants, by this profile's shapes and payer rules): a bad snapshot is
      // refused whole and the state stays as it was.
      assertValidState(state, snapshotModel)
      store.restore(state)
      changed('replace')
    },
    injectFault(fault) {
      faults.push(fault)
    },
    onChange(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    seed: {
      collaboration(spec) {
        const seeded = seedCollaboration(store, { ...spec, region: spec.region ?? region }, deps)
        changed('write')
        return seeded
      },
      sample(options) {
        const sampled = sampleMock({ store, profile, newId: deps.newId, now: deps.now, region }, options)
        changed('write')
        return sampled
      },
    },
  }
}

function isMutating(request: WireRequest): boolean {
  return request.method !== 'GET' && request.method !== 'HEAD'
}
