/** Bench: the SDK calling `serve` over loopback (keep-alive) vs. the SDK calling a bare node:http server. */
import { Agent } from 'node:http'

import { CleanRoomsClient, GetMembershipCommand } from '@aws-sdk/client-cleanrooms'

import { createCleanRoomsMock } from '../mocks/index.ts'
import { startServer } from '../mocks/server.ts'
import { startBareServer } from './bare-server.ts'
import { CREDENTIALS, populate, REGION, wire } from './fixtures.ts'
import { compare, formatNs, perCallRatio } from './measure.ts'
import type { Figure } from './report.ts'

export async function benchServerLatency(): Promise<Figure[]> {
  const mock = createCleanRoomsMock()
  const membershipIdentifier = populate(mock, 20)
  const canned = mock.handle(wire('GET', `/memberships/${membershipIdentifier}`))
  const served = await startServer({ mock, port: 0 })
  const bare = await startBareServer(canned)
  const client = (endpoint: string) =>
    new CleanRoomsClient({
      region: REGION,
      endpoint,
      credentials: CREDENTIALS,
      maxAttempts: 1,
      requestHandler: { httpAgent: new Agent({ keepAlive: true, maxSockets: 1 }) },
    })
  const viaServer = client(served.url)
  const viaBare = client(bare.url)
  try {
    const timings = await compare(
      [
        { name: 'serve', run: () => viaServer.send(new GetMembershipCommand({ membershipIdentifier })) },
        { name: 'bare', run: () => viaBare.send(new GetMembershipCommand({ membershipIdentifier })) },
      ],
      { callsPerRound: 600, rounds: 10, warmupBatch: 500, minWarmupCalls: 2_000 },
    )
    const contender = timings.get('serve')!
    const baseline = timings.get('bare')!
    return [
      {
        kind: 'ratio',
        benchmark: 'Server: GetMembership, SDK over loopback keep-alive',
        contender: 'cleanrooms-mock serve',
        baseline: 'bare node:http server returning canned bytes',
        ...perCallRatio(contender, baseline),
        target: { op: '<=', value: 1.25 },
        why:
          `the server adds ${formatNs(contender.minNs - baseline.minNs)} per call to the ` +
          `${formatNs(baseline.minNs)} of the SDK plus one loopback round trip: the core (as in process) and ` +
          'copying the headers into the wire request.',
      },
    ]
  } finally {
    viaServer.destroy()
    viaBare.destroy()
    await served.close()
    await new Promise((resolve) => bare.server.close(resolve))
  }
}
