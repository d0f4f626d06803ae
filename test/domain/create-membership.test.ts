/** Domain unit tests: CreateMembership (R-MEM-1..5). */
import { describe, expect, it } from 'vitest'

import { createMembership, listMembers, seedCollaboration } from '../../mocks/domain/index.ts'
import {
  ConflictException,
  ResourceNotFoundException,
  ValidationException,
} from '../../mocks/generated/errors.ts'
import type { CreateMembershipInput } from '../../mocks/generated/types.ts'
import {
  B,
  C,
  CREATOR,
  D,
  expectRejected,
  join,
  member,
  newCollaboration,
  OUTSIDER,
  REGION,
  setup,
  T0,
} from './helpers.ts'

const S3_RESULTS = {
  outputConfiguration: { s3: { resultFormat: 'CSV' as const, bucket: 'results-bucket' } },
  roleArn: 'arn:aws:iam::222222222222:role/results-writer',
}
const S3_JOB_RESULTS = {
  outputConfiguration: { s3: { bucket: 'job-results' } },
  roleArn: 'arn:aws:iam::222222222222:role/job-results-writer',
}

describe('CreateMembership', () => {
  it('R-MEM-5: creates an ACTIVE membership with id, ARN, the participant’s abilities and the collaboration’s names', () => {
    const env = setup()
    const id = newCollaboration(env, {
      members: [
        {
          ...member(B, ['CAN_QUERY']),
          mlMemberAbilities: { customMLMemberAbilities: ['CAN_RECEIVE_MODEL_OUTPUT'] },
        },
      ],
    })
    env.deps.advance(5_000)
    const membership = join(env, B, id)
    expect(membership).toEqual({
      id: '00000000-0000-4000-8000-000000000002',
      arn: `arn:aws:cleanrooms:${REGION}:${B}:membership/00000000-0000-4000-8000-000000000002`,
      collaborationId: id,
      collaborationArn: `arn:aws:cleanrooms:${REGION}:${CREATOR}:collaboration/${id}`,
      collaborationCreatorAccountId: CREATOR,
      collaborationCreatorDisplayName: 'Creator',
      collaborationName: 'Shared audience',
      createTime: T0 / 1000 + 5,
      updateTime: T0 / 1000 + 5,
      status: 'ACTIVE',
      memberAbilities: ['CAN_QUERY'],
      mlMemberAbilities: { customMLMemberAbilities: ['CAN_RECEIVE_MODEL_OUTPUT'] },
      queryLogStatus: 'DISABLED',
      paymentConfiguration: { queryCompute: { isResponsible: true } },
    })
  })

  it('R-MEM-5: the member becomes ACTIVE and ListMembers shows its membership id and ARN', () => {
    const env = setup()
    const id = newCollaboration(env, { members: [member(B), member(C)] })
    const membership = join(env, B, id)
    const { memberSummaries } = listMembers(env.store, env.as(C), { collaborationIdentifier: id })
    expect(memberSummaries[1]).toMatchObject({
      accountId: B,
      status: 'ACTIVE',
      membershipId: membership.id,
      membershipArn: membership.arn,
    })
    expect(memberSummaries[2]).not.toHaveProperty('membershipId')
  })

  it('R-MEM-5: the creator can join its own collaboration', () => {
    const env = setup()
    const id = newCollaboration(env, { creatorMemberAbilities: ['CAN_QUERY'] })
    expect(join(env, CREATOR, id).paymentConfiguration).toEqual({ queryCompute: { isResponsible: true } })
  })

  it('R-MEM-1: an unknown collaboration is ResourceNotFoundException COLLABORATION', () => {
    const env = setup()
    newCollaboration(env, { members: [member(B)] })
    const missing = '0fffffff-0000-4000-8000-000000000000'
    const error = expectRejected(env.store, () => join(env, B, missing), ResourceNotFoundException)
    expect(error.body).toEqual({
      message: expect.any(String),
      resourceId: missing,
      resourceType: 'COLLABORATION',
    })
  })

  it('R-MEM-1: an account that is not a participant gets the same 404 as for a missing collaboration', () => {
    const env = setup()
    const id = newCollaboration(env, { members: [member(B)] })
    const error = expectRejected(env.store, () => join(env, OUTSIDER, id), ResourceNotFoundException)
    expect(error.body).toEqual({
      message: `Collaboration ${id} was not found`,
      resourceId: id,
      resourceType: 'COLLABORATION',
    })
  })

  it('R-MEM-1: a collaboration of another region is not found', () => {
    const env = setup()
    const id = newCollaboration(env, { members: [member(B)] })
    expectRejected(
      env.store,
      () =>
        createMembership(
          env.store,
          env.as(B, 'eu-west-1'),
          { collaborationIdentifier: id, queryLogStatus: 'DISABLED' },
          env.deps,
        ),
      ResourceNotFoundException,
    )
  })

  it('R-MEM-2: joining again while ACTIVE is ConflictException ALREADY_EXISTS on the membership', () => {
    const env = setup()
    const id = newCollaboration(env, { members: [member(B)] })
    const membership = join(env, B, id)
    const error = expectRejected(env.store, () => join(env, B, id), ConflictException)
    expect(error.body).toEqual({
      message: expect.stringContaining('already has an active membership'),
      reason: 'ALREADY_EXISTS',
      resourceId: membership.id,
      resourceType: 'MEMBERSHIP',
    })
  })

  it.each(['LEFT', 'REMOVED'] as const)(
    'R-MEM-2: a %s member cannot join again: ConflictException INVALID_STATE',
    (status) => {
      const env = setup()
      const { collaborationId } = seedCollaboration(
        env.store,
        { region: REGION, creator: { accountId: CREATOR }, members: [{ accountId: B, status }] },
        env.deps,
      )
      const error = expectRejected(env.store, () => join(env, B, collaborationId), ConflictException)
      expect(error.body.reason).toBe('INVALID_STATE')
      expect(error.message).toContain(status)
    },
  )

  it('R-WIRE-7: not found wins over conflict, and conflict wins over business rules', () => {
    const env = setup()
    const id = newCollaboration(env, { members: [member(B)] })
    join(env, B, id)
    const badSettings: Partial<CreateMembershipInput> = {
      queryLogStatus: 'ENABLED',
      defaultResultConfiguration: S3_RESULTS,
    }
    expectRejected(env.store, () => join(env, B, id, badSettings), ConflictException)
    expectRejected(env.store, () => join(env, OUTSIDER, id, badSettings), ResourceNotFoundException)
  })

  it('R-MEM-3: defaultResultConfiguration from a member without CAN_RECEIVE_RESULTS is rejected', () => {
    const env = setup()
    const id = newCollaboration(env, {
      members: [member(B, ['CAN_QUERY']), member(C, ['CAN_RECEIVE_RESULTS'])],
    })
    const error = expectRejected(
      env.store,
      () => join(env, B, id, { defaultResultConfiguration: S3_RESULTS }),
      ValidationException,
    )
    expect(error.body.reason).toBe('INVALID_CONFIGURATION')
    expect(error.body.fieldList?.map((f) => f.name)).toEqual(['defaultResultConfiguration'])
    expect(error.message).toMatch(/Only a member with CAN_RECEIVE_RESULTS can set defaultResultConfiguration/)
  })

  it('R-MEM-3: defaultJobResultConfiguration from a member without CAN_RECEIVE_RESULTS is rejected', () => {
    const env = setup()
    const id = newCollaboration(env, { members: [member(B, ['CAN_RUN_JOB'])] })
    const error = expectRejected(
      env.store,
      () => join(env, B, id, { defaultJobResultConfiguration: S3_JOB_RESULTS }),
      ValidationException,
    )
    expect(error.body.fieldList?.map((f) => f.name)).toEqual(['defaultJobResultConfiguration'])
  })

  it('R-MEM-3: the member who can receive results sets both result configurations', () => {
    const env = setup()
    const id = newCollaboration(env, { members: [member(C, ['CAN_RECEIVE_RESULTS'])] })
    const membership = join(env, C, id, {
      defaultResultConfiguration: S3_RESULTS,
      defaultJobResultConfiguration: S3_JOB_RESULTS,
    })
    expect(membership.defaultResultConfiguration).toEqual(S3_RESULTS)
    expect(membership.defaultJobResultConfiguration).toEqual(S3_JOB_RESULTS)
  })

  it('R-MEM-4: query logging ENABLED needs the collaboration’s query logging ENABLED', () => {
    const env = setup()
    const off = newCollaboration(env, { members: [member(B)] })
    const error = expectRejected(
      env.store,
      () => join(env, B, off, { queryLogStatus: 'ENABLED' }),
      ValidationException,
    )
    expect(error.body.fieldList?.map((f) => f.name)).toEqual(['queryLogStatus'])
    const on = newCollaboration(env, { members: [member(B)], queryLogStatus: 'ENABLED' })
    expect(join(env, B, on, { queryLogStatus: 'ENABLED' }).queryLogStatus).toBe('ENABLED')
  })

  it('R-MEM-4: job logging ENABLED needs the collaboration’s job logging ENABLED (absent counts as DISABLED)', () => {
    const env = setup()
    const off = newCollaboration(env, { members: [member(B)] })
    const error = expectRejected(
      env.store,
      () => join(env, B, off, { jobLogStatus: 'ENABLED' }),
      ValidationException,
    )
    expect(error.body.fieldList?.map((f) => f.name)).toEqual(['jobLogStatus'])
    const on = newCollaboration(env, { members: [member(B)], jobLogStatus: 'ENABLED' })
    expect(join(env, B, on, { jobLogStatus: 'ENABLED' }).jobLogStatus).toBe('ENABLED')
  })

  it('R-MEM-4: metrics need the collaboration’s metrics enabled', () => {
    const env = setup()
    const off = newCollaboration(env, { members: [member(B, ['CAN_QUERY'])] })
    const error = expectRejected(
      env.store,
      () => join(env, B, off, { isMetricsEnabled: true }),
      ValidationException,
    )
    expect(error.message).toMatch(/does not have metrics enabled/)
  })

  it('R-MEM-4: metrics can be enabled by the querier and by the query payer, not by another member', () => {
    const env = setup()
    const id = newCollaboration(env, {
      isMetricsEnabled: true,
      members: [
        member(B, ['CAN_QUERY']),
        member(C, [], { queryCompute: { isResponsible: true } }),
        member(D),
      ],
    })
    const error = expectRejected(
      env.store,
      () => join(env, D, id, { isMetricsEnabled: true }),
      ValidationException,
    )
    expect(error.message).toMatch(/Only the member who can query or the member who pays for queries/)
    expect(join(env, B, id, { isMetricsEnabled: true }).isMetricsEnabled).toBe(true)
    expect(
      join(env, C, id, {
        isMetricsEnabled: true,
        paymentConfiguration: { queryCompute: { isResponsible: true } },
      }).isMetricsEnabled,
    ).toBe(true)
    expect(join(env, D, id, { isMetricsEnabled: false }).isMetricsEnabled).toBe(false)
  })

  it('R-WIRE-6: every broken business rule is listed in one ValidationException', () => {
    const env = setup()
    const id = newCollaboration(env, { members: [member(B, [], { queryCompute: { isResponsible: true } })] })
    const error = expectRejected(
      env.store,
      () => join(env, B, id, { queryLogStatus: 'ENABLED', defaultResultConfiguration: S3_RESULTS }),
      ValidationException,
    )
    expect(error.body.fieldList?.map((f) => f.name)).toEqual([
      'paymentConfiguration.queryCompute.isResponsible',
      'defaultResultConfiguration',
      'queryLogStatus',
    ])
  })

  it('R-MEM-5: of many joins by one caller, exactly one succeeds (the domain never awaits)', async () => {
    const env = setup()
    const id = newCollaboration(env, { members: [member(B)] })
    const outcomes = await Promise.allSettled(Array.from({ length: 100 }, async () => join(env, B, id)))
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1)
    const failures = outcomes.filter((o) => o.status === 'rejected')
    expect(failures).toHaveLength(99)
    for (const failure of failures) expect(failure.reason).toBeInstanceOf(ConflictException)
    expect(Object.keys(env.store.state.regions[REGION]?.memberships ?? {})).toHaveLength(1)
  })
})
