// Packaging: the built package (dist/, npm run build) works from plain Node, with no TypeScript loader,
// imported by its name through package.json "exports" (run by .ci/run with `node --test`, after the build).
import assert from 'node:assert/strict'
import { test } from 'node:test'

import {
  CleanRoomsClient,
  CreateCollaborationCommand,
  CreateMembershipCommand,
  ValidationException,
} from '@aws-sdk/client-cleanrooms'
import { createCleanRoomsMock } from 'cleanrooms-mock'
import { startServer } from 'cleanrooms-mock/server'

const credentials = (accessKeyId) => ({ accessKeyId, secretAccessKey: 'x' })

test('the main entry resolves to dist/ and runs the SDK in-process', async () => {
  const resolved = import.meta.resolve('cleanrooms-mock')
  assert.match(resolved, /\/dist\/mocks\/index\.js$/)

  const mock = createCleanRoomsMock()
  const client = (account) =>
    new CleanRoomsClient({
      region: 'us-east-1',
      maxAttempts: 1,
      credentials: credentials(account),
      requestHandler: mock.requestHandler,
    })
  const { collaboration } = await client('111111111111').send(
    new CreateCollaborationCommand({
      name: 'plain node',
      description: 'packaging check',
      creatorDisplayName: 'Creator',
      creatorMemberAbilities: ['CAN_QUERY'],
      queryLogStatus: 'DISABLED',
      members: [
        {
          accountId: '222222222222',
          displayName: 'Payer',
          memberAbilities: [],
          paymentConfiguration: { queryCompute: { isResponsible: true } },
        },
      ],
    }),
  )
  const refused = await client('222222222222')
    .send(
      new CreateMembershipCommand({ collaborationIdentifier: collaboration.id, queryLogStatus: 'DISABLED' }),
    )
    .catch((error) => error)
  assert.ok(refused instanceof ValidationException)
  assert.equal(refused.reason, 'INVALID_CONFIGURATION')
})

test('cleanrooms-mock/server serves the same mock over a socket', async () => {
  const server = await startServer({ mock: createCleanRoomsMock(), port: 0 })
  try {
    const health = await fetch(`${server.url}/__mock/health`)
    assert.equal(health.status, 200)
  } finally {
    await server.close()
  }
})

test('cleanrooms-mock/fixtures resolves to dist/ and gives seeded values', async () => {
  assert.match(import.meta.resolve('cleanrooms-mock/fixtures'), /\/dist\/mocks\/fixtures\/index\.js$/)
  const { createFixtures } = await import('cleanrooms-mock/fixtures')
  const account = createFixtures({ seed: 1 }).sample('AccountId')
  assert.match(account, /^\d{12}$/)
  assert.equal(createFixtures({ seed: 1 }).sample('AccountId'), account)
})
