/** Type-level: the Pact builders accept only what the spec allows for each operation. */
import { MatchersV3, PactV4 } from '@pact-foundation/pact'
import { describe, expectTypeOf, it } from 'vitest'
import {
  conflict,
  createMembership,
  getMembership,
  listMembers,
  type PactInteraction,
  resourceNotFound,
  validationException,
} from '../../contracts/index.ts'

const pact = new PactV4({ consumer: 'Types', provider: 'CleanRoomsMock' })
const account = '111111111111'
const id = '5b2d7c1a-3e4f-4a6b-9c8d-7e6f5a4b3c2d'

describe('contract builders', () => {
  it('take the operation input as the request, and return the interaction', () => {
    expectTypeOf(
      createMembership(pact, {
        account,
        request: { collaborationIdentifier: id, queryLogStatus: 'DISABLED' },
      }),
    ).toEqualTypeOf<PactInteraction>()
  })

  it('refuse a request missing a required member, with an unknown member, or a wrong enum value', () => {
    // @ts-expect-error queryLogStatus is required by CreateMembershipInput
    createMembership(pact, { account, request: { collaborationIdentifier: id } })
    createMembership(pact, {
      account,
      // @ts-expect-error queryLogStatuss is not a member
      request: { collaborationIdentifier: id, queryLogStatuss: 'DISABLED' },
    })
    createMembership(pact, {
      account,
      // @ts-expect-error PAUSED is not a MembershipQueryLogStatus
      request: { collaborationIdentifier: id, queryLogStatus: 'PAUSED' },
    })
  })

  it('take a deep-partial of the output as the response, with matchers anywhere', () => {
    getMembership(pact, {
      account,
      request: { membershipIdentifier: id },
      response: { membership: { id: MatchersV3.equal(id), paymentConfiguration: { queryCompute: {} } } },
    })
    getMembership(pact, {
      account,
      request: { membershipIdentifier: id },
      // @ts-expect-error createTime is epoch seconds, a number
      response: { membership: { createTime: '2024-01-01T00:00:00Z' } },
    })
  })

  it('take only errors the operation declares', () => {
    getMembership(pact, {
      account,
      request: { membershipIdentifier: id },
      error: resourceNotFound('MEMBERSHIP'),
    })
    // @ts-expect-error GetMembership declares no ConflictException
    getMembership(pact, { account, request: { membershipIdentifier: id }, error: conflict('ALREADY_EXISTS') })
    listMembers(pact, {
      account,
      request: { collaborationIdentifier: id },
      error: validationException('FIELD_VALIDATION_FAILED'),
    })
    // @ts-expect-error not a ValidationExceptionReason
    validationException('PAYER_MISSING')
  })

  it('refuse a response and an error together', () => {
    // @ts-expect-error either a response or an error, not both
    getMembership(pact, {
      account,
      request: { membershipIdentifier: id },
      response: {},
      error: resourceNotFound('MEMBERSHIP'),
    })
  })
})
