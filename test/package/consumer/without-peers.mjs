// Run in a project with the package and the SDK only (no msw, no Pact): the in-process handler and the
// server work, and what needs a missing peer dependency says what to install.
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'

import { CleanRoomsClient, ListMembershipsCommand } from '@aws-sdk/client-cleanrooms'
import { createCleanRoomsMock } from 'cleanrooms-mock'
import { startServer } from 'cleanrooms-mock/server'

const mock = createCleanRoomsMock()
const client = new CleanRoomsClient({
  region: 'us-east-1',
  maxAttempts: 1,
  credentials: { accessKeyId: '111111111111', secretAccessKey: 'x' },
  requestHandler: mock.requestHandler,
})
assert.deepEqual((await client.send(new ListMembershipsCommand({}))).membershipSummaries, [])
const server = await startServer({ mock, port: 0 })
await server.close()

assert.throws(() => mock.handlers, /needs msw 2\.x or 3\.x.*npm install -D msw/)
await assert.rejects(import('cleanrooms-mock/contracts'), /@pact-foundation\/pact/)
const verify = spawnSync('npx', ['--no-install', 'cleanrooms-mock', 'verify', 'pact.json'], {
  encoding: 'utf8',
})
assert.equal(verify.status, 1)
assert.match(verify.stderr, /npm install -D @pact-foundation\/pact/)
console.log('without peers: ok')
