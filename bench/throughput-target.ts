/** Bench: child process serving both throughput targets (the mock server and the bare baseline), so load and server do not share a thread. */
import { createCleanRoomsMock } from '../mocks/index.ts'
import { startServer } from '../mocks/server.ts'
import { startBareServer } from './bare-server.ts'
import { populate, wire } from './fixtures.ts'

const mock = createCleanRoomsMock()
const membershipId = populate(mock, 20)
const request = wire('GET', `/memberships/${membershipId}`)
const canned = mock.handle(request)
const served = await startServer({ mock, port: 0 })
const bare = await startBareServer(canned)

/** What the parent needs to aim autocannon at both servers. */
export interface ThroughputTargets {
  mockUrl: string
  bareUrl: string
  path: string
  headers: Record<string, string>
}

const targets: ThroughputTargets = {
  mockUrl: served.url,
  bareUrl: bare.url,
  path: request.path,
  headers: { authorization: request.headers['authorization'] ?? '' },
}
// CPU time of this process between two messages: the server's own cost per request, whoever is the bottleneck.
let mark = process.cpuUsage()
process.on('message', (message) => {
  if (message === 'mark') {
    mark = process.cpuUsage()
    process.send?.('marked')
  } else if (message === 'read') {
    const used = process.cpuUsage(mark)
    process.send?.({ cpuMicros: used.user + used.system })
  }
})
process.send?.(targets)
process.on('disconnect', () => process.exit(0))
