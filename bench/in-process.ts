/** Bench: the SDK through `mock.requestHandler` vs. the SDK through a handler that returns canned bytes. */
import { CleanRoomsClient, GetMembershipCommand } from '@aws-sdk/client-cleanrooms'
import type { HttpResponse } from '@smithy/types'

import { createCleanRoomsMock, type MockRequestHandler } from '../mocks/index.ts'
import { CREDENTIALS, populate, REGION, wire } from './fixtures.ts'
import { compare, formatNs, perCallRatio } from './measure.ts'
import type { Figure } from './report.ts'

/**
 * The floor is the SDK's own cost: serialize, sign, run its middleware stack, parse the same response
 * bytes. What the mock adds is the difference: routing, validation, the domain lookup, JSON in and out.
 */
export async function benchInProcess(): Promise<Figure[]> {
  const mock = createCleanRoomsMock()
  const membershipIdentifier = populate(mock, 20)
  const request = wire('GET', `/memberships/${membershipIdentifier}`)
  const canned = mock.handle(request)
  const cannedBytes = new TextEncoder().encode(canned.body)
  const floorHandler: MockRequestHandler = {
    async handle(): Promise<{ response: HttpResponse }> {
      return { response: { statusCode: canned.status, headers: { ...canned.headers }, body: cannedBytes } }
    },
    updateHttpClientConfig() {},
    httpHandlerConfigs: () => ({}),
  }
  const client = (requestHandler: MockRequestHandler) =>
    new CleanRoomsClient({ region: REGION, credentials: CREDENTIALS, maxAttempts: 1, requestHandler })
  const viaMock = client(mock.requestHandler)
  const viaFloor = client(floorHandler)

  const timings = await compare(
    [
      { name: 'mock', run: () => viaMock.send(new GetMembershipCommand({ membershipIdentifier })) },
      { name: 'floor', run: () => viaFloor.send(new GetMembershipCommand({ membershipIdentifier })) },
      // The core alone (no SDK, no adapter), to split the difference between the core and the adapter.
      { name: 'core', run: () => mock.handle(request) },
    ],
    { callsPerRound: 1_500, rounds: 12 },
  )
  const contender = timings.get('mock')!
  const baseline = timings.get('floor')!
  const core = timings.get('core')!
  return [
    {
      kind: 'ratio',
      benchmark: 'In-process: GetMembership through mock.requestHandler',
      contender: 'mock.requestHandler',
      baseline: 'handler returning canned bytes (SDK floor)',
      ...perCallRatio(contender, baseline),
      target: { op: '<=', value: 1.15 },
      why:
        `the mock adds ${formatNs(contender.minNs - baseline.minNs)} per call to the SDK's own ` +
        `${formatNs(baseline.minNs)}; of that, the wire core alone (\`mock.handle\`: route, identity, ` +
        `validation, the domain's lookup and projection, JSON out) takes ${formatNs(core.minNs)}, and the ` +
        'adapter the rest (copying the SDK request into a wire request, encoding the body).',
    },
  ]
}
