/** Type-level: provider state names, their parameters and the values stateValue reads come from the catalogue. */
import { PactV4 } from '@pact-foundation/pact'
import { describe, expectTypeOf, it } from 'vitest'
import {
  EXAMPLE_IDS,
  getMembership,
  listMembers,
  STATES,
  type StateName,
  type StateParamsOf,
  type StateValueName,
  stateValue,
} from '../../contracts/index.ts'

const pact = new PactV4({ consumer: 'Types', provider: 'CleanRoomsMock' })
const account = '111111111111'
const request = { collaborationIdentifier: EXAMPLE_IDS.collaborationId }

describe('typed provider states', () => {
  it('name every catalogued state in one union', () => {
    expectTypeOf<StateName>().toEqualTypeOf<(typeof STATES)[keyof typeof STATES]>()
    expectTypeOf(
      STATES.paidCollaboration,
    ).toEqualTypeOf<'a collaboration where {payerAccountId} pays for queries'>()
  })

  it('refuse a state name the catalogue does not have', () => {
    // @ts-expect-error not a catalogued state (a typo of 'no collaborations exist')
    listMembers(pact, { state: 'no collaboration exists', account, request })
    // @ts-expect-error same in the list form
    listMembers(pact, { state: [{ name: 'a collaboration where nobody pays' }], account, request })
  })

  it('type each state parameter, and refuse one the state does not take', () => {
    listMembers(pact, {
      state: STATES.paidCollaboration,
      stateParams: { payerAccountId: '222222222222', region: 'us-east-1' },
      account,
      request,
    })
    listMembers(pact, {
      state: STATES.paidCollaboration,
      // @ts-expect-error payerAccount is a typo of payerAccountId
      stateParams: { payerAccount: '222222222222' },
      account,
      request,
    })
    listMembers(pact, {
      state: STATES.collaborationWithMembers,
      // @ts-expect-error memberCount is a number
      stateParams: { memberCount: '4' },
      account,
      request,
    })
    // @ts-expect-error the empty state takes no parameters
    listMembers(pact, { state: STATES.empty, stateParams: { region: 'us-east-1' }, account, request })
    expectTypeOf<StateParamsOf<typeof STATES.collaborationWithMembers>>().toEqualTypeOf<{
      memberCount?: number
      pageSize?: number
      creatorAccountId?: string
      region?: string
    }>()
  })

  it('let stateValue read only the names some state returns', () => {
    expectTypeOf<StateValueName>().toEqualTypeOf<
      'collaborationId' | 'collaborationArn' | 'membershipId' | 'membershipArn' | 'nextToken'
    >()
    getMembership(pact, {
      state: STATES.activeMembership,
      account,
      request: { membershipIdentifier: stateValue('membershipId', EXAMPLE_IDS.membershipId) },
    })
    // @ts-expect-error membershipID is a typo of membershipId
    stateValue('membershipID', EXAMPLE_IDS.membershipId)
  })
})
