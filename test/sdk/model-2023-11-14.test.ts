/**
 * SDK suite: the seed's service, `createCleanRoomsMock({ model: '2023-11-14' })` (RULES.md R-MODEL-1, R-MODEL-2):
 * exactly one payer of `queryCompute`, the querier pays by default, and the six operations take and return
 * that date's shapes, nothing newer.
 */
import {
  GetMembershipCommand,
  ListMembershipsCommand,
  UpdateMembershipCommand,
  ValidationException,
} from '@aws-sdk/client-cleanrooms'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'

import { createCleanRoomsMock } from '../../mocks/index.ts'
import { PROFILES } from '../../mocks/profiles.ts'
import { unmodeledPaths } from '../support/model-shapes.ts'
import { rawRequest, readResponse, sigV4Authorization } from './raw-request.ts'
import {
  A,
  B,
  C,
  createCollaboration,
  D,
  expectBusinessRule,
  expectRejected,
  join,
  member,
  pay,
  shownPayments,
} from './rule-helpers.ts'
import { type Harness, transports } from './transports.ts'

const shapes20231114 = PROFILES['2023-11-14'].wire.shapes

const qc = (isResponsible: boolean) => pay({ queryCompute: isResponsible })

describe.each(transports)('model 2023-11-14 through $name', (transport) => {
  let h: Harness
  beforeEach(async () => {
    h = await transport.start({ model: '2023-11-14' })
  })
  afterEach(() => h.close())

  it('R-MODEL-1: the mock says which service it is, and its snapshots cannot be restored into a mock of another date', async () => {
    expect(h.mock.model).toBe('2023-11-14')
    await createCollaboration(h.client(A), { members: [member(B, ['CAN_QUERY'])] })
    const snapshot = h.mock.snapshot()
    expect(snapshot.model).toBe('2023-11-14')
    expect(() => createCleanRoomsMock().restore(snapshot)).toThrow(TypeError)
    const again = createCleanRoomsMock({ model: '2023-11-14' })
    again.restore(snapshot)
    expect(again.snapshot()).toEqual(snapshot)
  })

  it('R-PAY-2 (2023-11-14): nobody set true: the member who can query pays, and ListMembers shows queryCompute alone', async () => {
    const id = await createCollaboration(h.client(A), {
      members: [member(B, ['CAN_QUERY']), member(C, ['CAN_RECEIVE_RESULTS'])],
    })
    expect(await shownPayments(h.client(A), id)).toEqual({ [A]: qc(false), [B]: qc(true), [C]: qc(false) })
  })

  it('R-PAY-1 (2023-11-14): exactly one payer: TRUE for more than one member is an error', async () => {
    const error = await expectRejected(
      h,
      () =>
        createCollaboration(h.client(A), {
          members: [member(B, ['CAN_QUERY'], qc(true)), member(C, [], qc(true))],
        }),
      ValidationException,
    )
    expectBusinessRule(
      error,
      ['members.1.paymentConfiguration.queryCompute.isResponsible'],
      /^Only one participant may be set to pay for queryCompute, but 2 were set true/,
    )
  })

  it('R-PAY-2 (2023-11-14): FALSE for the member who can query, while nobody else is TRUE, is an error', async () => {
    const error = await expectRejected(
      h,
      () => createCollaboration(h.client(A), { members: [member(B, ['CAN_QUERY'], qc(false)), member(C)] }),
      ValidationException,
    )
    expectBusinessRule(
      error,
      ['members.0.paymentConfiguration.queryCompute.isResponsible'],
      new RegExp(`^Account ${B} has CAN_QUERY and so pays for queryCompute by default`),
    )
  })

  it("R-PAY-4, R-PAY-5 (2023-11-14): CreateMembership must match the creator's assignment", async () => {
    const id = await createCollaboration(h.client(A), {
      members: [member(B, ['CAN_QUERY']), member(C, [], qc(true)), member(D)],
    })
    const declined = await expectRejected(
      h,
      () => join(h.client(C), id, { paymentConfiguration: qc(false) }),
      ValidationException,
    )
    expectBusinessRule(declined, ['paymentConfiguration.queryCompute.isResponsible'], /cannot be false/)
    const omitted = await expectRejected(h, () => join(h.client(C), id), ValidationException)
    expectBusinessRule(omitted, ['paymentConfiguration.queryCompute.isResponsible'], /must accept by sending/)
    const claimed = await expectRejected(
      h,
      () => join(h.client(B), id, { paymentConfiguration: qc(true) }),
      ValidationException,
    )
    expectBusinessRule(
      claimed,
      ['paymentConfiguration.queryCompute.isResponsible'],
      new RegExp(
        `\\(account ${C} is\\), so paymentConfiguration\\.queryCompute\\.isResponsible cannot be true`,
      ),
    )
    expect((await join(h.client(C), id, { paymentConfiguration: qc(true) })).paymentConfiguration).toEqual(
      qc(true),
    )
    expect((await join(h.client(B), id)).paymentConfiguration).toEqual(qc(false))
    expect((await join(h.client(D), id, { paymentConfiguration: qc(false) })).paymentConfiguration).toEqual(
      qc(false),
    )
  })

  it('R-PAY-3 (2023-11-14): ListMembers, ListMemberships, GetMembership and UpdateMembership return the payment configuration', async () => {
    const id = await createCollaboration(h.client(A), {
      creatorMemberAbilities: ['CAN_QUERY'],
      creatorPaymentConfiguration: qc(false),
      members: [member(B, ['CAN_RECEIVE_RESULTS'], qc(true))],
    })
    const membership = await join(h.client(B), id, { paymentConfiguration: qc(true) })
    expect(await shownPayments(h.client(B), id)).toEqual({ [A]: qc(false), [B]: qc(true) })
    const { membershipSummaries = [] } = await h.client(B).send(new ListMembershipsCommand({}))
    expect(membershipSummaries.map((m) => m.paymentConfiguration)).toEqual([qc(true)])
    const { membership: got } = await h
      .client(B)
      .send(new GetMembershipCommand({ membershipIdentifier: membership.id }))
    expect(got?.paymentConfiguration).toEqual(qc(true))
    const { membership: updated } = await h
      .client(B)
      .send(new UpdateMembershipCommand({ membershipIdentifier: membership.id, queryLogStatus: 'DISABLED' }))
    expect(updated?.paymentConfiguration).toEqual(qc(true))
  })

  it('R-MODEL-2 (2023-11-14): members that model lacks are unknown and ignored; no answer holds anything newer', async () => {
    // Everything below but name, abilities, members and queryCompute came after 2023-11-14.
    const body = {
      name: 'Seed service',
      description: 'Only queryCompute pays',
      creatorDisplayName: 'Creator',
      creatorMemberAbilities: ['CAN_QUERY'],
      creatorMLMemberAbilities: { customMLMemberAbilities: ['CAN_RECEIVE_MODEL_OUTPUT'] },
      creatorPaymentConfiguration: {
        queryCompute: { isResponsible: true },
        jobCompute: { isResponsible: true },
        machineLearning: { modelTraining: { isResponsible: true } },
      },
      members: [
        {
          accountId: B,
          displayName: 'B',
          memberAbilities: [],
          mlMemberAbilities: { customMLMemberAbilities: [] },
        },
      ],
      queryLogStatus: 'DISABLED',
      jobLogStatus: 'ENABLED',
      isMetricsEnabled: true,
      analyticsEngine: 'SPARK',
    }
    const asA = sigV4Authorization(A)
    const created = await readResponse(
      await h.raw(rawRequest('/collaborations', { body, authorization: asA })),
    )
    expect(created.status).toBe(200)
    expect(unmodeledPaths(shapes20231114, 'CreateCollaborationOutput', created.body)).toEqual([])
    const id = (created.body as { collaboration: { id: string } }).collaboration.id

    const asB = sigV4Authorization(B)
    const joined = await readResponse(
      await h.raw(
        rawRequest('/memberships', {
          body: {
            collaborationIdentifier: id,
            queryLogStatus: 'DISABLED',
            jobLogStatus: 'ENABLED',
            isMetricsEnabled: true,
          },
          authorization: asB,
        }),
      ),
    )
    expect(joined.status).toBe(200)
    expect(unmodeledPaths(shapes20231114, 'CreateMembershipOutput', joined.body)).toEqual([])
    const membershipId = (joined.body as { membership: { id: string } }).membership.id

    const answers = {
      ListMembersOutput: rawRequest(`/collaborations/${id}/members`, { authorization: asA }),
      GetMembershipOutput: rawRequest(`/memberships/${membershipId}`, { authorization: asB }),
      ListMembershipsOutput: rawRequest('/memberships', { authorization: asB }),
      UpdateMembershipOutput: rawRequest(`/memberships/${membershipId}`, {
        method: 'PATCH',
        body: { queryLogStatus: 'DISABLED', defaultJobResultConfiguration: { roleArn: 'x' } },
        authorization: asB,
      }),
    }
    for (const [shape, request] of Object.entries(answers)) {
      const answer = await readResponse(await h.raw(request))
      expect(answer.status, shape).toBe(200)
      expect(unmodeledPaths(shapes20231114, shape, answer.body), shape).toEqual([])
    }
    expect(await shownPayments(h.client(A), id)).toEqual({ [A]: qc(true), [B]: qc(false) })
  })

  it('R-MODEL-2 (2023-11-14): CAN_RUN_JOB did not exist, and a collaboration had at most 9 members', async () => {
    const runJobs = await expectRejected(
      h,
      () => createCollaboration(h.client(A), { creatorMemberAbilities: ['CAN_RUN_JOB'] }),
      ValidationException,
    )
    expect(runJobs.reason).toBe('FIELD_VALIDATION_FAILED')
    expect(runJobs.fieldList?.map((f) => f.name)).toEqual(['creatorMemberAbilities.0'])
    const accounts = Array.from({ length: 10 }, (_, i) => String(200000000000 + i))
    const tooMany = await expectRejected(
      h,
      () => createCollaboration(h.client(A), { members: accounts.map((account) => member(account)) }),
      ValidationException,
    )
    expect(tooMany.fieldList?.map((f) => f.name)).toEqual(['members'])
  })
})
