/** Domain unit tests: who pays, for every category of the one table (R-PAY-1..6). */
import { describe, expect, it } from 'vitest'

import {
  createCollaboration,
  listMembers,
  PAYMENT_CATEGORIES,
  type PaymentCategory,
  updateMembership,
} from '../../mocks/domain/index.ts'
import { ValidationException } from '../../mocks/generated/errors.ts'
import type {
  CreateCollaborationInput,
  MemberAbility,
  PaymentConfiguration,
  UpdateMembershipInput,
} from '../../mocks/generated/types.ts'
import {
  B,
  C,
  CREATOR,
  collaborationInput,
  expectRejected,
  join,
  member,
  newCollaboration,
  pays,
  setup,
} from './helpers.ts'

type Env = ReturnType<typeof setup>

/** What ListMembers shows as each participant's payment configuration, by account. */
function shownPayments(env: Env, collaborationId: string): Record<string, PaymentConfiguration> {
  const { memberSummaries } = listMembers(env.store, env.as(CREATOR), {
    collaborationIdentifier: collaborationId,
  })
  return Object.fromEntries(memberSummaries.map((m) => [m.accountId, m.paymentConfiguration]))
}

function rejectCreate(env: Env, input: Partial<CreateCollaborationInput>): ValidationException {
  return expectRejected(
    env.store,
    () => createCollaboration(env.store, env.as(CREATOR), collaborationInput(input), env.deps),
    ValidationException,
  )
}

describe('who pays for queryCompute: the matrix', () => {
  it('R-PAY-3: no payer set and nobody can query: queryCompute is shown, nobody pays', () => {
    const env = setup()
    const id = newCollaboration(env, { members: [member(B), member(C, ['CAN_RECEIVE_RESULTS'])] })
    expect(shownPayments(env, id)).toEqual({ [CREATOR]: pays(false), [B]: pays(false), [C]: pays(false) })
  })

  it('R-PAY-2: nobody set true: the member who can query pays by default', () => {
    const env = setup()
    const id = newCollaboration(env, { members: [member(B, ['CAN_QUERY']), member(C)] })
    expect(shownPayments(env, id)).toEqual({ [CREATOR]: pays(false), [B]: pays(true), [C]: pays(false) })
  })

  it('R-PAY-2: nobody set true and the creator can query: the creator pays', () => {
    const env = setup()
    const id = newCollaboration(env, { creatorMemberAbilities: ['CAN_QUERY'], members: [member(B)] })
    expect(shownPayments(env, id)).toEqual({ [CREATOR]: pays(true), [B]: pays(false) })
  })

  it('R-PAY-3: another member set true pays instead of the querier', () => {
    const env = setup()
    const id = newCollaboration(env, {
      creatorMemberAbilities: ['CAN_QUERY'],
      members: [member(B, [], pays(true)), member(C)],
    })
    expect(shownPayments(env, id)).toEqual({ [CREATOR]: pays(false), [B]: pays(true), [C]: pays(false) })
  })

  it('R-PAY-3: the creator set true pays while a member can query', () => {
    const env = setup()
    const id = newCollaboration(env, {
      creatorPaymentConfiguration: pays(true),
      members: [member(B, ['CAN_QUERY'])],
    })
    expect(shownPayments(env, id)).toEqual({ [CREATOR]: pays(true), [B]: pays(false) })
  })

  it('R-PAY-1: rejects two participants set true, naming both accounts', () => {
    const env = setup()
    const error = rejectCreate(env, {
      creatorPaymentConfiguration: pays(true),
      members: [member(B, ['CAN_QUERY']), member(C, [], pays(true))],
    })
    expect(error.body.reason).toBe('INVALID_CONFIGURATION')
    expect(error.body.fieldList?.map((f) => f.name)).toEqual([
      'members.1.paymentConfiguration.queryCompute.isResponsible',
    ])
    expect(error.message).toMatch(/Only one participant may be set to pay for queryCompute/)
    expect(error.message).toMatch(/111111111111, 333333333333/)
  })

  it('R-PAY-2: rejects the querier set false while nobody else is set true', () => {
    const env = setup()
    const error = rejectCreate(env, {
      members: [member(B, ['CAN_QUERY'], pays(false)), member(C, [], pays(false))],
    })
    expect(error.body.reason).toBe('INVALID_CONFIGURATION')
    expect(error.body.fieldList?.map((f) => f.name)).toEqual([
      'members.0.paymentConfiguration.queryCompute.isResponsible',
    ])
    expect(error.message).toMatch(/cannot be set false unless another participant is set true/)
  })

  it('R-PAY-2: accepts the querier set false while another participant is set true (decision: the payer moved)', () => {
    const env = setup()
    const id = newCollaboration(env, {
      creatorMemberAbilities: ['CAN_QUERY'],
      creatorPaymentConfiguration: pays(false),
      members: [member(B, [], pays(true))],
    })
    expect(shownPayments(env, id)).toEqual({ [CREATOR]: pays(false), [B]: pays(true) })
  })
})

/** For each category: the participant that holds its default-payer ability (B), and a plain member (C). */
const abilityOf = (category: PaymentCategory): MemberAbility => category.defaultPayerAbility ?? 'CAN_QUERY'

/** A creator-set configuration with `category` set to `value`, and queryCompute kept consistent. */
function setting(category: PaymentCategory, value: boolean, queryCompute: boolean): PaymentConfiguration {
  if (category.key === 'queryCompute') return pays(value)
  const config: Record<string, unknown> = { queryCompute: { isResponsible: queryCompute } }
  if (category.group === undefined) config[category.member] = { isResponsible: value }
  else config[category.group] = { [category.member]: { isResponsible: value } }
  return config as PaymentConfiguration
}

/** `{ …category: { isResponsible } }` as a plain object to compare with outputs. */
function flag(category: PaymentCategory, value: boolean): Record<string, unknown> {
  if (category.group === undefined) return { [category.member]: { isResponsible: value } }
  return { [category.group]: { [category.member]: { isResponsible: value } } }
}

describe.each(PAYMENT_CATEGORIES.map((category) => [category.key, category] as const))(
  'who pays for %s (the same table drives every category)',
  (_key, category) => {
    const ability = abilityOf(category)
    const bQueries = ability === 'CAN_QUERY'

    it('R-PAY-1: rejects two participants set true', () => {
      const env = setup()
      const error = rejectCreate(env, {
        members: [
          member(B, [ability], setting(category, true, bQueries)),
          member(C, [], setting(category, true, false)),
        ],
      })
      expect(error.body.reason).toBe('INVALID_CONFIGURATION')
      expect(error.body.fieldList?.map((f) => f.name)).toContain(
        `members.1.paymentConfiguration.${category.key}.isResponsible`,
      )
    })

    it('R-PAY-3: another member set true pays; everyone else is shown false', () => {
      const env = setup()
      const id = newCollaboration(env, {
        members: [member(B, [ability]), member(C, [], setting(category, true, false))],
      })
      const shown = shownPayments(env, id)
      expect(shown[C]).toMatchObject(flag(category, true))
      expect(shown[B]).toMatchObject(flag(category, false))
      expect(shown[CREATOR]).toMatchObject(flag(category, false))
    })

    it('R-PAY-2: the default payer set false while another is set true: accepted, the other pays', () => {
      const env = setup()
      const id = newCollaboration(env, {
        members: [
          member(B, [ability], setting(category, false, bQueries)),
          member(C, [], setting(category, true, false)),
        ],
      })
      expect(shownPayments(env, id)[C]).toMatchObject(flag(category, true))
    })

    if (category.defaultPayerAbility !== undefined) {
      it(`R-PAY-2: nobody set true: the participant with ${category.defaultPayerAbility} pays by default`, () => {
        const env = setup()
        // C's explicit false puts the category in play without choosing a payer.
        const id = newCollaboration(env, {
          members: [member(B, [ability]), member(C, [], setting(category, false, false))],
        })
        const shown = shownPayments(env, id)
        expect(shown[B]).toMatchObject(flag(category, true))
        expect(shown[C]).toMatchObject(flag(category, false))
      })

      it('R-PAY-2: rejects the default payer set false while nobody is set true', () => {
        const env = setup()
        const error = rejectCreate(env, {
          members: [member(B, [ability], setting(category, false, bQueries)), member(C)],
        })
        expect(error.body.fieldList?.map((f) => f.name)).toEqual([
          `members.0.paymentConfiguration.${category.key}.isResponsible`,
        ])
      })
    } else {
      it('R-PAY-2: no default payer: everyone set false is accepted and nobody pays', () => {
        const env = setup()
        const id = newCollaboration(env, {
          members: [
            member(B, [ability], setting(category, false, bQueries)),
            member(C, [], setting(category, false, false)),
          ],
        })
        const shown = shownPayments(env, id)
        for (const account of [CREATOR, B, C]) expect(shown[account]).toMatchObject(flag(category, false))
      })
    }

    it('R-PAY-4: a payer that sends false is rejected; one that sends true joins and the membership says so', () => {
      const env = setup()
      const id = newCollaboration(env, {
        members: [member(B, [ability]), member(C, [], setting(category, true, false))],
      })
      const error = expectRejected(
        env.store,
        () => join(env, C, id, { paymentConfiguration: setting(category, false, false) }),
        ValidationException,
      )
      expect(error.body.reason).toBe('INVALID_CONFIGURATION')
      expect(error.body.fieldList?.map((f) => f.name)).toEqual([
        `paymentConfiguration.${category.key}.isResponsible`,
      ])
      expect(error.message).toMatch(/is responsible for paying/)
      const membership = join(env, C, id, { paymentConfiguration: setting(category, true, false) })
      expect(membership.paymentConfiguration).toMatchObject(flag(category, true))
    })

    it('R-PAY-4: a non-payer that claims true is rejected', () => {
      const env = setup()
      const id = newCollaboration(env, {
        members: [member(B, [ability]), member(C, [], setting(category, true, false))],
      })
      const error = expectRejected(
        env.store,
        () => join(env, B, id, { paymentConfiguration: setting(category, true, bQueries) }),
        ValidationException,
      )
      expect(error.message).toMatch(/is not responsible for paying .* \(account 333333333333 is\)/)
    })

    it('R-PAY-5: a payer without the default-payer ability must send the category; leaving it out is rejected', () => {
      const env = setup()
      const id = newCollaboration(env, {
        members: [member(B, [ability]), member(C, [], setting(category, true, false))],
      })
      const error = expectRejected(env.store, () => join(env, C, id), ValidationException)
      expect(error.body.fieldList?.map((f) => f.name)).toEqual([
        `paymentConfiguration.${category.key}.isResponsible`,
      ])
      expect(error.message).toMatch(/must accept by sending/)
    })

    it('R-PAY-5: a non-payer may leave the block out; the membership still holds the category as false', () => {
      const env = setup()
      const id = newCollaboration(env, {
        members: [member(B, [ability]), member(C, [], setting(category, true, false))],
      })
      expect(join(env, CREATOR, id).paymentConfiguration).toMatchObject(flag(category, false))
    })
  },
)

describe('who pays: in play, joining, never changing', () => {
  it('R-PAY-3: machine-learning categories nobody set are not in play, even with a querier', () => {
    const env = setup()
    const id = newCollaboration(env, { members: [member(B, ['CAN_QUERY'])] })
    expect(shownPayments(env, id)[B]).toEqual(pays(true))
  })

  it('R-PAY-3: jobCompute is in play once someone can run jobs; its holder pays by default', () => {
    const env = setup()
    const id = newCollaboration(env, { members: [member(B, ['CAN_QUERY']), member(C, ['CAN_RUN_JOB'])] })
    expect(shownPayments(env, id)).toEqual({
      [CREATOR]: { queryCompute: { isResponsible: false }, jobCompute: { isResponsible: false } },
      [B]: { queryCompute: { isResponsible: true }, jobCompute: { isResponsible: false } },
      [C]: { queryCompute: { isResponsible: false }, jobCompute: { isResponsible: true } },
    })
  })

  it('R-PAY-5: the querier that pays by default may join without a payment block; the membership shows it pays', () => {
    const env = setup()
    const id = newCollaboration(env, { members: [member(B, ['CAN_QUERY'])] })
    expect(join(env, B, id).paymentConfiguration).toEqual(pays(true))
  })

  it('R-PAY-5: the querier may also send the block, with true', () => {
    const env = setup()
    const id = newCollaboration(env, { members: [member(B, ['CAN_QUERY'])] })
    expect(join(env, B, id, { paymentConfiguration: pays(true) }).paymentConfiguration).toEqual(pays(true))
  })

  it('R-PAY-4: the querier that pays by default is rejected when it sends false', () => {
    const env = setup()
    const id = newCollaboration(env, { members: [member(B, ['CAN_QUERY'])] })
    expectRejected(
      env.store,
      () => join(env, B, id, { paymentConfiguration: pays(false) }),
      ValidationException,
    )
  })

  it('R-PAY-5: a querier relieved of paying may leave the block out or send false', () => {
    const env = setup()
    const id = newCollaboration(env, { members: [member(B, ['CAN_QUERY']), member(C, [], pays(true))] })
    expect(join(env, B, id).paymentConfiguration).toEqual(pays(false))
    expect(join(env, C, id, { paymentConfiguration: pays(true) }).paymentConfiguration).toEqual(pays(true))
  })

  it('R-PAY-5: a category not in play cannot be claimed true by a non-payer; a false claim is stored', () => {
    const env = setup()
    const id = newCollaboration(env, { members: [member(B, ['CAN_QUERY']), member(C)] })
    const error = expectRejected(
      env.store,
      () =>
        join(env, C, id, {
          paymentConfiguration: {
            queryCompute: { isResponsible: false },
            jobCompute: { isResponsible: true },
          },
        }),
      ValidationException,
    )
    expect(error.body.fieldList?.map((f) => f.name)).toEqual([
      'paymentConfiguration.jobCompute.isResponsible',
    ])
    const membership = join(env, C, id, {
      paymentConfiguration: {
        queryCompute: { isResponsible: false },
        machineLearning: { modelTraining: { isResponsible: false } },
      },
    })
    expect(membership.paymentConfiguration).toEqual({
      queryCompute: { isResponsible: false },
      machineLearning: { modelTraining: { isResponsible: false } },
    })
  })

  it('R-PAY-3, R-PAY-5: the querier accepts model training and inference nobody named; the membership holds them', () => {
    const env = setup()
    const id = newCollaboration(env, { members: [member(B, ['CAN_QUERY']), member(C)] })
    const accepted = {
      queryCompute: { isResponsible: true },
      machineLearning: { modelTraining: { isResponsible: true }, modelInference: { isResponsible: true } },
    }
    expect(join(env, B, id, { paymentConfiguration: accepted }).paymentConfiguration).toEqual(accepted)
    // Not in play: ListMembers still shows queryCompute alone.
    expect(shownPayments(env, id)[B]).toEqual(pays(true))
  })

  it('R-PAY-4: the querier may not decline model training nobody named, and nobody else may claim it', () => {
    const env = setup()
    const id = newCollaboration(env, { members: [member(B, ['CAN_QUERY']), member(C)] })
    const declined = expectRejected(
      env.store,
      () =>
        join(env, B, id, {
          paymentConfiguration: {
            queryCompute: { isResponsible: true },
            machineLearning: { modelTraining: { isResponsible: false } },
          },
        }),
      ValidationException,
    )
    expect(declined.body.fieldList?.map((f) => f.name)).toEqual([
      'paymentConfiguration.machineLearning.modelTraining.isResponsible',
    ])
    expect(declined.message).toMatch(
      `Account ${B} is responsible for paying for machineLearning.modelTraining`,
    )
    const claimed = expectRejected(
      env.store,
      () =>
        join(env, C, id, {
          paymentConfiguration: {
            queryCompute: { isResponsible: false },
            machineLearning: { modelInference: { isResponsible: true } },
          },
        }),
      ValidationException,
    )
    expect(claimed.message).toMatch(`(account ${B} is)`)
  })

  it('R-PAY-5: the stored membership is complete for every category in play whatever was sent', () => {
    const env = setup()
    const id = newCollaboration(env, {
      members: [
        member(B, ['CAN_QUERY', 'CAN_RUN_JOB'], {
          queryCompute: { isResponsible: true },
          machineLearning: { modelInference: { isResponsible: true } },
        }),
      ],
    })
    expect(join(env, B, id).paymentConfiguration).toEqual({
      queryCompute: { isResponsible: true },
      jobCompute: { isResponsible: true },
      machineLearning: { modelInference: { isResponsible: true } },
    })
  })

  it('R-PAY-6: UpdateMembership never changes the payment configuration, even when sent one', () => {
    const env = setup()
    const id = newCollaboration(env, { members: [member(B, ['CAN_QUERY'])] })
    const membership = join(env, B, id)
    const input = {
      membershipIdentifier: membership.id,
      membershipPaymentConfiguration: { queryCompute: { isResponsible: false } },
    } as UpdateMembershipInput
    const updated = updateMembership(env.store, env.as(B), input, env.deps).membership
    expect(updated.paymentConfiguration).toEqual(pays(true))
    expect(shownPayments(env, id)[B]).toEqual(pays(true))
  })
})
