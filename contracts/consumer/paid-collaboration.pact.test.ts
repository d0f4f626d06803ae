/** Consumer contract: the example module's calls, as the real SDK makes them, against the Pact mock server. */
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import {
  CleanRoomsClient,
  CreateCollaborationCommand,
  CreateMembershipCommand,
} from '@aws-sdk/client-cleanrooms'
import { MatchersV3, PactV4 } from '@pact-foundation/pact'
import { describe, expect, it } from 'vitest'
import type { CreateCollaborationInput } from '../../mocks/generated/types.ts'
import {
  conflict,
  createCollaboration,
  createMembership,
  EXAMPLE_IDS,
  getMembership,
  listMembers,
  listMemberships,
  resourceNotFound,
  STATE_ACCOUNTS,
  STATES,
  stateValue,
  updateMembership,
  validationException,
} from '../index.ts'
import {
  activeMemberships,
  changeResultDestination,
  createPaidCollaboration,
  describeMembership,
  joinAsPayer,
  joinAsResultReceiver,
  joinCollaboration,
  type ResultDestination,
  whoPaysForQueries,
} from './paid-collaboration.ts'

const { arrayContaining, equal } = MatchersV3

const pact = new PactV4({
  consumer: 'CleanRoomsConsumerExample',
  provider: 'CleanRoomsMock',
  dir: path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../pacts'),
  logLevel: 'warn',
})

const { creator, payer, resultReceiver } = STATE_ACCOUNTS
const collaborationState = {
  state: STATES.paidCollaboration,
  stateParams: { creatorAccountId: creator, payerAccountId: payer, resultReceiverAccountId: resultReceiver },
}
const collaborationId = stateValue('collaborationId', EXAMPLE_IDS.collaborationId)
const membershipId = stateValue('membershipId', EXAMPLE_IDS.membershipId)
const destination: ResultDestination = {
  bucket: 'results-bucket',
  keyPrefix: 'clean-rooms/',
  format: 'CSV',
  roleArn: 'arn:aws:iam::333333333333:role/CleanRoomsResults',
}
const now = 1_700_000_000

/** The real SDK, signing as `account` (its access key id is the account id), aimed at the Pact mock. */
function clientFor(account: string, endpoint: string): CleanRoomsClient {
  return new CleanRoomsClient({
    region: 'us-east-1',
    endpoint,
    maxAttempts: 1,
    credentials: { accessKeyId: account, secretAccessKey: 'not-a-secret' },
  })
}

function activeMembershipOf(account: string) {
  return {
    state: STATES.activeMembership,
    stateParams: { ...collaborationState.stateParams, accountId: account },
  }
}

/** What joinAsPayer sends: join the paid collaboration, accepting payment for queries. */
const joinPaying = {
  collaborationIdentifier: collaborationId,
  queryLogStatus: 'DISABLED',
  paymentConfiguration: { queryCompute: { isResponsible: true } },
} as const

/** R-PAY-1's input: the creator (who queries) and a partner both set to pay. */
const twoPayers: CreateCollaborationInput = {
  name: 'Two payers',
  description: 'Both the creator and the partner claim the bill',
  creatorDisplayName: 'Data team',
  creatorMemberAbilities: ['CAN_QUERY'],
  creatorPaymentConfiguration: { queryCompute: { isResponsible: true } },
  members: [
    {
      accountId: payer,
      displayName: 'Paying partner',
      memberAbilities: [],
      paymentConfiguration: { queryCompute: { isResponsible: true } },
    },
  ],
  queryLogStatus: 'DISABLED',
}

/** R-PAY-2's input: the creator queries but declines to pay, and no partner is set to pay. */
const nobodyPays: CreateCollaborationInput = {
  name: 'Nobody pays',
  description: 'The querier declines and no partner is set to pay',
  creatorDisplayName: 'Data team',
  creatorMemberAbilities: ['CAN_QUERY'],
  creatorPaymentConfiguration: { queryCompute: { isResponsible: false } },
  members: [{ accountId: payer, displayName: 'Partner', memberAbilities: [] }],
  queryLogStatus: 'DISABLED',
}

/** What the module sees of a business-rule refusal (R-WIRE-6): a ValidationException, INVALID_CONFIGURATION. */
async function expectInvalidConfiguration(call: Promise<unknown>): Promise<void> {
  await expect(call).rejects.toMatchObject({
    name: 'ValidationException',
    reason: 'INVALID_CONFIGURATION',
  })
}

describe('setting up a collaboration where a partner pays for queries', () => {
  it('creates the collaboration: we query, the partner pays, another partner receives results', async () => {
    await createCollaboration(pact, {
      state: STATES.empty,
      uponReceiving: 'creating a collaboration where a partner pays for queries',
      account: creator,
      request: {
        name: 'Audience overlap',
        description: 'Overlap of our customers with the partner audience',
        creatorDisplayName: 'Data team',
        creatorMemberAbilities: ['CAN_QUERY'],
        creatorPaymentConfiguration: { queryCompute: { isResponsible: false } },
        members: [
          {
            accountId: payer,
            displayName: 'Paying partner',
            memberAbilities: [],
            paymentConfiguration: { queryCompute: { isResponsible: true } },
          },
          {
            accountId: resultReceiver,
            displayName: 'Results partner',
            memberAbilities: ['CAN_RECEIVE_RESULTS'],
          },
        ],
        queryLogStatus: 'DISABLED',
      },
      response: {
        collaboration: {
          id: EXAMPLE_IDS.collaborationId,
          arn: `arn:aws:cleanrooms:us-east-1:${creator}:collaboration/${EXAMPLE_IDS.collaborationId}`,
          creatorAccountId: equal(creator),
          memberStatus: equal('INVITED'),
          createTime: now,
        },
      },
    }).executeTest(async (server) => {
      const created = await createPaidCollaboration(clientFor(creator, server.url), {
        name: 'Audience overlap',
        description: 'Overlap of our customers with the partner audience',
        creatorDisplayName: 'Data team',
        payer: { accountId: payer, displayName: 'Paying partner' },
        resultReceiver: { accountId: resultReceiver, displayName: 'Results partner' },
      })
      expect(created.collaborationId).toBe(EXAMPLE_IDS.collaborationId)
    })
  })

  it('joins as the paying partner, accepting payment', async () => {
    await createMembership(pact, {
      ...collaborationState,
      uponReceiving: 'the chosen payer joining and accepting payment',
      account: payer,
      request: joinPaying,
      response: {
        membership: {
          id: EXAMPLE_IDS.membershipId,
          collaborationId: EXAMPLE_IDS.collaborationId,
          status: equal('ACTIVE'),
          paymentConfiguration: { queryCompute: { isResponsible: true } },
          createTime: now,
        },
      },
    }).executeTest(async (server) => {
      const joined = await joinAsPayer(clientFor(payer, server.url), EXAMPLE_IDS.collaborationId)
      expect(joined).toEqual({ membershipId: EXAMPLE_IDS.membershipId, paysForQueries: true })
    })
  })

  it('joins as the partner who receives results, not paying', async () => {
    await createMembership(pact, {
      ...collaborationState,
      uponReceiving: 'the result receiver joining with a result destination, not paying',
      account: resultReceiver,
      request: {
        collaborationIdentifier: collaborationId,
        queryLogStatus: 'DISABLED',
        paymentConfiguration: { queryCompute: { isResponsible: false } },
        defaultResultConfiguration: {
          outputConfiguration: {
            s3: { bucket: destination.bucket, keyPrefix: 'clean-rooms/', resultFormat: 'CSV' },
          },
          roleArn: destination.roleArn,
        },
      },
      response: {
        membership: {
          id: EXAMPLE_IDS.membershipId,
          status: equal('ACTIVE'),
          memberAbilities: ['CAN_RECEIVE_RESULTS'],
          paymentConfiguration: { queryCompute: { isResponsible: false } },
        },
      },
    }).executeTest(async (server) => {
      const joined = await joinAsResultReceiver(
        clientFor(resultReceiver, server.url),
        EXAMPLE_IDS.collaborationId,
        destination,
      )
      expect(joined.paysForQueries).toBe(false)
    })
  })

  it('finds the payer wherever it is in the list (arrayContaining: order-free)', async () => {
    await listMembers(pact, {
      ...collaborationState,
      uponReceiving: 'listing the members to find the one who pays, in any order',
      account: creator,
      request: { collaborationIdentifier: collaborationId },
      response: {
        // The module only needs the payer to be there: no order, no count.
        memberSummaries: arrayContaining({
          accountId: equal(payer),
          displayName: MatchersV3.string('Paying partner'),
          paymentConfiguration: { queryCompute: { isResponsible: equal(true) } },
        }),
      },
    }).executeTest(async (server) => {
      const who = await whoPaysForQueries(clientFor(creator, server.url), EXAMPLE_IDS.collaborationId)
      expect(who).toEqual({ accountId: payer, displayName: 'Paying partner' })
    })
  })

  it('shows who pays: the chosen partner, not the member who queries', async () => {
    const member = (accountId: string, isResponsible: boolean) => ({
      accountId: equal(accountId),
      status: 'INVITED' as const,
      displayName: 'Participant',
      createTime: now,
      paymentConfiguration: { queryCompute: { isResponsible } },
    })
    await listMembers(pact, {
      ...collaborationState,
      uponReceiving: 'listing the members and who pays for queries',
      account: creator,
      request: { collaborationIdentifier: collaborationId },
      response: {
        // Three elements, creator first (R-LIST-1): exactly one pays (R-PAY-3).
        memberSummaries: [member(creator, false), member(payer, true), member(resultReceiver, false)],
      },
    }).executeTest(async (server) => {
      const who = await whoPaysForQueries(clientFor(creator, server.url), EXAMPLE_IDS.collaborationId)
      expect(who?.accountId).toBe(payer)
    })
  })

  it("lists the payer's active memberships, showing that it pays", async () => {
    await listMemberships(pact, {
      ...activeMembershipOf(payer),
      uponReceiving: "listing the payer's active memberships",
      account: payer,
      request: { status: 'ACTIVE' },
      response: {
        membershipSummaries: [
          {
            id: EXAMPLE_IDS.membershipId,
            collaborationName: 'Audience overlap',
            status: equal('ACTIVE'),
            paymentConfiguration: { queryCompute: { isResponsible: true } },
          },
        ],
      },
    }).executeTest(async (server) => {
      const memberships = await activeMemberships(clientFor(payer, server.url))
      expect(memberships).toEqual([
        {
          membershipId: EXAMPLE_IDS.membershipId,
          collaborationName: 'Audience overlap',
          paysForQueries: true,
        },
      ])
    })
  })

  it("reads the payer's membership", async () => {
    await getMembership(pact, {
      ...activeMembershipOf(payer),
      uponReceiving: 'the payer reading its membership',
      account: payer,
      request: { membershipIdentifier: membershipId },
      response: {
        membership: {
          id: EXAMPLE_IDS.membershipId,
          collaborationId: EXAMPLE_IDS.collaborationId,
          paymentConfiguration: { queryCompute: { isResponsible: true } },
          updateTime: now,
        },
      },
    }).executeTest(async (server) => {
      const membership = await describeMembership(clientFor(payer, server.url), EXAMPLE_IDS.membershipId)
      expect(membership).toEqual({
        collaborationId: EXAMPLE_IDS.collaborationId,
        paysForQueries: true,
        resultBucket: undefined,
      })
    })
  })

  it('moves the result destination; who pays does not change', async () => {
    await updateMembership(pact, {
      ...activeMembershipOf(resultReceiver),
      uponReceiving: 'the result receiver switching results to Parquet',
      account: resultReceiver,
      request: {
        membershipIdentifier: membershipId,
        defaultResultConfiguration: {
          outputConfiguration: {
            s3: { bucket: destination.bucket, keyPrefix: 'clean-rooms/', resultFormat: 'PARQUET' },
          },
          roleArn: destination.roleArn,
        },
      },
      response: {
        membership: {
          id: EXAMPLE_IDS.membershipId,
          defaultResultConfiguration: { outputConfiguration: { s3: { resultFormat: equal('PARQUET') } } },
          paymentConfiguration: { queryCompute: { isResponsible: false } },
        },
      },
    }).executeTest(async (server) => {
      const updated = await changeResultDestination(
        clientFor(resultReceiver, server.url),
        EXAMPLE_IDS.membershipId,
        {
          ...destination,
          format: 'PARQUET',
        },
      )
      expect(updated.resultFormat).toBe('PARQUET')
    })
  })
})

describe('reading lists page by page', () => {
  const summary = (accountId: string, isResponsible: boolean) => ({
    accountId,
    displayName: 'Participant',
    paymentConfiguration: { queryCompute: { isResponsible } },
  })

  it('walks two pages of ListMembers, sending back the nextToken of the first', async () => {
    const state = {
      state: STATES.collaborationWithMembers,
      stateParams: { memberCount: 4, pageSize: 2, creatorAccountId: creator },
    } as const
    listMembers(pact, {
      ...state,
      uponReceiving: 'listing the first page of 2 of 4 participants',
      account: creator,
      request: { collaborationIdentifier: collaborationId, maxResults: 2 },
      response: {
        memberSummaries: [summary(creator, true), summary('400000000001', false)],
        nextToken: EXAMPLE_IDS.nextToken,
      },
    })
    await listMembers(pact, {
      ...state,
      uponReceiving: 'listing the second (last) page of 2 of 4 participants',
      account: creator,
      request: {
        collaborationIdentifier: collaborationId,
        maxResults: 2,
        nextToken: stateValue('nextToken', EXAMPLE_IDS.nextToken),
      },
      response: { memberSummaries: [summary('400000000002', false), summary('400000000003', false)] },
    }).executeTest(async (server) => {
      const client = clientFor(creator, server.url)
      const who = await whoPaysForQueries(client, EXAMPLE_IDS.collaborationId, { pageSize: 2 })
      expect(who?.accountId).toBe(creator)
    })
  })

  it('walks two pages of ListMemberships, sending back the nextToken of the first', async () => {
    const state = {
      state: STATES.activeMemberships,
      stateParams: { accountId: payer, membershipCount: 3, pageSize: 2 },
    } as const
    const membership = (name: string) => ({
      id: EXAMPLE_IDS.membershipId,
      collaborationName: name,
      status: equal('ACTIVE'),
      paymentConfiguration: { queryCompute: { isResponsible: true } },
    })
    listMemberships(pact, {
      ...state,
      uponReceiving: 'listing the first page of 2 of 3 active memberships',
      account: payer,
      request: { status: 'ACTIVE', maxResults: 2 },
      response: {
        membershipSummaries: [membership('Audience overlap 3'), membership('Audience overlap 2')],
        nextToken: EXAMPLE_IDS.nextToken,
      },
    })
    await listMemberships(pact, {
      ...state,
      uponReceiving: 'listing the second (last) page of 2 of 3 active memberships',
      account: payer,
      request: { status: 'ACTIVE', maxResults: 2, nextToken: stateValue('nextToken', EXAMPLE_IDS.nextToken) },
      response: { membershipSummaries: [membership('Audience overlap 1')] },
    }).executeTest(async (server) => {
      const memberships = await activeMemberships(clientFor(payer, server.url), { pageSize: 2 })
      expect(memberships.map((item) => item.collaborationName)).toEqual([
        'Audience overlap 3',
        'Audience overlap 2',
        'Audience overlap 1',
      ])
    })
  })
})

describe('payment errors the module must handle', () => {
  it('R-PAY-1: two participants set to pay for queries are refused', async () => {
    await createCollaboration(pact, {
      state: STATES.empty,
      uponReceiving: 'creating a collaboration with two query payers',
      account: creator,
      request: twoPayers,
      error: validationException('INVALID_CONFIGURATION'),
    }).executeTest(async (server) => {
      const send = clientFor(creator, server.url).send(new CreateCollaborationCommand(twoPayers))
      await expectInvalidConfiguration(send)
    })
  })

  it('R-PAY-2: the member who queries set not to pay, with nobody else paying, is refused', async () => {
    await createCollaboration(pact, {
      state: STATES.empty,
      uponReceiving: 'creating a collaboration nobody pays for',
      account: creator,
      request: nobodyPays,
      error: validationException('INVALID_CONFIGURATION'),
    }).executeTest(async (server) => {
      const send = clientFor(creator, server.url).send(new CreateCollaborationCommand(nobodyPays))
      await expectInvalidConfiguration(send)
    })
  })

  it('R-PAY-4: a partner that is not the payer cannot accept payment', async () => {
    await createMembership(pact, {
      ...collaborationState,
      uponReceiving: 'the result receiver joining and claiming to pay',
      account: resultReceiver,
      request: joinPaying,
      error: validationException('INVALID_CONFIGURATION'),
    }).executeTest(async (server) => {
      const join = joinAsPayer(clientFor(resultReceiver, server.url), EXAMPLE_IDS.collaborationId)
      await expectInvalidConfiguration(join)
    })
  })

  it('R-PAY-4: the chosen payer cannot decline payment', async () => {
    await createMembership(pact, {
      ...collaborationState,
      uponReceiving: 'the chosen payer joining and declining to pay',
      account: payer,
      request: {
        collaborationIdentifier: collaborationId,
        queryLogStatus: 'DISABLED',
        paymentConfiguration: { queryCompute: { isResponsible: false } },
      },
      error: validationException('INVALID_CONFIGURATION'),
    }).executeTest(async (server) => {
      const join = joinCollaboration(clientFor(payer, server.url), EXAMPLE_IDS.collaborationId, {
        acceptPayment: false,
      })
      await expectInvalidConfiguration(join)
    })
  })

  it('R-PAY-5: the chosen payer, who cannot query, must send its payment acceptance', async () => {
    await createMembership(pact, {
      ...collaborationState,
      uponReceiving: 'the chosen payer joining without a payment configuration',
      account: payer,
      request: { collaborationIdentifier: collaborationId, queryLogStatus: 'DISABLED' },
      error: validationException('INVALID_CONFIGURATION'),
    }).executeTest(async (server) => {
      const send = clientFor(payer, server.url).send(
        new CreateMembershipCommand({
          collaborationIdentifier: EXAMPLE_IDS.collaborationId,
          queryLogStatus: 'DISABLED',
        }),
      )
      await expectInvalidConfiguration(send)
    })
  })

  it('R-MEM-2: the payer joining twice gets a conflict', async () => {
    await createMembership(pact, {
      ...activeMembershipOf(payer),
      uponReceiving: 'the payer joining again',
      account: payer,
      request: joinPaying,
      error: conflict('ALREADY_EXISTS'),
    }).executeTest(async (server) => {
      const join = joinAsPayer(clientFor(payer, server.url), EXAMPLE_IDS.collaborationId)
      await expect(join).rejects.toMatchObject({ name: 'ConflictException', reason: 'ALREADY_EXISTS' })
    })
  })

  it("R-GET-1: another account cannot read the payer's membership", async () => {
    await getMembership(pact, {
      ...activeMembershipOf(payer),
      uponReceiving: "the result receiver reading the payer's membership",
      account: resultReceiver,
      request: { membershipIdentifier: membershipId },
      error: resourceNotFound('MEMBERSHIP'),
    }).executeTest(async (server) => {
      const read = describeMembership(clientFor(resultReceiver, server.url), EXAMPLE_IDS.membershipId)
      await expect(read).rejects.toMatchObject({
        name: 'ResourceNotFoundException',
        resourceType: 'MEMBERSHIP',
      })
    })
  })
})
