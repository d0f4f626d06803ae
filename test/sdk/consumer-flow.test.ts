/** SDK suite: a consumer's whole flow with three accounts, and the typed-error checks a consumer writes. */
import {
  CleanRoomsServiceException,
  CreateCollaborationCommand,
  GetMembershipCommand,
  ListMembersCommand,
  ListMembershipsCommand,
  type MembershipProtectedQueryResultConfiguration,
  ResourceNotFoundException,
  UpdateMembershipCommand,
  ValidationException,
} from '@aws-sdk/client-cleanrooms'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'

import {
  collaborationInput,
  createCollaboration,
  expectRejected,
  join,
  member,
  pay,
  T0,
} from './rule-helpers.ts'
import { type Harness, transports } from './transports.ts'

/** The three accounts of the flow. */
const ANALYST = '111111111111' // creates the collaboration and can query
const ADVERTISER = '222222222222' // pays for queries
const PUBLISHER = '333333333333' // receives results

const resultsTo = (bucket: string): MembershipProtectedQueryResultConfiguration => ({
  outputConfiguration: { s3: { resultFormat: 'PARQUET', bucket, keyPrefix: 'results/' } },
  roleArn: `arn:aws:iam::${PUBLISHER}:role/cleanrooms-results`,
})

describe.each(transports)('through $name', (transport) => {
  let h: Harness
  let now: number
  beforeEach(async () => {
    now = T0
    h = await transport.start({ clock: () => now })
  })
  afterEach(() => h.close())

  it('R-MEM-5, R-PAY-3..5, R-UPD-1: create, list members, each joins with the right payment block, list, update, get', async () => {
    const analyst = h.client(ANALYST)
    const advertiser = h.client(ADVERTISER)
    const publisher = h.client(PUBLISHER)

    // 1. The analyst creates the collaboration and moves the query bill to the advertiser.
    const { collaboration } = await analyst.send(
      new CreateCollaborationCommand(
        collaborationInput({
          name: 'Campaign measurement',
          creatorDisplayName: 'Analyst',
          creatorMemberAbilities: ['CAN_QUERY'],
          creatorPaymentConfiguration: pay({ queryCompute: false }),
          queryLogStatus: 'ENABLED',
          members: [
            {
              accountId: ADVERTISER,
              displayName: 'Advertiser',
              memberAbilities: [],
              paymentConfiguration: pay({ queryCompute: true }),
            },
            { accountId: PUBLISHER, displayName: 'Publisher', memberAbilities: ['CAN_RECEIVE_RESULTS'] },
          ],
        }),
      ),
    )
    const collaborationIdentifier = collaboration?.id ?? ''
    expect(collaboration).toMatchObject({
      creatorAccountId: ANALYST,
      memberStatus: 'INVITED',
      queryLogStatus: 'ENABLED',
    })
    expect(collaboration?.membershipId).toBeUndefined()

    // 2. Any participant lists the members: everyone invited, the advertiser shown as the payer.
    const invited = await publisher.send(new ListMembersCommand({ collaborationIdentifier }))
    expect(
      invited.memberSummaries?.map(({ accountId, displayName, abilities, status, paymentConfiguration }) => ({
        accountId,
        displayName,
        abilities,
        status,
        paymentConfiguration,
      })),
    ).toEqual([
      {
        accountId: ANALYST,
        displayName: 'Analyst',
        abilities: ['CAN_QUERY'],
        status: 'INVITED',
        paymentConfiguration: pay({ queryCompute: false }),
      },
      {
        accountId: ADVERTISER,
        displayName: 'Advertiser',
        abilities: [],
        status: 'INVITED',
        paymentConfiguration: pay({ queryCompute: true }),
      },
      {
        accountId: PUBLISHER,
        displayName: 'Publisher',
        abilities: ['CAN_RECEIVE_RESULTS'],
        status: 'INVITED',
        paymentConfiguration: pay({ queryCompute: false }),
      },
    ])

    // 3. Each joins, a minute apart: the payer accepts to pay; the querier (not paying) and the receiver send no block.
    now += 60_000
    const advertiserMembership = await join(advertiser, collaborationIdentifier, {
      paymentConfiguration: pay({ queryCompute: true }),
    })
    now += 60_000
    const publisherMembership = await join(publisher, collaborationIdentifier, {
      defaultResultConfiguration: resultsTo('publisher-results'),
    })
    now += 60_000
    const analystMembership = await join(analyst, collaborationIdentifier, { queryLogStatus: 'ENABLED' })

    expect(advertiserMembership).toMatchObject({
      status: 'ACTIVE',
      memberAbilities: [],
      paymentConfiguration: pay({ queryCompute: true }),
      createTime: new Date(T0 + 60_000),
      collaborationName: 'Campaign measurement',
      collaborationCreatorDisplayName: 'Analyst',
    })
    expect(publisherMembership).toMatchObject({
      status: 'ACTIVE',
      memberAbilities: ['CAN_RECEIVE_RESULTS'],
      paymentConfiguration: pay({ queryCompute: false }),
      defaultResultConfiguration: resultsTo('publisher-results'),
    })
    expect(analystMembership).toMatchObject({
      status: 'ACTIVE',
      memberAbilities: ['CAN_QUERY'],
      queryLogStatus: 'ENABLED',
      paymentConfiguration: pay({ queryCompute: false }),
    })

    // 4. Each account lists its memberships and sees only its own.
    for (const [client, own] of [
      [analyst, analystMembership],
      [advertiser, advertiserMembership],
      [publisher, publisherMembership],
    ] as const) {
      const { membershipSummaries } = await client.send(new ListMembershipsCommand({}))
      expect(
        membershipSummaries?.map(({ id, collaborationId, status, paymentConfiguration }) => ({
          id,
          collaborationId,
          status,
          paymentConfiguration,
        })),
      ).toEqual([
        {
          id: own.id,
          collaborationId: collaborationIdentifier,
          status: 'ACTIVE',
          paymentConfiguration: own.paymentConfiguration,
        },
      ])
    }

    // 5. ListMembers now shows everyone ACTIVE with their membership ids; who pays has not moved.
    const joined = await analyst.send(new ListMembersCommand({ collaborationIdentifier }))
    expect(
      joined.memberSummaries?.map(({ accountId, status, membershipId, paymentConfiguration }) => ({
        accountId,
        status,
        membershipId,
        paymentConfiguration,
      })),
    ).toEqual([
      {
        accountId: ANALYST,
        status: 'ACTIVE',
        membershipId: analystMembership.id,
        paymentConfiguration: pay({ queryCompute: false }),
      },
      {
        accountId: ADVERTISER,
        status: 'ACTIVE',
        membershipId: advertiserMembership.id,
        paymentConfiguration: pay({ queryCompute: true }),
      },
      {
        accountId: PUBLISHER,
        status: 'ACTIVE',
        membershipId: publisherMembership.id,
        paymentConfiguration: pay({ queryCompute: false }),
      },
    ])

    // 6. The publisher moves its results to another bucket; only that member changes.
    now += 60_000
    const { membership: updated } = await publisher.send(
      new UpdateMembershipCommand({
        membershipIdentifier: publisherMembership.id,
        defaultResultConfiguration: resultsTo('publisher-results-v2'),
      }),
    )
    expect(updated).toEqual({
      ...publisherMembership,
      defaultResultConfiguration: resultsTo('publisher-results-v2'),
      updateTime: new Date(T0 + 240_000),
    })

    // 7. GetMembership returns what the update returned; the advertiser still pays.
    const { membership: got } = await publisher.send(
      new GetMembershipCommand({ membershipIdentifier: publisherMembership.id }),
    )
    expect(got).toEqual(updated)
    const { membership: payer } = await advertiser.send(
      new GetMembershipCommand({ membershipIdentifier: advertiserMembership.id }),
    )
    expect(payer).toEqual(advertiserMembership)
  })

  it('R-WIRE-5, R-WIRE-6: the typed-error checks a consumer writes: instanceof, reason, fieldList, status', async () => {
    const collaborationIdentifier = await createCollaboration(h.client(ANALYST), {
      creatorMemberAbilities: ['CAN_QUERY'],
      members: [member(ADVERTISER, [], pay({ queryCompute: true }))],
    })

    // A business rule: the payer forgot to accept. Nothing is stored.
    const forgot = await expectRejected(
      h,
      () => join(h.client(ADVERTISER), collaborationIdentifier),
      ValidationException,
    )
    expect(forgot).toBeInstanceOf(CleanRoomsServiceException)
    if (!(forgot instanceof ValidationException)) throw forgot
    expect(forgot.$fault).toBe('client')
    expect(forgot.$metadata.httpStatusCode).toBe(400)
    expect(forgot.reason).toBe('INVALID_CONFIGURATION')
    expect(forgot.fieldList).toEqual([
      {
        name: 'paymentConfiguration.queryCompute.isResponsible',
        message: `Account ${ADVERTISER} was set by the collaboration creator to pay for queryCompute and does not have CAN_QUERY, so it must accept by sending paymentConfiguration.queryCompute.isResponsible true.`,
      },
    ])

    // An input constraint: a malformed account id, every violation listed with its field path.
    const malformed = await expectRejected(
      h,
      () =>
        h
          .client(ANALYST)
          .send(new CreateCollaborationCommand(collaborationInput({ members: [member('12345')] }))),
      ValidationException,
    )
    if (!(malformed instanceof ValidationException)) throw malformed
    expect(malformed.reason).toBe('FIELD_VALIDATION_FAILED')
    expect(malformed.fieldList).toEqual([
      { name: 'members.0.accountId', message: 'Member must have length greater than or equal to 12' },
    ])

    // Someone else's collaboration: not found, with the resource type to branch on.
    const hidden = await expectRejected(
      h,
      () => join(h.client('999999999999'), collaborationIdentifier),
      ResourceNotFoundException,
    )
    if (!(hidden instanceof ResourceNotFoundException)) throw hidden
    expect(hidden.$metadata.httpStatusCode).toBe(404)
    expect(hidden.resourceType).toBe('COLLABORATION')
    expect(hidden instanceof ValidationException).toBe(false)
  })
})
