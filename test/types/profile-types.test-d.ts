/**
 * Types per model profile (RULES.md R-MODEL-1): `cleanrooms-mock/types` is the default profile's,
 * `cleanrooms-mock/types/<date>` each profile's own, through the package's export map.
 */

import type * as Default from 'cleanrooms-mock/types'
import type * as V20231114 from 'cleanrooms-mock/types/2023-11-14'
import type * as V20260417 from 'cleanrooms-mock/types/2026-04-17'
import type * as V20260727 from 'cleanrooms-mock/types/2026-07-27'
import { describe, expectTypeOf, it } from 'vitest'

describe('cleanrooms-mock/types per profile', () => {
  it('the default entry and the 2026-04-17 entry are the same types', () => {
    expectTypeOf<V20260417.CreateCollaborationInput>().toEqualTypeOf<Default.CreateCollaborationInput>()
  })

  it('2023-11-14: queryCompute is the only payment category', () => {
    expectTypeOf<keyof V20231114.PaymentConfiguration>().toEqualTypeOf<'queryCompute'>()
    expectTypeOf<V20231114.MemberAbility>().toEqualTypeOf<'CAN_QUERY' | 'CAN_RECEIVE_RESULTS'>()
  })

  it('2026-07-27: description is optional and UpdateMembership takes membershipPaymentConfiguration', () => {
    expectTypeOf<Default.CreateCollaborationInput['description']>().toEqualTypeOf<string>()
    expectTypeOf<V20260727.CreateCollaborationInput['description']>().toEqualTypeOf<string | undefined>()
    expectTypeOf<V20260727.UpdateMembershipInput>().toHaveProperty('membershipPaymentConfiguration')
    expectTypeOf<V20260727.UpdateMembershipPaymentConfiguration>().toHaveProperty('queryCompute')
  })
})
