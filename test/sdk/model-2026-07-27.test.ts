/**
 * SDK suite: the newest model, `createCleanRoomsMock({ model: '2026-07-27' })`: payer candidates (R-CAND-1..4),
 * UpdateMembership's `membershipPaymentConfiguration`, the loosened constraints (R-MODEL-2) and the
 * `@uniqueItems` carried over from the Smithy model (R-MODEL-3). SDK 3.1048.0 cannot send
 * `membershipPaymentConfiguration`; a client that adds it to the body stands in for a newer SDK.
 */
import {
  CreateCollaborationCommand,
  type CreateCollaborationCommandInput,
  GetMembershipCommand,
  ListMembershipsCommand,
  UpdateMembershipCommand,
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
  join,
  member,
  pay,
  shownPayments,
  withExtraBodyMembers,
} from './rule-helpers.ts'
import { type Harness, transports } from './transports.ts'

const qc = (isResponsible: boolean) => pay({ queryCompute: isResponsible })

describe.each(transports)('model 2026-07-27 through $name', (transport) => {
  let h: Harness
  beforeEach(async () => {
    h = await transport.start({ model: '2026-07-27' })
  })
  afterEach(() => h.close())

  /** UpdateMembership with `membershipPaymentConfiguration`, as a newer SDK sends it. */
  async function updatePayment(
    accessKeyId: string,
    membershipIdentifier: string,
    flags: Record<string, boolean>,
  ) {
    const { client } = withExtraBodyMembers(h.client(accessKeyId), {
      membershipPaymentConfiguration: pay(flags),
    })
    const { membership } = await client.send(new UpdateMembershipCommand({ membershipIdentifier }))
    return membership
  }

  it('R-MODEL-3: duplicate creatorMemberAbilities are still a 400, as in the Smithy model', async () => {
    const error = await expectRejected(
      h,
      () => createCollaboration(h.client(A), { creatorMemberAbilities: ['CAN_QUERY', 'CAN_QUERY'] }),
      ValidationException,
    )
    expect(error.$metadata.httpStatusCode).toBe(400)
    expect(error.reason).toBe('FIELD_VALIDATION_FAILED')
    expect(error.fieldList?.map((f) => f.name)).toEqual(['creatorMemberAbilities'])
  })

  it('R-MODEL-2: description may be left out or empty, and customMLMemberAbilities may be empty', async () => {
    const { description: _description, ...withoutDescription } = collaborationInput({
      creatorMLMemberAbilities: { customMLMemberAbilities: [] },
    })
    const { collaboration } = await h
      .client(A)
      .send(new CreateCollaborationCommand(withoutDescription as CreateCollaborationCommandInput))
    expect(collaboration?.description).toBeUndefined()
    const empty = await h
      .client(A)
      .send(new CreateCollaborationCommand(collaborationInput({ description: '' })))
    expect(empty.collaboration?.description).toBe('')
  })

  it('R-CAND-1: several members may be set true: each is a candidate, and ListMembers shows every candidate true', async () => {
    const id = await createCollaboration(h.client(A), {
      members: [member(B, ['CAN_QUERY'], qc(false)), member(C, [], qc(true)), member(D, [], qc(true))],
    })
    expect(await shownPayments(h.client(A), id)).toEqual({
      [A]: qc(false),
      [B]: qc(false),
      [C]: qc(true),
      [D]: qc(true),
    })
  })

  it('R-CAND-1, R-CAND-2: nobody set: the querier is the only candidate, and it may not be set false then', async () => {
    const id = await createCollaboration(h.client(A), { members: [member(B, ['CAN_QUERY']), member(C)] })
    expect(await shownPayments(h.client(A), id)).toEqual({ [A]: qc(false), [B]: qc(true), [C]: qc(false) })
    const error = await expectRejected(
      h,
      () => createCollaboration(h.client(A), { members: [member(B, ['CAN_QUERY'], qc(false)), member(C)] }),
      ValidationException,
    )
    expectBusinessRule(
      error,
      ['members.0.paymentConfiguration.queryCompute.isResponsible'],
      /cannot be set false unless another/,
    )
  })

  it('R-CAND-2: the member who can run jobs set false for jobCompute is rejected even while others are candidates', async () => {
    const error = await expectRejected(
      h,
      () =>
        createCollaboration(h.client(A), {
          members: [
            member(B, ['CAN_QUERY', 'CAN_RUN_JOB'], pay({ queryCompute: true, jobCompute: false })),
            member(C, [], pay({ queryCompute: false, jobCompute: true })),
          ],
        }),
      ValidationException,
    )
    expectBusinessRule(
      error,
      ['members.0.paymentConfiguration.jobCompute.isResponsible'],
      new RegExp(`^Account ${B} has CAN_RUN_JOB, so it cannot be set false for jobCompute`),
    )
  })

  it('R-CAND-3: each candidate joins accepting; a non-candidate claiming true, or a candidate declining, is rejected', async () => {
    const id = await createCollaboration(h.client(A), {
      members: [member(B, ['CAN_QUERY']), member(C, [], qc(true)), member(D, [], qc(true))],
    })
    // B can query but is not a candidate once others are set true.
    const claimed = await expectRejected(
      h,
      () => join(h.client(B), id, { paymentConfiguration: qc(true) }),
      ValidationException,
    )
    expectBusinessRule(claimed, ['paymentConfiguration.queryCompute.isResponsible'], /cannot be true/)
    const declined = await expectRejected(
      h,
      () => join(h.client(C), id, { paymentConfiguration: qc(false) }),
      ValidationException,
    )
    expectBusinessRule(declined, ['paymentConfiguration.queryCompute.isResponsible'], /cannot be false/)
    expect((await join(h.client(C), id, { paymentConfiguration: qc(true) })).paymentConfiguration).toEqual(
      qc(true),
    )
    expect((await join(h.client(D), id, { paymentConfiguration: qc(true) })).paymentConfiguration).toEqual(
      qc(true),
    )
    expect((await join(h.client(B), id)).paymentConfiguration).toEqual(qc(false))
  })

  it('R-CAND-4: a candidate declines while another accepted, and accepts again; Get and ListMemberships show it, ListMembers still shows candidates', async () => {
    const id = await createCollaboration(h.client(A), {
      members: [member(B, ['CAN_QUERY']), member(C, [], qc(true)), member(D, [], qc(true))],
    })
    const c = await join(h.client(C), id, { paymentConfiguration: qc(true) })
    const d = await join(h.client(D), id, { paymentConfiguration: qc(true) })

    expect((await updatePayment(C, c.id as string, { queryCompute: false }))?.paymentConfiguration).toEqual(
      qc(false),
    )
    const { membership: got } = await h
      .client(C)
      .send(new GetMembershipCommand({ membershipIdentifier: c.id }))
    expect(got?.paymentConfiguration).toEqual(qc(false))
    const { membershipSummaries = [] } = await h.client(C).send(new ListMembershipsCommand({}))
    expect(membershipSummaries.map((m) => m.paymentConfiguration)).toEqual([qc(false)])
    expect(await shownPayments(h.client(A), id)).toEqual({
      [A]: qc(false),
      [B]: qc(false),
      [C]: qc(true),
      [D]: qc(true),
    })

    // D is now the only candidate that has accepted: it cannot decline.
    const error = await expectRejected(
      h,
      () => updatePayment(D, d.id as string, { queryCompute: false }),
      ValidationException,
    )
    expectBusinessRule(
      error,
      ['membershipPaymentConfiguration.queryCompute.isResponsible'],
      new RegExp(
        `^Account ${D} cannot decline queryCompute .*no other payer candidate is an active member that has accepted it`,
      ),
    )
    expect((await updatePayment(C, c.id as string, { queryCompute: true }))?.paymentConfiguration).toEqual(
      qc(true),
    )
    expect((await updatePayment(D, d.id as string, { queryCompute: false }))?.paymentConfiguration).toEqual(
      qc(false),
    )
  })

  it('R-CAND-4: a member that is not a candidate cannot claim a category through UpdateMembership', async () => {
    const id = await createCollaboration(h.client(A), { members: [member(B, ['CAN_QUERY']), member(C)] })
    const c = await join(h.client(C), id)
    const error = await expectRejected(
      h,
      () => updatePayment(C, c.id as string, { queryCompute: true }),
      ValidationException,
    )
    expectBusinessRule(
      error,
      ['membershipPaymentConfiguration.queryCompute.isResponsible'],
      new RegExp(`^Account ${C} is not a payer candidate for queryCompute`),
    )
  })
})
