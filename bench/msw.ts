/** Bench: the SDK through MSW with the mock's handlers vs. MSW with one handler returning canned bytes. */
import { CleanRoomsClient, GetMembershipCommand } from '@aws-sdk/client-cleanrooms'
import { HttpResponse, http } from 'msw'
import { setupServer } from 'msw/node'

import { operations } from '../mocks/generated/operations.ts'
import { createCleanRoomsMock } from '../mocks/index.ts'
import { CREDENTIALS, ENDPOINT, populate, REGION, wire } from './fixtures.ts'
import { compare, formatNs, perCallRatio } from './measure.ts'
import type { Figure } from './report.ts'

/**
 * MSW's own cost (Node interception, a fetch Request and Response per call) is the baseline; the mock's
 * handlers should add little to it. The "naive" contender is what a user writes by hand: one MSW handler
 * per operation, each turning the request into the mock's input; MSW tries them in order.
 */
export async function benchMsw(): Promise<Figure[]> {
  const mock = createCleanRoomsMock()
  const membershipIdentifier = populate(mock, 20)
  const canned = mock.handle(wire('GET', `/memberships/${membershipIdentifier}`))
  const cannedBytes = new TextEncoder().encode(canned.body)

  const cannedHandlers = [
    http.get(
      `${ENDPOINT}/memberships/:membershipIdentifier`,
      () => new HttpResponse(cannedBytes, { status: canned.status, headers: canned.headers }),
    ),
  ]
  const naiveHandlers = Object.values(operations).map((operation) =>
    http[operation.method.toLowerCase() as 'get' | 'post' | 'patch'](
      `${ENDPOINT}${operation.path.replace(/\{(\w+)\}/g, ':$1')}`,
      ({ request }) => mock.fetch(request),
    ),
  )

  const server = setupServer()
  server.listen({ onUnhandledRequest: 'error' })
  try {
    const client = new CleanRoomsClient({ region: REGION, credentials: CREDENTIALS, maxAttempts: 1 })
    const call = () => client.send(new GetMembershipCommand({ membershipIdentifier }))
    // One MSW server at a time can patch node's http modules, so each contender swaps its handlers in.
    const using = (handlers: Parameters<typeof server.resetHandlers>) => (): Promise<unknown> => {
      if (active !== handlers) {
        server.resetHandlers(...handlers)
        active = handlers
      }
      return call()
    }
    let active: unknown
    const timings = await compare(
      [
        { name: 'mock', run: using(mock.handlers) },
        { name: 'canned', run: using(cannedHandlers) },
        { name: 'naive', run: using(naiveHandlers) },
      ],
      { callsPerRound: 300, rounds: 10, warmupBatch: 300, minWarmupCalls: 1_500 },
    )
    const contender = timings.get('mock')!
    const baseline = timings.get('canned')!
    const naive = timings.get('naive')!
    return [
      {
        kind: 'ratio',
        benchmark: 'MSW: GetMembership through setupServer(...mock.handlers)',
        contender: 'mock.handlers',
        baseline: 'setupServer with one http.get returning canned bytes',
        ...perCallRatio(contender, baseline),
        target: { op: '<=', value: 1.25 },
        why:
          `the mock adds ${formatNs(contender.minNs - baseline.minNs)} to MSW's ${formatNs(baseline.minNs)}: ` +
          'reading the fetch Request body and headers into the wire request, the core, and a new Response.',
      },
      {
        kind: 'reading',
        benchmark: 'MSW: six naive per-operation handlers',
        what: 'six http.<method>(path) handlers calling mock.fetch',
        value:
          `${formatNs(naive.minNs)}/call = ${(naive.minNs / baseline.minNs).toFixed(2)}× the canned baseline, ` +
          `${(naive.minNs / contender.minNs).toFixed(2)}× mock.handlers`,
        why:
          'reported for comparison with the single routing handler: MSW clones the request and parses ' +
          'cookies for each handler it tries, and GetMembership is the third operation in the table.',
      },
    ]
  } finally {
    server.close()
  }
}
