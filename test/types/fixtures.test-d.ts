/** `cleanrooms-mock/fixtures`: values typed by the model's generated types, through the package's export map. */

import { createFixtures, sample } from 'cleanrooms-mock/fixtures'
import type * as Default from 'cleanrooms-mock/types'
import type * as V20231114 from 'cleanrooms-mock/types/2023-11-14'
import type * as V20260727 from 'cleanrooms-mock/types/2026-07-27'
import { describe, expectTypeOf, it } from 'vitest'

describe('cleanrooms-mock/fixtures types', () => {
  it('types a value by the default model, or by the model asked for', () => {
    expectTypeOf(
      createFixtures().sample('CreateMembershipInput'),
    ).toEqualTypeOf<Default.CreateMembershipInput>()
    expectTypeOf(
      createFixtures({ model: '2023-11-14' }).sample('PaymentConfiguration'),
    ).toEqualTypeOf<V20231114.PaymentConfiguration>()
    expectTypeOf(
      sample('UpdateMembershipPaymentConfiguration', { model: '2026-07-27', seed: 2 }),
    ).toEqualTypeOf<V20260727.UpdateMembershipPaymentConfiguration>()
  })

  it('knows which shapes a model has, and types overrides by the shape', () => {
    // @ts-expect-error: 2023-11-14 has no AnalyticsEngine
    createFixtures({ model: '2023-11-14' }).sample('AnalyticsEngine')
    createFixtures().sample('Membership', { id: '00000000-0000-4000-8000-000000000000' })
    // @ts-expect-error: Membership has no member `nope`
    createFixtures().sample('Membership', { nope: 1 })
    // @ts-expect-error: a string shape takes no overrides
    createFixtures().sample('AccountId', { length: 1 })
  })
})
