/** SDK suite: CreateCollaboration's business rules (R-COL-1..4), checked through CreateCollaboration and ListMembers. */
import {
  CreateCollaborationCommand,
  type CreateCollaborationCommandInput,
  ListMembersCommand,
  ValidationException,
} from '@aws-sdk/client-cleanrooms'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'

import {
  A,
  B,
  C,
  collaborationInput,
  createCollaboration,
  D,
  expectBusinessRule,
  expectRejected,
  member,
  pay,
  shownPayments,
  T0,
  UUID,
} from './rule-helpers.ts'
import { type Harness, transports } from './transports.ts'

describe.each(transports)('through $name', (transport) => {
  let h: Harness
  beforeEach(async () => {
    h = await transport.start({ clock: () => T0 })
  })
  afterEach(() => h.close())

  const rejectCreate = async (overrides: Partial<CreateCollaborationCommandInput>) =>
    expectRejected(
      h,
      () => h.client(A).send(new CreateCollaborationCommand(collaborationInput(overrides))),
      ValidationException,
    )

  it('R-COL-3: the creator and every member start INVITED; the response is the creator’s view, without a membership', async () => {
    const { collaboration } = await h.client(A).send(
      new CreateCollaborationCommand(
        collaborationInput({
          creatorMemberAbilities: ['CAN_QUERY'],
          members: [member(B), member(C, ['CAN_RECEIVE_RESULTS'])],
        }),
      ),
    )
    expect(collaboration?.id).toMatch(UUID)
    expect(collaboration).toEqual({
      id: collaboration?.id,
      arn: `arn:aws:cleanrooms:us-east-1:${A}:collaboration/${collaboration?.id}`,
      name: 'Shared audience',
      description: 'Overlap analysis',
      creatorAccountId: A,
      creatorDisplayName: 'Creator',
      createTime: new Date(T0),
      updateTime: new Date(T0),
      memberStatus: 'INVITED',
      queryLogStatus: 'DISABLED',
    })

    const { memberSummaries } = await h
      .client(B)
      .send(new ListMembersCommand({ collaborationIdentifier: collaboration?.id }))
    expect(
      memberSummaries?.map(({ accountId, status, displayName, abilities }) => ({
        accountId,
        status,
        displayName,
        abilities,
      })),
    ).toEqual([
      { accountId: A, status: 'INVITED', displayName: 'Creator', abilities: ['CAN_QUERY'] },
      { accountId: B, status: 'INVITED', displayName: `Member ${B}`, abilities: [] },
      { accountId: C, status: 'INVITED', displayName: `Member ${C}`, abilities: ['CAN_RECEIVE_RESULTS'] },
    ])
    for (const summary of memberSummaries ?? []) {
      expect(summary).not.toHaveProperty('membershipId')
      expect(summary).not.toHaveProperty('membershipArn')
    }
  })

  it('R-COL-1: rejects members that include the creator’s own account, and stores nothing', async () => {
    const error = await rejectCreate({ members: [member(B), member(A)] })
    expectBusinessRule(
      error,
      ['members.1.accountId'],
      /^members must not include the collaboration creator \(account 111111111111\)/,
    )
  })

  it('R-COL-1: rejects an account listed twice in members, and stores nothing', async () => {
    const error = await rejectCreate({ members: [member(B), member(C), member(B, ['CAN_QUERY'])] })
    expectBusinessRule(
      error,
      ['members.2.accountId'],
      /^members must name each account once; account 222222222222 appears twice\.$/,
    )
  })

  it('R-COL-2: rejects two participants with CAN_QUERY (the creator and a member)', async () => {
    const error = await rejectCreate({
      creatorMemberAbilities: ['CAN_QUERY'],
      members: [member(B, ['CAN_QUERY'])],
    })
    expectBusinessRule(
      error,
      ['members.0.memberAbilities'],
      /^At most 1 participant may have CAN_QUERY, but 2 do \(the creator, account 222222222222\)\.$/,
    )
  })

  it('R-COL-2: rejects two members with CAN_RUN_JOB', async () => {
    const error = await rejectCreate({
      members: [member(B, ['CAN_RUN_JOB']), member(C), member(D, ['CAN_RUN_JOB'])],
    })
    expectBusinessRule(
      error,
      ['members.2.memberAbilities'],
      /^At most 1 participant may have CAN_RUN_JOB, but 2 do \(account 222222222222, account 444444444444\)\.$/,
    )
  })

  it('R-COL-2: lists every broken rule of one request in one ValidationException', async () => {
    const error = await rejectCreate({
      creatorMemberAbilities: ['CAN_QUERY'],
      members: [member(A), member(B, ['CAN_QUERY'])],
    })
    expectBusinessRule(
      error,
      ['members.0.accountId', 'members.1.memberAbilities'],
      /members must not include the collaboration creator.* At most 1 participant may have CAN_QUERY/,
    )
  })

  it('R-COL-2: accepts a collaboration where nobody can query yet (zero queriers)', async () => {
    const id = await createCollaboration(h.client(A), {
      members: [member(B, ['CAN_RECEIVE_RESULTS']), member(C)],
    })
    expect(await shownPayments(h.client(A), id)).toEqual({
      [A]: pay({ queryCompute: false }),
      [B]: pay({ queryCompute: false }),
      [C]: pay({ queryCompute: false }),
    })
  })

  it('R-COL-2: accepts one querier and one job runner held by different participants', async () => {
    const id = await createCollaboration(h.client(A), {
      creatorMemberAbilities: ['CAN_RUN_JOB'],
      members: [member(B, ['CAN_QUERY', 'CAN_RECEIVE_RESULTS'])],
    })
    const { memberSummaries } = await h
      .client(A)
      .send(new ListMembersCommand({ collaborationIdentifier: id }))
    expect(memberSummaries?.map((m) => m.abilities)).toEqual([
      ['CAN_RUN_JOB'],
      ['CAN_QUERY', 'CAN_RECEIVE_RESULTS'],
    ])
  })

  it('R-COL-4: the payment configuration the creator set is kept per participant and shown by ListMembers', async () => {
    const creatorSet = pay({ queryCompute: false, 'machineLearning.modelTraining': true })
    const bSet = pay({ queryCompute: true })
    const id = await createCollaboration(h.client(A), {
      creatorMemberAbilities: ['CAN_QUERY'],
      creatorPaymentConfiguration: creatorSet,
      members: [member(B, [], bSet), member(C)],
    })
    // What a user sees: each participant's responsibilities, every category in play (R-PAY-3).
    expect(await shownPayments(h.client(C), id)).toEqual({
      [A]: pay({ queryCompute: false, 'machineLearning.modelTraining': true }),
      [B]: pay({ queryCompute: true, 'machineLearning.modelTraining': false }),
      [C]: pay({ queryCompute: false, 'machineLearning.modelTraining': false }),
    })
    // What the mock keeps: exactly what the creator sent, per participant, and nothing for C.
    const participants = h.mock.snapshot().regions['us-east-1']?.collaborations[id]?.participants
    expect(participants?.map((p) => [p.accountId, p.paymentConfiguration])).toEqual([
      [A, creatorSet],
      [B, bSet],
      [C, undefined],
    ])
  })
})
