/** Building an interaction is all or nothing: a builder that throws leaves nothing for the next executeTest to write. */
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { CleanRoomsClient, GetMembershipCommand } from '@aws-sdk/client-cleanrooms'
import { MatchersV3, PactV4 } from '@pact-foundation/pact'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { EXAMPLE_IDS, getMembership, listMembers, STATES, stateValue } from '../../contracts/index.ts'
import { freePort } from '../support/free-port.ts'

let dir: string
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'cleanrooms-builders-'))
})
afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

const payer = '222222222222'
// Each mock server on a port of its own (test/support/free-port.ts says why).
const newPact = async () =>
  new PactV4({
    consumer: 'AtomicConsumer',
    provider: 'CleanRoomsMock',
    dir,
    logLevel: 'error',
    port: await freePort(),
  })

async function interactionsWritten(): Promise<Array<{ description: string; providerStates?: unknown }>> {
  const pact = JSON.parse(await readFile(path.join(dir, 'AtomicConsumer-CleanRoomsMock.json'), 'utf8'))
  return pact.interactions
}

/** A valid interaction, run with the real SDK, whose executeTest writes the pact file. */
async function writeValidInteraction(pact: PactV4): Promise<void> {
  await getMembership(pact, {
    state: STATES.activeMembership,
    uponReceiving: 'the payer reading its membership',
    account: payer,
    request: { membershipIdentifier: stateValue('membershipId', EXAMPLE_IDS.membershipId) },
    response: { membership: { id: EXAMPLE_IDS.membershipId } },
  }).executeTest(async (server) => {
    const client = new CleanRoomsClient({
      region: 'us-east-1',
      endpoint: server.url,
      maxAttempts: 1,
      credentials: { accessKeyId: payer, secretAccessKey: 'not-a-secret' },
    })
    await client.send(new GetMembershipCommand({ membershipIdentifier: EXAMPLE_IDS.membershipId }))
  })
}

describe('contract builders are all or nothing', () => {
  it('a response example the provider could never send throws, and no half-built interaction reaches the pact', async () => {
    const pact = await newPact()
    expect(() =>
      getMembership(pact, {
        state: STATES.activeMembership,
        uponReceiving: 'a half-built interaction',
        account: payer,
        request: { membershipIdentifier: stateValue('membershipId', EXAMPLE_IDS.membershipId) },
        // @ts-expect-error createTime is epoch seconds, not a string: the builder refuses it at run time too
        response: { membership: { createTime: '2024-01-01T00:00:00Z' } },
      }),
    ).toThrow(/createTime must be epoch seconds/)
    await writeValidInteraction(pact)
    expect((await interactionsWritten()).map((interaction) => interaction.description)).toEqual([
      'the payer reading its membership',
    ])
  })

  it("a stateValue the interaction's states do not return throws before anything is registered", async () => {
    const pact = await newPact()
    expect(() =>
      getMembership(pact, {
        state: STATES.paidCollaboration,
        uponReceiving: 'reading a membership the state never made',
        account: payer,
        request: { membershipIdentifier: stateValue('membershipId', EXAMPLE_IDS.membershipId) },
        response: { membership: { id: EXAMPLE_IDS.membershipId } },
      }),
    ).toThrow(
      "GetMembership: stateValue('membershipId') is not returned by the interaction's provider states (its states return collaborationId, collaborationArn)",
    )
    await writeValidInteraction(pact)
    expect(await interactionsWritten()).toHaveLength(1)
  })

  it('accepts arrayContaining as written: an order-free "this element is in the list"', async () => {
    const pact = await newPact()
    const contains = MatchersV3.arrayContaining({ accountId: MatchersV3.equal(payer) })
    expect(() =>
      listMembers(pact, {
        state: STATES.paidCollaboration,
        account: '111111111111',
        request: { collaborationIdentifier: stateValue('collaborationId', EXAMPLE_IDS.collaborationId) },
        response: { memberSummaries: contains },
      }),
    ).not.toThrow()
  })

  it('fills the state name from its parameters (Pact naming) and carries them as parameters', async () => {
    const receiver = '333333333333'
    await getMembership(await newPact(), {
      state: STATES.activeMembership,
      stateParams: { accountId: receiver },
      uponReceiving: 'the result receiver reading its membership',
      account: receiver,
      request: { membershipIdentifier: stateValue('membershipId', EXAMPLE_IDS.membershipId) },
      response: { membership: { id: EXAMPLE_IDS.membershipId } },
    }).executeTest(async (server) => {
      const client = new CleanRoomsClient({
        region: 'us-east-1',
        endpoint: server.url,
        maxAttempts: 1,
        credentials: { accessKeyId: receiver, secretAccessKey: 'not-a-secret' },
      })
      await client.send(new GetMembershipCommand({ membershipIdentifier: EXAMPLE_IDS.membershipId }))
    })
    const [written] = await interactionsWritten()
    expect(written).toMatchObject({
      providerStates: [
        {
          name: '333333333333 has an ACTIVE membership in a collaboration where 222222222222 pays for queries',
          params: { accountId: receiver, payerAccountId: '222222222222' },
        },
      ],
    })
  })
})
