/** SDK suite: who pays (R-PAY-1..6), through CreateCollaboration, ListMembers, CreateMembership, Get/UpdateMembership. */
import {
  CreateCollaborationCommand,
  type CreateMembershipCommandInput,
  GetMembershipCommand,
  type MemberAbility,
  type MemberSpecification,
  type PaymentConfiguration,
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

/** The payment categories of the target model and who pays by default (RULES.md "Who pays"), written out here. */
const CATEGORIES: ReadonlyArray<{ key: string; defaultPayer: MemberAbility | undefined }> = [
  { key: 'queryCompute', defaultPayer: 'CAN_QUERY' },
  { key: 'jobCompute', defaultPayer: 'CAN_RUN_JOB' },
  { key: 'machineLearning.modelTraining', defaultPayer: 'CAN_QUERY' },
  { key: 'machineLearning.modelInference', defaultPayer: 'CAN_QUERY' },
  { key: 'machineLearning.syntheticDataGeneration', defaultPayer: undefined },
]

/** One row of the queryCompute payer matrix: a collaboration, and who ListMembers shows paying, or the error. */
interface MatrixRow {
  title: string
  creatorAbilities?: MemberAbility[]
  creatorPays?: boolean
  members: MemberSpecification[]
  /** The account shown `queryCompute: true` (everyone else `false`); null: nobody pays. */
  payer?: string | null
  rejects?: { field: string; message: RegExp }
}

const qc = (isResponsible: boolean) => pay({ queryCompute: isResponsible })

const MATRIX: MatrixRow[] = [
  {
    title: 'R-PAY-3: no payer set and nobody can query: every participant is shown queryCompute false',
    members: [member(B), member(C, ['CAN_RECEIVE_RESULTS'])],
    payer: null,
  },
  {
    title: 'R-PAY-2: no payer set: the member who can query pays by default',
    members: [member(B, ['CAN_QUERY']), member(C)],
    payer: B,
  },
  {
    title: 'R-PAY-2: no payer set and the creator can query: the creator pays',
    creatorAbilities: ['CAN_QUERY'],
    members: [member(B), member(C)],
    payer: A,
  },
  {
    title: 'R-PAY-2: the querier set true explicitly pays',
    members: [member(B, ['CAN_QUERY'], qc(true)), member(C)],
    payer: B,
  },
  {
    title: 'R-PAY-1: another member set true pays instead of the querier',
    creatorAbilities: ['CAN_QUERY'],
    members: [member(B), member(C, [], qc(true))],
    payer: C,
  },
  {
    title: 'R-PAY-1: the creator set true pays while a member can query',
    creatorPays: true,
    members: [member(B, ['CAN_QUERY']), member(C)],
    payer: A,
  },
  {
    title: 'R-PAY-2: the querier set false while another member is set true: the payer moved',
    members: [member(B, ['CAN_QUERY'], qc(false)), member(C, [], qc(true))],
    payer: C,
  },
  {
    title: 'R-PAY-2: a member who cannot query set false changes nothing: the querier still pays',
    members: [member(B, ['CAN_QUERY']), member(C, [], qc(false))],
    payer: B,
  },
  {
    title: 'R-PAY-1: rejects two members set true',
    members: [member(B, ['CAN_QUERY'], qc(true)), member(C, [], qc(true))],
    rejects: {
      field: 'members.1.paymentConfiguration.queryCompute.isResponsible',
      message:
        /^Only one participant may be set to pay for queryCompute, but 2 were set true \(accounts 222222222222, 333333333333\)\.$/,
    },
  },
  {
    title: 'R-PAY-1: rejects the creator and a member both set true',
    creatorPays: true,
    members: [member(B, [], qc(true)), member(C, ['CAN_QUERY'])],
    rejects: {
      field: 'members.0.paymentConfiguration.queryCompute.isResponsible',
      message:
        /^Only one participant may be set to pay for queryCompute, but 2 were set true \(accounts 111111111111, 222222222222\)\.$/,
    },
  },
  {
    title: 'R-PAY-1: rejects three participants set true, naming all three',
    creatorPays: true,
    members: [member(B, [], qc(true)), member(C, [], qc(true))],
    rejects: {
      field: 'members.0.paymentConfiguration.queryCompute.isResponsible',
      message: /but 3 were set true \(accounts 111111111111, 222222222222, 333333333333\)\.$/,
    },
  },
  {
    title: 'R-PAY-2: rejects the querier set false while nobody else is set true',
    members: [member(B, ['CAN_QUERY'], qc(false)), member(C, [], qc(false))],
    rejects: {
      field: 'members.0.paymentConfiguration.queryCompute.isResponsible',
      message:
        /^Account 222222222222 has CAN_QUERY and so pays for queryCompute by default; it cannot be set false unless another participant is set true\.$/,
    },
  },
  {
    title: 'R-PAY-2: rejects the creator who can query set false while nobody else is set true',
    creatorAbilities: ['CAN_QUERY'],
    creatorPays: false,
    members: [member(B)],
    rejects: {
      field: 'creatorPaymentConfiguration.queryCompute.isResponsible',
      message: /^Account 111111111111 has CAN_QUERY and so pays for queryCompute by default/,
    },
  },
]

/** A participant's creator-set configuration: `category` set to `value`, and queryCompute to `queryCompute`. */
function setting(category: string, value: boolean, queryCompute: boolean): PaymentConfiguration {
  return category === 'queryCompute' ? qc(value) : pay({ queryCompute, [category]: value })
}

/** What one account is shown: `true` where it is the payer, for queryCompute and `category`. */
function shown(
  category: string,
  account: string,
  payer: string | null,
  queryPayer: string | null,
): PaymentConfiguration {
  if (category === 'queryCompute') return qc(account === payer)
  return pay({ queryCompute: account === queryPayer, [category]: account === payer })
}

describe.each(transports)('through $name', (transport) => {
  let h: Harness
  beforeEach(async () => {
    h = await transport.start()
  })
  afterEach(() => h.close())

  describe('the payer matrix for queryCompute (CreateCollaboration, then ListMembers)', () => {
    it.each(MATRIX)('$title', async (row) => {
      const input = collaborationInput({
        creatorMemberAbilities: row.creatorAbilities ?? [],
        members: row.members,
        ...(row.creatorPays !== undefined && { creatorPaymentConfiguration: qc(row.creatorPays) }),
      })
      if (row.rejects !== undefined) {
        const error = await expectRejected(
          h,
          () => h.client(A).send(new CreateCollaborationCommand(input)),
          ValidationException,
        )
        expectBusinessRule(error, [row.rejects.field], row.rejects.message)
        return
      }
      const { collaboration } = await h.client(A).send(new CreateCollaborationCommand(input))
      const accounts = [A, ...row.members.map((m) => m.accountId)]
      expect(await shownPayments(h.client(A), collaboration?.id ?? '')).toEqual(
        Object.fromEntries(accounts.map((account) => [account, qc(account === row.payer)])),
      )
    })
  })

  describe('CreateMembership acceptance for queryCompute (R-PAY-4, R-PAY-5)', () => {
    /** `default`: B can query and pays by default. `moved`: B can query, set false; C is set true and pays. */
    const scenarios = {
      default: [member(B, ['CAN_QUERY']), member(C), member(D, ['CAN_RECEIVE_RESULTS'])],
      moved: [
        member(B, ['CAN_QUERY'], qc(false)),
        member(C, [], qc(true)),
        member(D, ['CAN_RECEIVE_RESULTS']),
      ],
    }
    const cannotBeFalse = (account: string) =>
      `Account ${account} is responsible for paying for queryCompute in collaboration {id}, so paymentConfiguration.queryCompute.isResponsible cannot be false.`
    const cannotBeTrue = (account: string, payer: string) =>
      `Account ${account} is not responsible for paying for queryCompute in collaboration {id} (account ${payer} is), so paymentConfiguration.queryCompute.isResponsible cannot be true.`

    it.each<{
      rule: string
      who: string
      scenario: keyof typeof scenarios
      caller: string
      sends: boolean | undefined
      /** The stored `queryCompute.isResponsible`, or the exact error message (`{id}`: the collaboration id). */
      outcome: boolean | string
    }>([
      {
        rule: 'R-PAY-4',
        who: 'the payer (no CAN_QUERY)',
        scenario: 'moved',
        caller: C,
        sends: true,
        outcome: true,
      },
      {
        rule: 'R-PAY-4',
        who: 'the payer (no CAN_QUERY)',
        scenario: 'moved',
        caller: C,
        sends: false,
        outcome: cannotBeFalse(C),
      },
      {
        rule: 'R-PAY-5',
        who: 'the payer (no CAN_QUERY)',
        scenario: 'moved',
        caller: C,
        sends: undefined,
        outcome: `Account ${C} was set by the collaboration creator to pay for queryCompute and does not have CAN_QUERY, so it must accept by sending paymentConfiguration.queryCompute.isResponsible true.`,
      },
      {
        rule: 'R-PAY-4',
        who: 'a non-payer',
        scenario: 'moved',
        caller: D,
        sends: true,
        outcome: cannotBeTrue(D, C),
      },
      { rule: 'R-PAY-4', who: 'a non-payer', scenario: 'moved', caller: D, sends: false, outcome: false },
      { rule: 'R-PAY-5', who: 'a non-payer', scenario: 'moved', caller: D, sends: undefined, outcome: false },
      {
        rule: 'R-PAY-4',
        who: 'a non-payer',
        scenario: 'default',
        caller: D,
        sends: true,
        outcome: cannotBeTrue(D, B),
      },
      {
        rule: 'R-PAY-5',
        who: 'the creator (a non-payer)',
        scenario: 'default',
        caller: A,
        sends: undefined,
        outcome: false,
      },
      {
        rule: 'R-PAY-5',
        who: 'the querier who pays by default',
        scenario: 'default',
        caller: B,
        sends: undefined,
        outcome: true,
      },
      {
        rule: 'R-PAY-4',
        who: 'the querier who pays by default',
        scenario: 'default',
        caller: B,
        sends: true,
        outcome: true,
      },
      {
        rule: 'R-PAY-4',
        who: 'the querier who pays by default',
        scenario: 'default',
        caller: B,
        sends: false,
        outcome: cannotBeFalse(B),
      },
      {
        rule: 'R-PAY-5',
        who: 'the querier set false',
        scenario: 'moved',
        caller: B,
        sends: undefined,
        outcome: false,
      },
      {
        rule: 'R-PAY-4',
        who: 'the querier set false',
        scenario: 'moved',
        caller: B,
        sends: false,
        outcome: false,
      },
      {
        rule: 'R-PAY-4',
        who: 'the querier set false',
        scenario: 'moved',
        caller: B,
        sends: true,
        outcome: cannotBeTrue(B, C),
      },
    ])('$rule: $who, sending $sends ($scenario payer)', async ({ scenario, caller, sends, outcome }) => {
      const id = await createCollaboration(h.client(A), { members: scenarios[scenario] })
      const extra: Partial<CreateMembershipCommandInput> =
        sends === undefined ? {} : { paymentConfiguration: qc(sends) }
      if (typeof outcome === 'string') {
        const error = await expectRejected(h, () => join(h.client(caller), id, extra), ValidationException)
        expectBusinessRule(error, ['paymentConfiguration.queryCompute.isResponsible'], /./)
        expect(error.message).toBe(outcome.replace('{id}', id))
        return
      }
      const membership = await join(h.client(caller), id, extra)
      expect(membership.status).toBe('ACTIVE')
      expect(membership.paymentConfiguration).toEqual(qc(outcome))
      const { membership: got } = await h
        .client(caller)
        .send(new GetMembershipCommand({ membershipIdentifier: membership.id }))
      expect(got?.paymentConfiguration).toEqual(qc(outcome))
    })

    it('R-PAY-5: a category not in play that nobody pays cannot be claimed true', async () => {
      const id = await createCollaboration(h.client(A), { members: [member(B, ['CAN_QUERY'])] })
      const error = await expectRejected(
        h,
        () =>
          join(h.client(B), id, {
            paymentConfiguration: pay({
              queryCompute: true,
              jobCompute: true,
              'machineLearning.syntheticDataGeneration': true,
            }),
          }),
        ValidationException,
      )
      expectBusinessRule(
        error,
        [
          'paymentConfiguration.jobCompute.isResponsible',
          'paymentConfiguration.machineLearning.syntheticDataGeneration.isResponsible',
        ],
        new RegExp(
          `^Nobody pays for jobCompute in collaboration ${id}, so account ${B} cannot accept to pay for it\\. ` +
            `Nobody pays for machineLearning\\.syntheticDataGeneration in collaboration ${id}`,
        ),
      )
    })

    it('R-PAY-3, R-PAY-5: the querier accepts model training and inference the creator never named; Get and List show it', async () => {
      const id = await createCollaboration(h.client(A), { members: [member(B, ['CAN_QUERY']), member(C)] })
      const accepted = pay({
        queryCompute: true,
        'machineLearning.modelTraining': true,
        'machineLearning.modelInference': true,
      })
      const membership = await join(h.client(B), id, { paymentConfiguration: accepted })
      expect(membership.paymentConfiguration).toEqual(accepted)
      const { membership: got } = await h
        .client(B)
        .send(new GetMembershipCommand({ membershipIdentifier: membership.id }))
      expect(got?.paymentConfiguration).toEqual(accepted)
      // Not in play (nobody named them): ListMembers shows queryCompute alone.
      expect((await shownPayments(h.client(A), id))[B]).toEqual(qc(true))
    })

    it('R-PAY-4: the querier cannot decline model training the creator never named; another member cannot claim it', async () => {
      const id = await createCollaboration(h.client(A), { members: [member(B, ['CAN_QUERY']), member(C)] })
      const declined = await expectRejected(
        h,
        () =>
          join(h.client(B), id, {
            paymentConfiguration: pay({ queryCompute: true, 'machineLearning.modelTraining': false }),
          }),
        ValidationException,
      )
      expectBusinessRule(
        declined,
        ['paymentConfiguration.machineLearning.modelTraining.isResponsible'],
        new RegExp(
          `^Account ${B} is responsible for paying for machineLearning\\.modelTraining in collaboration ${id}`,
        ),
      )
      const claimed = await expectRejected(
        h,
        () =>
          join(h.client(C), id, {
            paymentConfiguration: pay({ queryCompute: false, 'machineLearning.modelInference': true }),
          }),
        ValidationException,
      )
      expectBusinessRule(
        claimed,
        ['paymentConfiguration.machineLearning.modelInference.isResponsible'],
        new RegExp(`^Account ${C} is not responsible .*\\(account ${B} is\\)`),
      )
    })
  })

  it('R-PAY-3: jobCompute is in play as soon as a participant can run jobs, with nobody setting it', async () => {
    const id = await createCollaboration(h.client(A), {
      members: [member(B, ['CAN_RUN_JOB']), member(C, ['CAN_QUERY'])],
    })
    expect(await shownPayments(h.client(A), id)).toEqual({
      [A]: pay({ queryCompute: false, jobCompute: false }),
      [B]: pay({ queryCompute: false, jobCompute: true }),
      [C]: pay({ queryCompute: true, jobCompute: false }),
    })
    // R-PAY-5: the job runner may leave its block out; its membership still holds both categories.
    const membership = await join(h.client(B), id)
    expect(membership.paymentConfiguration).toEqual(pay({ queryCompute: false, jobCompute: true }))
  })

  describe.each(CATEGORIES)('each category: $key (one table drives them all)', ({ key, defaultPayer }) => {
    // B holds the category's default-payer ability (CAN_QUERY when the category has none); C holds nothing.
    const bAbilities: MemberAbility[] = [defaultPayer ?? 'CAN_QUERY']
    const bQueries = bAbilities.includes('CAN_QUERY')
    const queryPayer = bQueries ? B : null
    const defaultPayerAccount = defaultPayer === undefined ? null : B
    const field = (prefix: string) => `${prefix}.${key}.isResponsible`

    const expectShown = async (id: string, payer: string | null) =>
      expect(await shownPayments(h.client(C), id)).toEqual(
        Object.fromEntries([A, B, C].map((account) => [account, shown(key, account, payer, queryPayer)])),
      )

    it(`R-PAY-2: nobody set true: ${defaultPayer ?? 'nobody (no default payer)'} pays ${key}`, async () => {
      // C set false puts the category in play without naming a payer.
      const id = await createCollaboration(h.client(A), {
        members: [member(B, bAbilities), member(C, [], setting(key, false, false))],
      })
      await expectShown(id, defaultPayerAccount)
    })

    it(`R-PAY-1: another member set true pays ${key}`, async () => {
      const id = await createCollaboration(h.client(A), {
        members: [member(B, bAbilities), member(C, [], setting(key, true, false))],
      })
      await expectShown(id, C)
    })

    it(`R-PAY-1: the creator set true pays ${key}`, async () => {
      const id = await createCollaboration(h.client(A), {
        creatorPaymentConfiguration: setting(key, true, false),
        members: [member(B, bAbilities), member(C)],
      })
      await expectShown(id, A)
    })

    it(`R-PAY-1: rejects two members set true for ${key}, and stores nothing`, async () => {
      const error = await expectRejected(
        h,
        () =>
          createCollaboration(h.client(A), {
            members: [
              member(B, bAbilities, setting(key, true, bQueries)),
              member(C, [], setting(key, true, false)),
            ],
          }),
        ValidationException,
      )
      expectBusinessRule(
        error,
        [field('members.1.paymentConfiguration')],
        new RegExp(
          `^Only one participant may be set to pay for ${key.replace('.', '\\.')}, but 2 were set true`,
        ),
      )
    })

    it(`R-PAY-2: ${defaultPayer ?? 'a member'} set false for ${key} with another member set true: the payer moved`, async () => {
      const id = await createCollaboration(h.client(A), {
        members: [
          member(B, bAbilities, setting(key, false, bQueries)),
          member(C, [], setting(key, true, false)),
        ],
      })
      await expectShown(id, C)
    })

    if (defaultPayer === undefined) {
      it(`R-PAY-2: ${key} has no default payer: set false for everyone, nobody pays`, async () => {
        const id = await createCollaboration(h.client(A), {
          members: [
            member(B, bAbilities, setting(key, false, bQueries)),
            member(C, [], setting(key, false, false)),
          ],
        })
        await expectShown(id, null)
      })
    } else {
      it(`R-PAY-2: rejects ${defaultPayer} set false for ${key} while nobody else is set true`, async () => {
        const error = await expectRejected(
          h,
          () =>
            createCollaboration(h.client(A), {
              members: [member(B, bAbilities, setting(key, false, bQueries)), member(C)],
            }),
          ValidationException,
        )
        expectBusinessRule(
          error,
          [field('members.0.paymentConfiguration')],
          new RegExp(
            `^Account ${B} has ${defaultPayer} and so pays for ${key.replace('.', '\\.')} by default`,
          ),
        )
      })
    }

    it(`R-PAY-5: the ${key} payer without ${defaultPayer ?? 'a default-payer ability'} must send it true; then its membership is complete`, async () => {
      const id = await createCollaboration(h.client(A), {
        members: [member(B, bAbilities), member(C, [], setting(key, true, false))],
      })
      const omitted = await expectRejected(h, () => join(h.client(C), id), ValidationException)
      expectBusinessRule(
        omitted,
        [field('paymentConfiguration')],
        new RegExp(
          `^Account ${C} was set by the collaboration creator to pay for ${key.replace('.', '\\.')}.* must accept by sending`,
        ),
      )
      const membership = await join(h.client(C), id, { paymentConfiguration: setting(key, true, false) })
      expect(membership.paymentConfiguration).toEqual(shown(key, C, C, queryPayer))
    })

    it(`R-PAY-4: a member who does not pay ${key} cannot accept it`, async () => {
      const id = await createCollaboration(h.client(A), {
        members: [member(B, bAbilities), member(C, [], setting(key, true, false))],
      })
      const error = await expectRejected(
        h,
        () => join(h.client(B), id, { paymentConfiguration: setting(key, true, bQueries) }),
        ValidationException,
      )
      expectBusinessRule(
        error,
        [field('paymentConfiguration')],
        new RegExp(
          `^Account ${B} is not responsible for paying for ${key.replace('.', '\\.')} .*\\(account ${C} is\\)`,
        ),
      )
    })

    it(`R-PAY-5: ${defaultPayer ?? 'the querier'} joins without a payment block; the stored membership holds every category in play`, async () => {
      const id = await createCollaboration(h.client(A), {
        members: [member(B, bAbilities), member(C, [], setting(key, false, false))],
      })
      const membership = await join(h.client(B), id)
      expect(membership.paymentConfiguration).toEqual(shown(key, B, defaultPayerAccount, queryPayer))
      const { membership: got } = await h
        .client(B)
        .send(new GetMembershipCommand({ membershipIdentifier: membership.id }))
      expect(got?.paymentConfiguration).toEqual(membership.paymentConfiguration)
    })
  })

  describe('R-PAY-6: payment never changes after creation', () => {
    it('R-PAY-6: UpdateMembership keeps the payment configuration, even when a newer SDK sends membershipPaymentConfiguration', async () => {
      const id = await createCollaboration(h.client(A), {
        creatorMemberAbilities: ['CAN_QUERY'],
        creatorPaymentConfiguration: qc(false),
        members: [member(C, [], qc(true))],
        queryLogStatus: 'ENABLED',
      })
      const payer = await join(h.client(C), id, { paymentConfiguration: qc(true) })
      const querier = await join(h.client(A), id)

      const newerPayer = withExtraBodyMembers(h.client(C), { membershipPaymentConfiguration: qc(false) })
      const { membership: updated } = await newerPayer.client.send(
        new UpdateMembershipCommand({ membershipIdentifier: payer.id, queryLogStatus: 'ENABLED' }),
      )
      expect(newerPayer.sent).toEqual([
        { queryLogStatus: 'ENABLED', membershipPaymentConfiguration: qc(false) },
      ])
      expect(updated?.queryLogStatus).toBe('ENABLED')
      expect(updated?.paymentConfiguration).toEqual(qc(true))

      const newerQuerier = withExtraBodyMembers(h.client(A), { membershipPaymentConfiguration: qc(true) })
      const { membership: updatedQuerier } = await newerQuerier.client.send(
        new UpdateMembershipCommand({ membershipIdentifier: querier.id, queryLogStatus: 'ENABLED' }),
      )
      expect(updatedQuerier?.paymentConfiguration).toEqual(qc(false))

      const { membership: got } = await h
        .client(C)
        .send(new GetMembershipCommand({ membershipIdentifier: payer.id }))
      expect(got?.paymentConfiguration).toEqual(qc(true))
      expect(await shownPayments(h.client(A), id)).toEqual({ [A]: qc(false), [C]: qc(true) })
    })
  })
})
