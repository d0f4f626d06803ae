// Shared by esm.mjs, cjs.cjs and jest/require.test.js: drives the real SDK through every entry of the
// installed package and throws on the first thing that is not what a user would see.
const assert = require('node:assert/strict')

/** @param {{ main: any, server: any, types: any, fixtures: any, contracts: any, sdk: any }} entries */
async function check({ main, server, types, fixtures, contracts, sdk }) {
  const { CleanRoomsClient, CreateMembershipCommand, ListMembershipsCommand, ValidationException } = sdk
  const mock = main.createCleanRoomsMock()
  const client = (account) =>
    new CleanRoomsClient({
      region: 'us-east-1',
      maxAttempts: 1,
      credentials: { accessKeyId: account, secretAccessKey: 'x' },
      requestHandler: mock.requestHandler,
    })
  const { collaborationId } = mock.seed.collaboration({
    creator: { accountId: '111111111111', abilities: ['CAN_QUERY'], membership: true },
    members: [{ accountId: '222222222222', paymentConfiguration: { queryCompute: { isResponsible: true } } }],
  })
  const refused = await client('222222222222')
    .send(
      new CreateMembershipCommand({ collaborationIdentifier: collaborationId, queryLogStatus: 'DISABLED' }),
    )
    .then(
      () => undefined,
      (error) => error,
    )
  assert.ok(refused instanceof ValidationException, `expected ValidationException, got ${refused}`)
  assert.equal(refused.reason, 'INVALID_CONFIGURATION')

  // cleanrooms-mock/server: the same mock over a socket.
  const running = await server.startServer({ mock, port: 0 })
  try {
    const viaSocket = new CleanRoomsClient({
      region: 'us-east-1',
      maxAttempts: 1,
      endpoint: running.url,
      credentials: { accessKeyId: '111111111111', secretAccessKey: 'x' },
    })
    const { membershipSummaries } = await viaSocket.send(new ListMembershipsCommand({}))
    assert.equal(membershipSummaries?.length, 1)
  } finally {
    await running.close()
  }

  // cleanrooms-mock/types has values too (the enums), and cleanrooms-mock/contracts its builders.
  assert.ok(Object.keys(types).length > 0, 'cleanrooms-mock/types exports nothing')
  // cleanrooms-mock/fixtures: seeded values the mock's own validation accepts, the same for the same seed.
  const first = (shape) => fixtures.createFixtures({ seed: 1 }).sample(shape)
  assert.match(first('AccountId'), /^\d{12}$/)
  assert.equal(first('CollaborationName'), first('CollaborationName'))
  if (contracts !== undefined) {
    assert.equal(typeof contracts.verifyPacts, 'function')
    assert.equal(typeof contracts.providerStates, 'object')
  }
}

module.exports = { check }
