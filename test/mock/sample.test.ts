/** mock.seed.sample (docs/sample.md): deterministic, realistic, valid in every model profile, made by the operations. */
import { describe, expect, it } from 'vitest'
import type { CollaborationRecord, MembershipRecord } from '../../mocks/domain/index.ts'
import { createStore } from '../../mocks/domain/index.ts'
import { readResponsibility } from '../../mocks/domain/payment-categories.ts'
import {
  createCleanRoomsMock,
  MAX_SAMPLE_COLLABORATIONS,
  MODELS,
  type MockSnapshot,
  type ModelName,
} from '../../mocks/index.ts'
import { profileFor } from '../../mocks/profiles.ts'
import { sampleMock } from '../../mocks/sample/sample-mock.ts'
import { T0 } from '../support/accounts.ts'

/** A mock whose ids and times are fixed: what "the same snapshot for the same seed" is measured against. */
function fixedMock(model?: ModelName) {
  return createCleanRoomsMock({ ...(model === undefined ? {} : { model }), seed: 42, clock: () => T0 })
}

function records(snapshot: MockSnapshot, region = 'us-east-1') {
  const state = snapshot.regions[region]
  return {
    collaborations: Object.values(state?.collaborations ?? {}) as CollaborationRecord[],
    memberships: Object.values(state?.memberships ?? {}) as MembershipRecord[],
  }
}

describe('mock.seed.sample', () => {
  it('is deterministic: the same seed, mock seed and clock give the same snapshot; another seed another one', () => {
    const one = fixedMock()
    const two = fixedMock()
    const result = one.seed.sample({ collaborations: 30, seed: 7 })
    expect(two.seed.sample({ collaborations: 30, seed: 7 })).toEqual(result)
    expect(two.snapshot()).toEqual(one.snapshot())

    const other = fixedMock()
    other.seed.sample({ collaborations: 30, seed: 8 })
    expect(records(other.snapshot()).collaborations.map((c) => c.name)).not.toEqual(
      records(one.snapshot()).collaborations.map((c) => c.name),
    )
  })

  it('makes the collaborations asked for, each with a creator and members, some joined and some still INVITED', () => {
    const mock = fixedMock()
    const result = mock.seed.sample({ collaborations: 25, seed: 3 })
    const { collaborations, memberships } = records(mock.snapshot())
    expect(result.collaborations).toHaveLength(25)
    expect(collaborations).toHaveLength(25)
    const statuses = collaborations.flatMap((c) => c.participants.map((p) => p.status))
    expect(statuses).toContain('ACTIVE')
    expect(statuses).toContain('INVITED')
    expect(new Set(statuses)).toEqual(new Set(['ACTIVE', 'INVITED']))
    for (const sampled of result.collaborations) {
      const record = collaborations.find((c) => c.id === sampled.collaborationId)
      expect(record?.participants.length).toBeGreaterThanOrEqual(2)
      expect(record?.creatorAccountId).toBe(sampled.creatorAccountId)
      expect(Object.keys(sampled.membershipIds).length + sampled.invited.length).toBe(
        record?.participants.length,
      )
    }
    // Every membership is ACTIVE and linked from its participant (CreateMembership made it).
    expect(memberships.length).toBe(result.accounts.reduce((sum, account) => sum + account.memberships, 0))
    expect(memberships.every((m) => m.status === 'ACTIVE')).toBe(true)
  })

  it('has a few busy accounts in many collaborations, each with one company-like name everywhere', () => {
    const mock = fixedMock()
    const result = mock.seed.sample({ collaborations: 50 })
    const [busiest] = result.accounts
    expect(busiest?.collaborations).toBeGreaterThanOrEqual(20)
    expect(busiest?.memberships).toBeGreaterThanOrEqual(12)
    const names = new Map<string, Set<string>>()
    for (const collaboration of records(mock.snapshot()).collaborations) {
      expect(collaboration.name).toMatch(/^(Q\d|H\d|Spring|Summer|Autumn|Holiday) [A-Z][\w -]+ - /)
      expect(collaboration.name.endsWith(` - ${collaboration.creatorDisplayName}`)).toBe(true)
      expect(collaboration.description).toMatch(/\.$/)
      for (const participant of collaboration.participants) {
        const seen = names.get(participant.accountId) ?? new Set()
        seen.add(participant.displayName)
        names.set(participant.accountId, seen)
        expect(participant.displayName).not.toMatch(/Account \d/)
      }
    }
    for (const seen of names.values()) expect(seen.size).toBe(1)
    expect(new Set(result.accounts.map((account) => account.displayName)).size).toBe(result.accounts.length)
  })

  it('varies abilities: one querier at most per collaboration, result receivers, data contributors', () => {
    const mock = fixedMock()
    mock.seed.sample({ collaborations: 40, seed: 5 })
    const participants = records(mock.snapshot()).collaborations.flatMap((c) => c.participants)
    const abilitySets = new Set(participants.map((p) => [...p.abilities].sort().join('+')))
    expect(abilitySets).toContain('')
    expect(abilitySets).toContain('CAN_QUERY+CAN_RECEIVE_RESULTS')
    expect(abilitySets).toContain('CAN_RECEIVE_RESULTS')
    expect(participants.some((p) => p.abilities.includes('CAN_RUN_JOB'))).toBe(true)
  })

  it('makes the accounts it is given the busy ones, in more collaborations than any other', () => {
    const mine = ['111111111111', '222222222222']
    for (const model of MODELS) {
      const mock = fixedMock(model)
      const result = mock.seed.sample({ collaborations: 30, accounts: mine })
      expect(
        result.accounts
          .slice(0, 2)
          .map((account) => account.accountId)
          .sort(),
      ).toEqual(mine)
      const others = result.accounts.slice(2).map((account) => account.collaborations)
      for (const account of result.accounts.slice(0, 2)) {
        expect(account.collaborations).toBeGreaterThanOrEqual(10)
        expect(account.collaborations).toBeGreaterThan(Math.max(...others))
      }
      createCleanRoomsMock({ model }).restore(mock.snapshot())
    }
  })

  describe.each(MODELS)('model %s', (model) => {
    it('R-MODEL-2: the state passes the deep snapshot check of its own profile, for many seeds', () => {
      for (let seed = 1; seed <= 12; seed++) {
        const mock = fixedMock(model)
        mock.seed.sample({ collaborations: 15, seed })
        const snapshot = mock.snapshot()
        const fresh = createCleanRoomsMock({ model })
        fresh.restore(snapshot)
        expect(fresh.snapshot()).toEqual(snapshot)
      }
    })

    it("R-PAY-3: a creator-set payer in every payment category of the profile, and only the profile's", () => {
      const mock = fixedMock(model)
      mock.seed.sample({ collaborations: 20, seed: 2 })
      const { collaborations } = records(mock.snapshot())
      const { categories } = profileFor(model).rules
      for (const category of categories) {
        const named = collaborations.some((c) =>
          c.participants.some((p) => readResponsibility(p.paymentConfiguration, category) === true),
        )
        expect(named, `${category.key} has a creator-set payer`).toBe(true)
        expect(collaborations.some((c) => c.payers[category.key] !== undefined)).toBe(true)
      }
      const inPlay = new Set(collaborations.flatMap((c) => Object.keys(c.payers)))
      expect([...inPlay].sort()).toEqual(categories.map((category) => category.key).sort())
    })
  })

  it('R-CAND-1: on 2026-07-27 some categories have several payer candidates; elsewhere never', () => {
    const candidates = (model: ModelName) => {
      const mock = fixedMock(model)
      mock.seed.sample({ collaborations: 50 })
      return records(mock.snapshot()).collaborations.filter((c) => c.payerCandidates !== undefined)
    }
    expect(candidates('2026-07-27').length).toBeGreaterThan(0)
    expect(candidates('2026-04-17')).toEqual([])
    expect(candidates('2023-11-14')).toEqual([])
  })

  it('spreads creation over the 30 days before the clock, joins after their collaboration', () => {
    const mock = fixedMock()
    mock.seed.sample({ collaborations: 10 })
    const { collaborations, memberships } = records(mock.snapshot())
    const now = T0 / 1000
    for (const c of collaborations) {
      expect(c.createTime).toBeLessThanOrEqual(now)
      expect(c.createTime).toBeGreaterThanOrEqual(now - 30 * 24 * 3600)
    }
    expect(new Set(collaborations.map((c) => c.createTime)).size).toBe(10)

    // A clock near the epoch: nothing before it, and still a valid snapshot.
    const early = createCleanRoomsMock({ clock: () => 5_000 })
    early.seed.sample({ collaborations: 5 })
    const times = records(early.snapshot()).collaborations.map((c) => c.createTime)
    expect(Math.min(...times)).toBeGreaterThanOrEqual(0)
    createCleanRoomsMock().restore(early.snapshot())
    for (const m of memberships) {
      const c = collaborations.find((record) => record.id === m.collaborationId)
      expect(m.createTime).toBeGreaterThanOrEqual(c?.createTime ?? Number.POSITIVE_INFINITY)
      expect(m.createTime).toBeLessThanOrEqual(now)
    }
  })

  it('adds to the state, in another region when asked, and tells onChange listeners what it wrote', () => {
    const mock = fixedMock()
    mock.seed.collaboration({ creator: { accountId: '111111111111', status: 'ACTIVE' } })
    const changes: string[] = []
    mock.onChange((change) => {
      changes.push(change.kind === 'write' ? `write ${change.writes.length}` : change.kind)
    })
    const result = mock.seed.sample({ collaborations: 3, region: 'eu-west-1' })
    expect(result.region).toBe('eu-west-1')
    expect(records(mock.snapshot()).collaborations).toHaveLength(1)
    expect(records(mock.snapshot(), 'eu-west-1').collaborations).toHaveLength(3)
    expect(changes).toHaveLength(1)
    expect(changes[0]).toMatch(/^write [1-9]\d*$/)
    expect(mock.seed.sample({ collaborations: 0 }).collaborations).toEqual([])
  })

  it('refuses bad options with a TypeError and changes nothing', () => {
    const mock = fixedMock()
    const before = mock.snapshot()
    const bad: unknown[] = [
      { collaborations: -1 },
      { collaborations: 1.5 },
      { collaborations: MAX_SAMPLE_COLLABORATIONS + 1 },
      { collaborations: Number.NaN },
      { collaborations: '5' },
      {},
      undefined,
      { collaborations: 2, seed: 0.5 },
      { collaborations: 2, region: 'Mars' },
      { collaborations: 2, accounts: [] },
      { collaborations: 2, accounts: ['111111111111', '111111111111'] },
      { collaborations: 2, accounts: ['1111'] },
      { collaborations: 2, accounts: '111111111111' },
      { collaborations: 2, accounts: ['1', '2', '3', '4', '5', '6'].map((d) => d.repeat(12)) },
    ]
    for (const options of bad) {
      expect(() => mock.seed.sample(options as { collaborations: number }), JSON.stringify(options)).toThrow(
        TypeError,
      )
    }
    expect(() => mock.seed.sample({ collaborations: 10_001 })).toThrow(
      'sample: collaborations must be an integer from 0 to 10000, got 10001',
    )
    expect(mock.snapshot()).toEqual(before)
  })

  it('is atomic: when an operation fails halfway, the state is put back as it was', () => {
    const store = createStore({ rules: profileFor('2026-04-17').rules })
    let ids = 0
    const target = {
      store,
      profile: profileFor('2026-04-17'),
      region: 'us-east-1',
      now: () => T0,
      newId: () => {
        ids += 1
        if (ids > 6) throw new Error('out of ids')
        return `00000000-0000-4000-8000-${String(ids).padStart(12, '0')}`
      },
    }
    const before = store.snapshot()
    expect(() => sampleMock(target, { collaborations: 5 })).toThrow('out of ids')
    expect(ids).toBeGreaterThan(1)
    expect(store.snapshot()).toEqual(before)
  })
})
