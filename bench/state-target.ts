/** Bench: child process serving the --state targets (servers with and without a state file, at a given size). */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'

import { createCleanRoomsMock } from '../mocks/index.ts'
import { type MockServer, startServer } from '../mocks/server.ts'
import { authorization, createCollaborations, createMemberships, PARTNER } from './fixtures.ts'

/** One server to start: how many collaborations (each with OWNER's membership) and whether it keeps a state file. */
export interface StateTargetSpec {
  name: string
  collaborations: number
  stateFile: boolean
}

/** What the parent needs to aim autocannon at each server. */
export interface StateTargets {
  urls: Record<string, string>
  path: string
  headers: Record<string, string>
  body: string
}

const specs = JSON.parse(process.argv[2] ?? '[]') as StateTargetSpec[]
const dir = await mkdtemp(path.join(tmpdir(), 'cleanrooms-bench-state-'))
const servers: MockServer[] = []
const urls: Record<string, string> = {}
for (const spec of specs) {
  const mock = createCleanRoomsMock()
  createMemberships(mock, createCollaborations(mock, spec.collaborations))
  const server = await startServer({
    mock,
    port: 0,
    ...(spec.stateFile ? { stateFile: path.join(dir, `${spec.name}.json`) } : {}),
  })
  servers.push(server)
  urls[spec.name] = server.url
}

const targets: StateTargets = {
  urls,
  path: '/collaborations',
  headers: { authorization: authorization(), 'content-type': 'application/json' },
  body: JSON.stringify({
    name: 'bench write',
    description: 'a write under load',
    creatorDisplayName: 'owner',
    creatorMemberAbilities: ['CAN_QUERY', 'CAN_RECEIVE_RESULTS'],
    members: [{ accountId: PARTNER, memberAbilities: [], displayName: 'partner' }],
    queryLogStatus: 'DISABLED',
  }),
}
// CPU time of this process between two messages: the server's own cost per write, whoever is the bottleneck.
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
process.on('disconnect', () => {
  void Promise.all(servers.map((server) => server.close()))
    .then(() => rm(dir, { recursive: true, force: true }))
    .finally(() => process.exit(0))
})
