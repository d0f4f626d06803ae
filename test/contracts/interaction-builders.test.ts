/** The matcher each spec shape gets in a pact, and how the builders treat examples that break the spec. */
import path from 'node:path'
import { MatchersV3 } from '@pact-foundation/pact'
import { describe, expect, it } from 'vitest'
import { authorizationMatcher } from '../../contracts/builders/authorization-matcher.ts'
import { pactCanRun, shapePlansOf } from '../../contracts/builders/shape-plan.ts'
import { toPactTemplate } from '../../contracts/builders/to-pact-template.ts'
import { shapePlans } from '../../contracts/generated/interactions.ts'
import { buildSchemaTable } from '../../generator/emit/schema-table.ts'
import { loadSpec } from '../../generator/load.ts'
import { transformSpec } from '../../generator/transform/spec-to-ir.ts'

const root = path.resolve(import.meta.dirname, '../..')
const ir = transformSpec(await loadSpec(path.join(root, 'spec/cleanrooms.openapi.json')))
const plans = shapePlansOf(buildSchemaTable(ir))
const UUID = '5b2d7c1a-3e4f-4a6b-9c8d-7e6f5a4b3c2d'

describe('shape plans from the spec', () => {
  it('matches ids and ARNs by the spec pattern, enums by their values, timestamps as numbers', () => {
    expect(plans['UUID']).toEqual({ kind: 'regex', pattern: ir.schemas['UUID']?.pattern })
    expect(plans['MembershipArn']).toMatchObject({ kind: 'regex' })
    expect(plans['MemberAbility']).toEqual({
      kind: 'enum',
      values: ['CAN_QUERY', 'CAN_RECEIVE_RESULTS', 'CAN_RUN_JOB'],
    })
    expect(plans['Membership']).toMatchObject({ members: { createTime: { kind: 'timestamp' }, id: 'UUID' } })
    expect(plans['MemberAbilities']).toEqual({ kind: 'list', item: 'MemberAbility' })
  })

  it('pins the payer flag exactly and matches other booleans by type', () => {
    expect(plans['MembershipQueryComputePaymentConfig']).toEqual({
      kind: 'object',
      members: { isResponsible: { kind: 'boolean', exact: true } },
    })
    expect(plans['Membership']).toMatchObject({ members: { isMetricsEnabled: { kind: 'boolean' } } })
  })

  it('falls back to type matching for patterns Pact cannot run (look-around, surrogate escapes)', () => {
    expect(pactCanRun(ir.schemas['DisplayName']?.pattern ?? '')).toBe(false)
    expect(plans['DisplayName']).toEqual({ kind: 'string' })
    expect(pactCanRun(ir.schemas['AccountId']?.pattern ?? '')).toBe(true)
  })

  it('is what contracts/generated/interactions.ts holds', () => {
    expect(shapePlans).toEqual(plans)
  })
})

describe('toPactTemplate', () => {
  it('wraps a response example in the matchers its shapes imply', () => {
    const template = toPactTemplate(
      {
        membership: {
          id: UUID,
          createTime: 1_700_000_000.5,
          paymentConfiguration: { queryCompute: { isResponsible: true } },
        },
      },
      'GetMembershipOutput',
      plans,
      'response',
      'GetMembershipOutput',
    )
    expect(template).toEqual({
      membership: {
        id: MatchersV3.regex(ir.schemas['UUID']?.pattern ?? '', UUID),
        createTime: MatchersV3.number(1_700_000_000.5),
        paymentConfiguration: { queryCompute: { isResponsible: MatchersV3.equal(true) } },
      },
    })
  })

  it('uses eachLike for a one-element list and keeps several elements in order', () => {
    expect(toPactTemplate(['CAN_QUERY'], 'MemberAbilities', plans, 'response', 'x')).toEqual(
      MatchersV3.eachLike(MatchersV3.regex('^(CAN_QUERY|CAN_RECEIVE_RESULTS|CAN_RUN_JOB)$', 'CAN_QUERY'), 1),
    )
    const two = toPactTemplate(
      ['CAN_QUERY', 'CAN_RECEIVE_RESULTS'],
      'MemberAbilities',
      plans,
      'response',
      'x',
    )
    expect(Array.isArray(two) && two.length).toBe(2)
  })

  it('refuses a response example the provider could never send, naming the member', () => {
    expect(() =>
      toPactTemplate(
        { membership: { createTime: '2024-01-01T00:00:00Z' } },
        'GetMembershipOutput',
        plans,
        'response',
        'out',
      ),
    ).toThrow(/out\.membership\.createTime must be epoch seconds/)
    expect(() =>
      toPactTemplate({ membership: { idd: UUID } }, 'GetMembershipOutput', plans, 'response', 'out'),
    ).toThrow(/out\.membership\.idd is not a member/)
  })

  it('keeps a request value that breaks the spec exactly, so a contract can expect a ValidationException', () => {
    expect(toPactTemplate('not-a-uuid', 'UUID', plans, 'request', 'id')).toEqual(
      MatchersV3.equal('not-a-uuid'),
    )
  })

  it("keeps the consumer's own matchers", () => {
    const own = MatchersV3.equal('222222222222')
    expect(toPactTemplate(own, 'AccountId', plans, 'response', 'accountId')).toBe(own)
  })
})

describe('authorizationMatcher', () => {
  it('accepts any SigV4 header of the pinned account and no other account', () => {
    const matcher = authorizationMatcher('222222222222')
    const pattern = new RegExp(matcher.regex)
    const header = (akid: string) =>
      `AWS4-HMAC-SHA256 Credential=${akid}/20250101/eu-west-1/cleanrooms/aws4_request, SignedHeaders=host;x-amz-date, Signature=${'ab'.repeat(32)}`
    expect(pattern.test(matcher.value as string)).toBe(true)
    expect(pattern.test(header('222222222222'))).toBe(true)
    expect(pattern.test(header('111111111111'))).toBe(false)
    expect(() => authorizationMatcher('AKIDEXAMPLE')).toThrow(/12-digit/)
  })
})
