/** Domain unit tests: CreateCollaboration (R-COL-1..4). */
import { describe, expect, it } from 'vitest'

import { createCollaboration, listMembers } from '../../mocks/domain/index.ts'
import { ValidationException } from '../../mocks/generated/errors.ts'
import {
  B,
  C,
  CREATOR,
  collaborationInput,
  expectRejected,
  member,
  newCollaboration,
  pays,
  REGION,
  setup,
  T0,
} from './helpers.ts'

describe('CreateCollaboration', () => {
  it('returns the collaboration with its ARN, times in epoch seconds and every setting given', () => {
    const env = setup()
    const { collaboration } = createCollaboration(
      env.store,
      env.as(CREATOR),
      collaborationInput({
        members: [member(B, ['CAN_QUERY'])],
        jobLogStatus: 'ENABLED',
        isMetricsEnabled: true,
        analyticsEngine: 'SPARK',
        autoApprovedChangeRequestTypes: ['ADD_MEMBER'],
        allowedResultRegions: ['us-east-1'],
        dataEncryptionMetadata: {
          allowCleartext: true,
          allowDuplicates: false,
          allowJoinsOnColumnsWithDifferentNames: false,
          preserveNulls: true,
        },
      }),
      env.deps,
    )
    expect(collaboration).toEqual({
      id: '00000000-0000-4000-8000-000000000001',
      arn: `arn:aws:cleanrooms:${REGION}:${CREATOR}:collaboration/00000000-0000-4000-8000-000000000001`,
      name: 'Shared audience',
      description: 'Overlap analysis',
      creatorAccountId: CREATOR,
      creatorDisplayName: 'Creator',
      createTime: T0 / 1000,
      updateTime: T0 / 1000,
      memberStatus: 'INVITED',
      queryLogStatus: 'DISABLED',
      jobLogStatus: 'ENABLED',
      isMetricsEnabled: true,
      analyticsEngine: 'SPARK',
      autoApprovedChangeTypes: ['ADD_MEMBER'],
      allowedResultRegions: ['us-east-1'],
      dataEncryptionMetadata: {
        allowCleartext: true,
        allowDuplicates: false,
        allowJoinsOnColumnsWithDifferentNames: false,
        preserveNulls: true,
      },
    })
  })

  it('R-COL-1: rejects a members entry with the creator’s own account, and changes nothing', () => {
    const env = setup()
    const error = expectRejected(
      env.store,
      () =>
        createCollaboration(
          env.store,
          env.as(CREATOR),
          collaborationInput({ members: [member(CREATOR)] }),
          env.deps,
        ),
      ValidationException,
    )
    expect(error.body.reason).toBe('INVALID_CONFIGURATION')
    expect(error.body.fieldList).toEqual([
      { name: 'members.0.accountId', message: expect.stringContaining('creator') },
    ])
  })

  it('R-COL-1: rejects the same account twice in members', () => {
    const env = setup()
    const error = expectRejected(
      env.store,
      () =>
        createCollaboration(
          env.store,
          env.as(CREATOR),
          collaborationInput({ members: [member(B), member(C), member(B)] }),
          env.deps,
        ),
      ValidationException,
    )
    expect(error.body.fieldList?.map((f) => f.name)).toEqual(['members.2.accountId'])
    expect(error.message).toMatch(/222222222222 appears twice/)
  })

  it('R-COL-2: rejects two participants with CAN_QUERY, the creator counting as one', () => {
    const env = setup()
    const error = expectRejected(
      env.store,
      () =>
        createCollaboration(
          env.store,
          env.as(CREATOR),
          collaborationInput({ creatorMemberAbilities: ['CAN_QUERY'], members: [member(B, ['CAN_QUERY'])] }),
          env.deps,
        ),
      ValidationException,
    )
    expect(error.body.reason).toBe('INVALID_CONFIGURATION')
    expect(error.body.fieldList?.map((f) => f.name)).toEqual(['members.0.memberAbilities'])
    expect(error.message).toMatch(/At most 1 participant may have CAN_QUERY/)
  })

  it('R-COL-2: rejects two members with CAN_RUN_JOB (decision)', () => {
    const env = setup()
    const error = expectRejected(
      env.store,
      () =>
        createCollaboration(
          env.store,
          env.as(CREATOR),
          collaborationInput({ members: [member(B, ['CAN_RUN_JOB']), member(C, ['CAN_RUN_JOB'])] }),
          env.deps,
        ),
      ValidationException,
    )
    expect(error.message).toMatch(/CAN_RUN_JOB/)
  })

  it('R-COL-2: accepts a collaboration where nobody can query, and one querier plus one job runner', () => {
    const env = setup()
    expect(newCollaboration(env, { members: [member(B), member(C, ['CAN_RECEIVE_RESULTS'])] })).toBeTruthy()
    expect(
      newCollaboration(env, { creatorMemberAbilities: ['CAN_QUERY'], members: [member(B, ['CAN_RUN_JOB'])] }),
    ).toBeTruthy()
  })

  it('R-COL-3: the creator and every member start INVITED, with no membership', () => {
    const env = setup()
    const id = newCollaboration(env, { members: [member(B), member(C)] })
    const { memberSummaries } = listMembers(env.store, env.as(CREATOR), { collaborationIdentifier: id })
    expect(memberSummaries.map((m) => [m.accountId, m.status, m.membershipId])).toEqual([
      [CREATOR, 'INVITED', undefined],
      [B, 'INVITED', undefined],
      [C, 'INVITED', undefined],
    ])
  })

  it('R-COL-4: keeps the creator-set payment configuration per participant as given', () => {
    const env = setup()
    const id = newCollaboration(env, {
      creatorMemberAbilities: ['CAN_QUERY'],
      creatorPaymentConfiguration: pays(false),
      members: [member(B, [], pays(true)), member(C)],
    })
    const record = env.store.state.regions[REGION]?.collaborations[id]
    expect(record?.participants.map((p) => p.paymentConfiguration)).toEqual([
      pays(false),
      pays(true),
      undefined,
    ])
  })

  it('stores a copy of the input: changing the input object afterwards changes nothing', () => {
    const env = setup()
    const input = collaborationInput({ members: [member(B, ['CAN_QUERY'])] })
    const { collaboration } = createCollaboration(env.store, env.as(CREATOR), input, env.deps)
    const before = env.store.snapshot()
    input.members[0]?.memberAbilities.push('CAN_RECEIVE_RESULTS')
    input.name = 'changed'
    expect(env.store.snapshot()).toEqual(before)
    expect(collaboration.name).toBe('Shared audience')
  })

  it('R-STATE-1: consumes no id and no state when rejected', () => {
    const env = setup()
    expectRejected(
      env.store,
      () =>
        createCollaboration(
          env.store,
          env.as(CREATOR),
          collaborationInput({ members: [member(CREATOR)] }),
          env.deps,
        ),
      ValidationException,
    )
    expect(env.deps.issued()).toBe(0)
  })
})
