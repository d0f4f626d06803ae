/** Model profiles (RULES.md R-MODEL-1, R-MODEL-2): choosing one, refusing others, and snapshots that carry it. */
import { describe, expect, it } from 'vitest'
import { PROFILE_SOURCES } from '../../generator/profiles.ts'
import { DEFAULT_RULES } from '../../mocks/domain/profile-rules.ts'
import { createCleanRoomsMock, DEFAULT_MODEL, MODELS, type ModelName } from '../../mocks/index.ts'
import { PROFILES, profileFor, rulesFromShapes } from '../../mocks/profiles.ts'
import { shapes } from '../../mocks/schema/default.ts'
import { A, B } from '../support/accounts.ts'

describe('model profiles (R-MODEL-1)', () => {
  it('R-MODEL-1: the default profile is 2026-04-17; each profile is chosen by its date', () => {
    expect(createCleanRoomsMock().model).toBe('2026-04-17')
    expect(DEFAULT_MODEL).toBe('2026-04-17')
    for (const model of MODELS) expect(createCleanRoomsMock({ model }).model).toBe(model)
  })

  it('R-MODEL-1: an unknown profile is a TypeError that lists the profiles', () => {
    expect(() => createCleanRoomsMock({ model: '2024-01-01' as ModelName })).toThrow(
      new TypeError(
        'unknown model profile "2024-01-01"; the profiles are 2023-11-14, 2026-04-17, 2026-07-27',
      ),
    )
  })

  it('R-MODEL-1: a snapshot records its profile; restoring it into a mock of another profile is refused and changes nothing', () => {
    const old = createCleanRoomsMock({ model: '2023-11-14' })
    old.seed.collaboration({
      creator: { accountId: A, abilities: ['CAN_QUERY'] },
      members: [{ accountId: B }],
    })
    const snapshot = old.snapshot()
    expect(snapshot.model).toBe('2023-11-14')

    const current = createCleanRoomsMock()
    const before = current.snapshot()
    expect(() => current.restore(snapshot)).toThrow(
      /belongs to model profile 2023-11-14; this mock follows 2026-04-17/,
    )
    expect(current.snapshot()).toEqual(before)

    const same = createCleanRoomsMock({ model: '2023-11-14' })
    same.restore(snapshot)
    expect(same.snapshot()).toEqual(snapshot)
  })

  it('R-MODEL-1: a snapshot without a profile (written before profiles) belongs to the default profile', () => {
    const { model: _model, ...legacy } = createCleanRoomsMock().snapshot()
    createCleanRoomsMock().restore(legacy)
    expect(() => createCleanRoomsMock({ model: '2026-07-27' }).restore(legacy)).toThrow(
      /belongs to model profile 2026-04-17; this mock follows 2026-07-27/,
    )
  })

  it("R-MODEL-2: each profile's payment categories and payer rule come from its own model", () => {
    const keys = (model: ModelName) => profileFor(model).rules.categories.map((category) => category.key)
    expect(keys('2023-11-14')).toEqual(['queryCompute'])
    expect(keys('2026-07-27')).toEqual(keys('2026-04-17'))
    expect(keys('2026-04-17')).toHaveLength(5)
    expect(profileFor('2023-11-14').rules.maxPayersPerCategory).toBe(1)
    expect(profileFor('2026-07-27').rules.maxPayersPerCategory).toBeUndefined()
    expect(profileFor('2026-07-27').rules.paymentUpdatable).toBe(true)
  })

  it("R-MODEL-2: the default profile's rules are what its generated shape table says, as for every other profile", () => {
    expect(PROFILES['2026-04-17'].rules).toBe(DEFAULT_RULES)
    expect(rulesFromShapes('2026-04-17', shapes)).toEqual(DEFAULT_RULES)
  })

  it("the generator's profiles (generator/profiles.ts) and the runtime's (mocks/profiles.ts) are the same dates", () => {
    expect(PROFILE_SOURCES.map((source) => source.model)).toEqual([...MODELS])
    expect(PROFILE_SOURCES.filter((source) => source.out === undefined).map((s) => s.model)).toEqual([
      DEFAULT_MODEL,
    ])
    for (const source of PROFILE_SOURCES) {
      if (source.out !== undefined) expect(source.out).toBe(`mocks/generated/${source.model}`)
    }
  })
})
