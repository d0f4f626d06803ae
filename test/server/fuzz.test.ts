/**
 * Property-based fuzzing of the standalone server (fast-check): random and mutated requests on the AWS paths
 * and the control surface. Never a 5xx, every 4xx names its error type, the state keeps its invariants, and
 * the --state files (snapshot and journal) always read back as the state in memory.
 * CI runs a few thousand with a fixed seed; `npm run fuzz` runs more (FUZZ_RUNS, FUZZ_SEED).
 */
import { cp, mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'

import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { createCleanRoomsMock } from '../../mocks/index.ts'
import { profileFor, snapshotModelOf } from '../../mocks/profiles.ts'
import { openStateStore } from '../../mocks/server/state-file.ts'
import { type MockServer, startServer } from '../../mocks/server.ts'
import { assertValidState } from '../../mocks/validation/snapshot.ts'

const RUNS = Number(process.env['FUZZ_RUNS'] ?? 3_000)
const SEED = Number(process.env['FUZZ_SEED'] ?? 20_261_130)

const ACCOUNTS = ['111111111111', '222222222222', '333333333333', '111111111111', 'AKIDNOTDIGITS']
const REGIONS = [
  ...Array<string>(6).fill('us-east-1'),
  'eu-west-1',
  'eu-west-1',
  '__proto__',
  'evil<script>|x',
]

let server: MockServer
let dir: string
const mock = createCleanRoomsMock({ seed: 7 })
/** Ids the server handed out, so requests often refer to something that exists. */
const known = { collaborations: ['00000000-0000-4000-8000-000000000000'], memberships: ['m'] }

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'cleanrooms-fuzz-'))
  // A small compaction limit, so the run goes through compactions as well as appends.
  server = await startServer({
    mock,
    port: 0,
    maxRestoreBytes: 1_000_000,
    stateFile: path.join(dir, 'state.json'),
    compactAtBytes: 64 * 1024,
  })
})
afterAll(async () => {
  await server?.close()
  await rm(dir, { recursive: true, force: true })
})

/** The invariants, and what a restart would read from the state files now (every answered write is on disk). */
async function assertInvariants(): Promise<void> {
  const snapshot = mock.snapshot()
  const { model, ...state } = snapshot
  assertValidState(state, snapshotModelOf(profileFor(model)))
  const copy = await mkdtemp(path.join(tmpdir(), 'cleanrooms-fuzz-copy-'))
  try {
    for (const name of ['state.json', 'state.json.journal'])
      await cp(path.join(dir, name), path.join(copy, name))
    const store = await openStateStore(path.join(copy, 'state.json'))
    expect(store.loaded).toEqual(snapshot)
    await store.close()
  } finally {
    await rm(copy, { recursive: true, force: true })
  }
}

function authorization(account: string, region: string): string {
  return `AWS4-HMAC-SHA256 Credential=${account}/20260101/${region}/cleanrooms/aws4_request, SignedHeaders=host;x-amz-date, Signature=${'0'.repeat(64)}`
}

const pick = <T>(values: readonly T[]) => fc.constantFrom(...values)
const knownId = (kind: keyof typeof known) =>
  fc.oneof(
    fc.nat().map((n) => known[kind][n % known[kind].length] ?? ''),
    fc.uuid(),
    fc.string({ maxLength: 40 }),
  )

const memberSpec = fc.record({
  accountId: pick(ACCOUNTS),
  displayName: fc.string({ minLength: 1, maxLength: 20 }),
  memberAbilities: fc.subarray([
    'CAN_QUERY',
    'CAN_RECEIVE_RESULTS',
    'CAN_RUN_JOB',
    'CAN_RECEIVE_JOB_RESULTS',
  ]),
  paymentConfiguration: fc.option(fc.record({ queryCompute: fc.record({ isResponsible: fc.boolean() }) }), {
    nil: undefined,
  }),
})

/** Valid-looking bodies of each operation: the starting points of the mutations. */
const validBodies = {
  createCollaboration: fc.record({
    name: fc.string({ minLength: 1, maxLength: 30 }),
    description: fc.string({ maxLength: 30 }),
    creatorDisplayName: fc.string({ minLength: 1, maxLength: 20 }),
    creatorMemberAbilities: fc.subarray(['CAN_QUERY', 'CAN_RECEIVE_RESULTS', 'CAN_RUN_JOB']),
    members: fc.array(memberSpec, { maxLength: 3 }),
    queryLogStatus: pick(['ENABLED', 'DISABLED']),
  }),
  createMembership: fc.record({
    collaborationIdentifier: knownId('collaborations'),
    queryLogStatus: pick(['ENABLED', 'DISABLED']),
    paymentConfiguration: fc.option(fc.record({ queryCompute: fc.record({ isResponsible: fc.boolean() }) }), {
      nil: undefined,
    }),
  }),
  updateMembership: fc.record({ queryLogStatus: pick(['ENABLED', 'DISABLED', 'BOGUS']) }),
}

/** A body mutated the ways the attack did: a member dropped, replaced by any JSON, added, or the text cut/garbled. */
function mutated(body: fc.Arbitrary<Record<string, unknown>>): fc.Arbitrary<string | undefined> {
  return fc
    .tuple(body, fc.nat(), fc.jsonValue({ maxDepth: 3 }), fc.nat(11), fc.string({ maxLength: 8 }))
    .map(([value, at, junk, how, text]) => {
      const keys = Object.keys(value)
      const key = keys[at % Math.max(keys.length, 1)] ?? 'x'
      const copy: Record<string, unknown> = { ...value }
      switch (how) {
        case 1:
          delete copy[key]
          return JSON.stringify(copy)
        case 2:
          copy[key] = junk
          return JSON.stringify(copy)
        case 3:
          copy[text || '__proto__'] = junk
          return JSON.stringify(copy)
        case 4: {
          const json = JSON.stringify(value)
          return json.slice(0, at % (json.length + 1))
        }
        case 5:
          return JSON.stringify(junk)
        case 6:
          return text
        default:
          return JSON.stringify(value)
      }
    })
}

interface FuzzRequest {
  method: string
  path: string
  headers: Record<string, string>
  body: string | undefined
}

const awsRequest: fc.Arbitrary<FuzzRequest> = fc
  .tuple(
    fc.oneof(
      mutated(validBodies.createCollaboration).map((body) => ({
        method: 'POST',
        path: '/collaborations',
        body,
      })),
      fc
        .tuple(mutated(validBodies.createMembership))
        .map(([body]) => ({ method: 'POST', path: '/memberships', body })),
      fc.tuple(knownId('memberships'), mutated(validBodies.updateMembership)).map(([id, body]) => ({
        method: 'PATCH',
        path: `/memberships/${encodeURIComponent(id)}`,
        body,
      })),
      knownId('memberships').map((id) => ({
        method: 'GET',
        path: `/memberships/${encodeURIComponent(id)}`,
        body: undefined,
      })),
      fc
        .tuple(knownId('collaborations'), fc.option(fc.string({ maxLength: 20 }), { nil: undefined }))
        .map(([id, token]) => ({
          method: 'GET',
          path: `/collaborations/${encodeURIComponent(id)}/members${token === undefined ? '' : `?nextToken=${encodeURIComponent(token)}`}`,
          body: undefined,
        })),
      fc
        .tuple(pick(['', 'ACTIVE', 'REMOVED', 'x']), fc.integer({ min: -5, max: 200 }))
        .map(([status, max]) => ({
          method: 'GET',
          path: `/memberships?maxResults=${max}${status ? `&status=${status}` : ''}`,
          body: undefined,
        })),
      fc
        .tuple(
          pick(['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS']),
          fc.webPath(),
          fc.option(fc.string()),
        )
        .map(([method, path, body]) => ({
          method,
          path: path.startsWith('/') ? path : `/${path}`,
          body: method === 'GET' || method === 'OPTIONS' ? undefined : (body ?? undefined),
        })),
    ),
    pick(ACCOUNTS),
    pick(REGIONS),
    fc.nat(19),
  )
  .map(([request, account, region, shape]) => {
    const headers: Record<string, string> = { 'content-type': 'application/json' }
    if (shape > 0) headers['authorization'] = authorization(account, region)
    if (shape === 1) headers['authorization'] = `AWS4-HMAC-SHA256 ${'x'.repeat(account.length)}`
    if (shape === 2) headers['origin'] = 'https://app.example'
    return { ...request, headers }
  })

const controlRequest: fc.Arbitrary<FuzzRequest> = fc
  .tuple(
    pick(['GET', 'POST']),
    pick(['health', 'snapshot', 'reset', 'restore', 'faults', 'seed', '../health']),
    fc.oneof(
      fc.constant(undefined),
      mutated(fc.constant(mock.snapshot() as unknown as Record<string, unknown>)),
      fc.constant('__SNAPSHOT__'),
      mutated(
        fc.record({
          operation: pick(['ListMemberships', 'CreateMembership', 'Nope']),
          // Not InternalServerException: its 500 is on purpose, and the property is "no 5xx".
          error: pick(['ThrottlingException', 'ServiceQuotaExceededException', 'AccessDeniedException', 'X']),
          times: fc.integer({ min: -1, max: 3 }),
        }),
      ),
    ),
    pick(['application/json', 'text/plain', undefined]),
    pick([undefined, 'https://evil.example']),
  )
  .map(([method, action, body, contentType, origin]) => {
    const headers: Record<string, string> = {}
    if (contentType) headers['content-type'] = contentType
    if (origin) headers['origin'] = origin
    return { method, path: `/__mock/${action}`, headers, body }
  })

async function send(request: FuzzRequest): Promise<Response> {
  let body = request.body
  // A real snapshot, taken now and mutated: restore then sees states close to valid ones.
  if (body === '__SNAPSHOT__') body = JSON.stringify(mock.snapshot())
  return fetch(`${server.url}${request.path}`, {
    method: request.method,
    headers: request.headers,
    ...(body === undefined || request.method === 'GET' ? {} : { body }),
  })
}

/** Remembers the ids the server hands out. */
function learn(text: string): void {
  for (const match of text.matchAll(/"(collaborationId|id)":"([0-9a-f-]{36})"/g)) {
    const id = match[2] ?? ''
    if (match[1] === 'collaborationId' || text.includes(`collaboration/${id}`)) known.collaborations.push(id)
    else known.memberships.push(id)
  }
  if (known.collaborations.length > 200) known.collaborations.splice(1, 100)
  if (known.memberships.length > 200) known.memberships.splice(1, 100)
}

describe('fuzzing the server (fast-check)', () => {
  it(
    `${RUNS} random and mutated requests: no 5xx, every 4xx names its error type, the state keeps its invariants and reads back from disk`,
    async () => {
      let count = 0
      await fc.assert(
        fc.asyncProperty(
          fc.oneof({ weight: 5, arbitrary: awsRequest }, { weight: 1, arbitrary: controlRequest }),
          async (request) => {
            const response = await send(request)
            const text = await response.text()
            expect(response.status, `${request.method} ${request.path}: ${text}`).toBeLessThan(500)
            if (response.status >= 400) {
              expect(
                response.headers.get('x-amzn-errortype'),
                `${request.method} ${request.path}`,
              ).toBeTruthy()
            } else {
              learn(text)
            }
            if (++count % 100 === 0) await assertInvariants()
          },
        ),
        { numRuns: RUNS, seed: SEED, endOnFailure: true },
      )
      await assertInvariants()
    },
    60_000 + RUNS * 20,
  )
})
