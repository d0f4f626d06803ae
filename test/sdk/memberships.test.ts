/** SDK suite: CreateMembership's rules (R-MEM-1..5): visibility, rejoin conflicts, result/log/metrics settings, success, races. */
import {
  ConflictException,
  CreateMembershipCommand,
  GetMembershipCommand,
  ListMembersCommand,
  ListMembershipsCommand,
  type MembershipProtectedJobResultConfiguration,
  type MembershipProtectedQueryResultConfiguration,
  ResourceNotFoundException,
  ValidationException,
} from '@aws-sdk/client-cleanrooms'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'

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
  OUTSIDER,
  pay,
  T0,
  UUID,
} from './rule-helpers.ts'
import { type Harness, transports } from './transports.ts'

const QUERY_RESULTS: MembershipProtectedQueryResultConfiguration = {
  outputConfiguration: { s3: { resultFormat: 'CSV', bucket: 'results-bucket', keyPrefix: 'audience/' } },
  roleArn: 'arn:aws:iam::333333333333:role/results-writer',
}
const JOB_RESULTS: MembershipProtectedJobResultConfiguration = {
  outputConfiguration: { s3: { bucket: 'job-results' } },
  roleArn: 'arn:aws:iam::333333333333:role/job-results-writer',
}

describe.each(transports)('through $name', (transport) => {
  let h: Harness
  beforeEach(async () => {
    h = await transport.start({ clock: () => T0 })
  })
  afterEach(() => h.close())

  describe('R-MEM-1: only a participant sees the collaboration, in its own region', () => {
    const expectCollaborationNotFound = (error: ResourceNotFoundException, id: string) => {
      expect(error.$metadata.httpStatusCode).toBe(404)
      expect(error.name).toBe('ResourceNotFoundException')
      expect(error.resourceType).toBe('COLLABORATION')
      expect(error.resourceId).toBe(id)
      expect(error.message).toBe(`Collaboration ${id} was not found`)
    }

    it('R-MEM-1: an account that is not a participant gets 404 COLLABORATION, and nothing changes', async () => {
      const id = await createCollaboration(h.client(A), { members: [member(B)] })
      const error = await expectRejected(h, () => join(h.client(OUTSIDER), id), ResourceNotFoundException)
      expectCollaborationNotFound(error, id)
    })

    it('R-MEM-1: an unknown collaboration gets the same 404 as one the caller may not see', async () => {
      await createCollaboration(h.client(A), { members: [member(B)] })
      const unknown = '0fffffff-0000-4000-8000-000000000000'
      const error = await expectRejected(h, () => join(h.client(B), unknown), ResourceNotFoundException)
      expectCollaborationNotFound(error, unknown)
    })

    it('R-MEM-1: a participant calling from another region gets 404 COLLABORATION', async () => {
      const id = await createCollaboration(h.client(A), { members: [member(B)] })
      const elsewhere = h.client(B, { region: 'eu-west-1' })
      const error = await expectRejected(h, () => join(elsewhere, id), ResourceNotFoundException)
      expectCollaborationNotFound(error, id)
    })
  })

  describe('R-MEM-2: joining again', () => {
    it('R-MEM-2: an ACTIVE member joining again gets 409 ALREADY_EXISTS on its membership, and nothing changes', async () => {
      const id = await createCollaboration(h.client(A), { members: [member(B)] })
      const membership = await join(h.client(B), id)
      const error = await expectRejected(h, () => join(h.client(B), id), ConflictException)
      expect(error.$metadata.httpStatusCode).toBe(409)
      expect(error.reason).toBe('ALREADY_EXISTS')
      expect(error.resourceType).toBe('MEMBERSHIP')
      expect(error.resourceId).toBe(membership.id)
      expect(error.message).toBe(`Account ${B} already has an active membership in collaboration ${id}`)
    })

    it('R-MEM-2: the conflict is reported before the request’s own business-rule errors (R-WIRE-7)', async () => {
      const id = await createCollaboration(h.client(A), { members: [member(B)] })
      await join(h.client(B), id)
      const error = await expectRejected(
        h,
        () => join(h.client(B), id, { queryLogStatus: 'ENABLED', defaultResultConfiguration: QUERY_RESULTS }),
        ConflictException,
      )
      expect(error.reason).toBe('ALREADY_EXISTS')
    })

    it.each([
      { status: 'LEFT' as const, membership: false, resourceType: 'COLLABORATION' },
      { status: 'REMOVED' as const, membership: true, resourceType: 'MEMBERSHIP' },
    ])(
      'R-MEM-2: a $status member (seeded) gets 409 INVALID_STATE, and nothing changes',
      async ({ status, membership, resourceType }) => {
        const seeded = h.mock.seed.collaboration({
          creator: { accountId: A, abilities: ['CAN_QUERY'] },
          members: [{ accountId: B, status, membership }],
        })
        const error = await expectRejected(
          h,
          () => join(h.client(B), seeded.collaborationId),
          ConflictException,
        )
        expect(error.$metadata.httpStatusCode).toBe(409)
        expect(error.reason).toBe('INVALID_STATE')
        expect(error.resourceType).toBe(resourceType)
        expect(error.resourceId).toBe(membership ? seeded.membershipIds[B] : seeded.collaborationId)
        expect(error.message).toBe(
          `Account ${B} cannot join collaboration ${seeded.collaborationId}: its member status is ${status}`,
        )
      },
    )
  })

  describe('R-MEM-3: default result configurations', () => {
    it('R-MEM-3: defaultResultConfiguration from a member without CAN_RECEIVE_RESULTS is rejected', async () => {
      const id = await createCollaboration(h.client(A), {
        members: [member(B, ['CAN_QUERY']), member(C, ['CAN_RECEIVE_RESULTS'])],
      })
      const error = await expectRejected(
        h,
        () => join(h.client(B), id, { defaultResultConfiguration: QUERY_RESULTS }),
        ValidationException,
      )
      expectBusinessRule(
        error,
        ['defaultResultConfiguration'],
        /^Only a member with CAN_RECEIVE_RESULTS can set defaultResultConfiguration; account 222222222222 does not have it\.$/,
      )
    })

    it('R-MEM-3: defaultJobResultConfiguration from a member without CAN_RECEIVE_RESULTS is rejected', async () => {
      const id = await createCollaboration(h.client(A), { members: [member(B, ['CAN_RUN_JOB'])] })
      const error = await expectRejected(
        h,
        () => join(h.client(B), id, { defaultJobResultConfiguration: JOB_RESULTS }),
        ValidationException,
      )
      expectBusinessRule(
        error,
        ['defaultJobResultConfiguration'],
        /^Only a member with CAN_RECEIVE_RESULTS can set defaultJobResultConfiguration; account 222222222222/,
      )
    })

    it('R-MEM-3: the member with CAN_RECEIVE_RESULTS sets both, and GetMembership returns them', async () => {
      const id = await createCollaboration(h.client(A), {
        members: [member(B, ['CAN_QUERY']), member(C, ['CAN_RECEIVE_RESULTS'])],
      })
      const membership = await join(h.client(C), id, {
        defaultResultConfiguration: QUERY_RESULTS,
        defaultJobResultConfiguration: JOB_RESULTS,
      })
      const { membership: got } = await h
        .client(C)
        .send(new GetMembershipCommand({ membershipIdentifier: membership.id }))
      expect(got?.defaultResultConfiguration).toEqual(QUERY_RESULTS)
      expect(got?.defaultJobResultConfiguration).toEqual(JOB_RESULTS)
    })
  })

  describe('R-MEM-4: query logs, job logs and metrics follow the collaboration', () => {
    it.each([
      { setting: 'queryLogStatus' as const, message: /^Query logging cannot be ENABLED for a membership/ },
      { setting: 'jobLogStatus' as const, message: /^Job logging cannot be ENABLED for a membership/ },
    ])(
      'R-MEM-4: $setting ENABLED is rejected where the collaboration has it off, accepted where on',
      async ({ setting, message }) => {
        const off = await createCollaboration(h.client(A), { members: [member(B)] })
        const error = await expectRejected(
          h,
          () => join(h.client(B), off, { [setting]: 'ENABLED' }),
          ValidationException,
        )
        expectBusinessRule(error, [setting], message)

        const on = await createCollaboration(h.client(A), { members: [member(B)], [setting]: 'ENABLED' })
        const membership = await join(h.client(B), on, { [setting]: 'ENABLED' })
        expect(membership[setting]).toBe('ENABLED')
      },
    )

    it('R-MEM-4: metrics are rejected where the collaboration does not enable them', async () => {
      const id = await createCollaboration(h.client(A), { members: [member(B, ['CAN_QUERY'])] })
      const error = await expectRejected(
        h,
        () => join(h.client(B), id, { isMetricsEnabled: true }),
        ValidationException,
      )
      expectBusinessRule(
        error,
        ['isMetricsEnabled'],
        new RegExp(
          `^Metrics cannot be enabled for a membership: collaboration ${id} does not have metrics enabled\\.$`,
        ),
      )
    })

    it('R-MEM-4: metrics can be enabled by the querier and by the query payer, not by another member', async () => {
      const id = await createCollaboration(h.client(A), {
        isMetricsEnabled: true,
        members: [member(B, ['CAN_QUERY']), member(C, [], pay({ queryCompute: true })), member(D)],
      })
      const error = await expectRejected(
        h,
        () => join(h.client(D), id, { isMetricsEnabled: true }),
        ValidationException,
      )
      expectBusinessRule(
        error,
        ['isMetricsEnabled'],
        /^Only the member who can query or the member who pays for queries can enable metrics; account 444444444444 is neither\.$/,
      )
      expect((await join(h.client(B), id, { isMetricsEnabled: true })).isMetricsEnabled).toBe(true)
      const payer = await join(h.client(C), id, {
        isMetricsEnabled: true,
        paymentConfiguration: pay({ queryCompute: true }),
      })
      expect(payer.isMetricsEnabled).toBe(true)
      expect((await join(h.client(D), id, { isMetricsEnabled: false })).isMetricsEnabled).toBe(false)
    })
  })

  describe('R-MEM-5: a successful join', () => {
    it('R-MEM-5: the membership is ACTIVE with a new id and an ARN of the caller’s region and account', async () => {
      const id = await createCollaboration(h.client(A), {
        members: [member(B, ['CAN_QUERY']), member(C)],
      })
      const membership = await join(h.client(B), id)
      expect(membership.id).toMatch(UUID)
      expect(membership).toEqual({
        id: membership.id,
        arn: `arn:aws:cleanrooms:us-east-1:${B}:membership/${membership.id}`,
        collaborationId: id,
        collaborationArn: `arn:aws:cleanrooms:us-east-1:${A}:collaboration/${id}`,
        collaborationCreatorAccountId: A,
        collaborationCreatorDisplayName: 'Creator',
        collaborationName: 'Shared audience',
        createTime: new Date(T0),
        updateTime: new Date(T0),
        status: 'ACTIVE',
        memberAbilities: ['CAN_QUERY'],
        queryLogStatus: 'DISABLED',
        paymentConfiguration: pay({ queryCompute: true }),
      })
      const { membership: got } = await h
        .client(B)
        .send(new GetMembershipCommand({ membershipIdentifier: membership.id }))
      expect(got).toEqual(membership)
    })

    it('R-MEM-5: ListMembers shows the member ACTIVE with its membership id and ARN; the others stay INVITED', async () => {
      const id = await createCollaboration(h.client(A), { members: [member(B), member(C)] })
      const membership = await join(h.client(B), id)
      const { memberSummaries } = await h
        .client(C)
        .send(new ListMembersCommand({ collaborationIdentifier: id }))
      expect(
        memberSummaries?.map(({ accountId, status, membershipId, membershipArn }) => ({
          accountId,
          status,
          membershipId,
          membershipArn,
        })),
      ).toEqual([
        { accountId: A, status: 'INVITED', membershipId: undefined, membershipArn: undefined },
        { accountId: B, status: 'ACTIVE', membershipId: membership.id, membershipArn: membership.arn },
        { accountId: C, status: 'INVITED', membershipId: undefined, membershipArn: undefined },
      ])
    })

    it('R-MEM-5: in another region the ARN names that region', async () => {
      const id = await createCollaboration(h.client(A, { region: 'eu-west-1' }), { members: [member(B)] })
      const membership = await join(h.client(B, { region: 'eu-west-1' }), id)
      expect(membership.arn).toBe(`arn:aws:cleanrooms:eu-west-1:${B}:membership/${membership.id}`)
      expect(membership.collaborationArn).toBe(`arn:aws:cleanrooms:eu-west-1:${A}:collaboration/${id}`)
    })

    it('R-MEM-5: 100 concurrent CreateMembership calls by one caller: exactly one succeeds, 99 get ConflictException', async () => {
      const id = await createCollaboration(h.client(A), { members: [member(B)] })
      const client = h.client(B)
      const outcomes = await Promise.allSettled(
        Array.from({ length: 100 }, () =>
          client.send(
            new CreateMembershipCommand({ collaborationIdentifier: id, queryLogStatus: 'DISABLED' }),
          ),
        ),
      )
      const succeeded = outcomes.flatMap((o) => (o.status === 'fulfilled' ? [o.value.membership] : []))
      const failed = outcomes.flatMap((o) => (o.status === 'rejected' ? [o.reason as unknown] : []))
      expect(succeeded).toHaveLength(1)
      expect(failed).toHaveLength(99)
      for (const error of failed) {
        expect(error).toBeInstanceOf(ConflictException)
        expect((error as ConflictException).reason).toBe('ALREADY_EXISTS')
        expect((error as ConflictException).resourceId).toBe(succeeded[0]?.id)
      }
      const { membershipSummaries } = await client.send(new ListMembershipsCommand({}))
      expect(membershipSummaries?.map((m) => m.id)).toEqual([succeeded[0]?.id])
    })
  })
})
