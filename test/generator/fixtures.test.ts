/** Schema table: the fixtures drawn from the table: every value satisfies its schema (property test), per seed. */
import { beforeAll, describe, expect, it } from 'vitest'

import type { SpecIR } from '../../generator/ir.ts'
import { type Emitted, loadEmitted, realSpecIR } from './emitted.ts'
import { sampleIR } from './sample-ir.ts'

const SEEDS = 40
const VALUES_PER_SEED = 50 // 40 seeds × 50 = 2 000 values per named schema

const sources: Array<[string, () => Promise<SpecIR>]> = [
  ['the hand-made IR', async () => sampleIR],
  ['the committed spec', realSpecIR],
]

describe.each(sources)('fixtures of %s', (_, readIR) => {
  let ir: SpecIR
  let emitted: Emitted
  beforeAll(async () => {
    ir = await readIR()
    emitted = loadEmitted(ir)
  })

  it('R-WIRE-5: 2 000 values of every named schema, across 40 seeds, pass the emitted validator', () => {
    const failures: string[] = []
    const counts = new Map<string, number>()
    for (let seed = 1; seed <= SEEDS; seed++) {
      const fixtures = emitted.fixtures.createFixtures(seed)
      for (const name of Object.keys(ir.schemas)) {
        const factory = fixtures[name]
        const validate = emitted.validators.validateShape[name]
        if (!factory || !validate) throw new Error(`no factory or validator for ${name}`)
        for (let index = 0; index < VALUES_PER_SEED; index++) {
          const value = factory()
          const issues = validate(value)
          counts.set(name, (counts.get(name) ?? 0) + 1)
          if (issues.length > 0 && failures.length < 5) {
            failures.push(`${name} (seed ${seed}): ${JSON.stringify(value)} → ${JSON.stringify(issues)}`)
          }
        }
      }
    }
    expect(failures).toEqual([])
    expect([...counts.keys()].sort()).toEqual(Object.keys(ir.schemas).sort())
    for (const count of counts.values()) expect(count).toBeGreaterThanOrEqual(2000)
  })

  it('is deterministic: the same seed gives the same values, another seed others', () => {
    const draw = (seed: number) => {
      const fixtures = emitted.fixtures.createFixtures(seed)
      return Object.keys(ir.schemas).flatMap((name) => [fixtures[name]!(), fixtures[name]!()])
    }
    expect(draw(7)).toEqual(draw(7))
    expect(draw(8)).not.toEqual(draw(7))
    expect(emitted.fixtures.createFixtures()['Membership']!()).toEqual(
      emitted.fixtures.createFixtures()['Membership']!(),
    )
  })

  it('sets optional members sometimes, required members always', () => {
    const fixtures = emitted.fixtures.createFixtures(3)
    const values = Array.from({ length: 300 }, () => fixtures['Membership']!() as Record<string, unknown>)
    const required = ir.schemas['Membership']!.required ?? []
    const optional = Object.keys(ir.schemas['Membership']!.properties ?? {}).filter(
      (name) => !required.includes(name),
    )
    for (const member of required) expect(values.every((value) => value[member] !== undefined)).toBe(true)
    for (const member of optional) {
      const present = values.filter((value) => value[member] !== undefined).length
      expect(present, member).toBeGreaterThan(0)
      expect(present, member).toBeLessThan(values.length)
    }
  })

  it('applies overrides after drawing, so later values do not depend on them', () => {
    const plain = emitted.fixtures.createFixtures(11)
    const overridden = emitted.fixtures.createFixtures(11)
    const first = plain['Membership']!() as Record<string, unknown>
    const custom = overridden['Membership']!({ id: '00000000-0000-4000-8000-000000000000' }) as Record<
      string,
      unknown
    >
    expect(custom).toEqual({ ...first, id: '00000000-0000-4000-8000-000000000000' })
    expect(overridden['Membership']!()).toEqual(plain['Membership']!())
  })
})

describe('fixtures of the committed spec look real', () => {
  let emitted: Emitted
  beforeAll(async () => {
    emitted = loadEmitted(await realSpecIR())
  })

  it('draws lower-case UUIDs, 12-digit accounts, Clean Rooms ARNs, IAM role ARNs and recent timestamps', () => {
    const fixtures = emitted.fixtures.createFixtures(5)
    const uuid = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}'
    for (let index = 0; index < 200; index++) {
      const membership = fixtures['Membership']!() as Record<string, unknown>
      expect(membership['id']).toMatch(new RegExp(`^${uuid}$`))
      expect(membership['collaborationCreatorAccountId']).toMatch(/^\d{12}$/)
      expect(membership['arn']).toMatch(
        new RegExp(`^arn:aws:cleanrooms:[a-z]{2}-[a-z]+-\\d:\\d{12}:membership/${uuid}$`),
      )
      expect(membership['collaborationArn']).toMatch(/^arn:aws:cleanrooms:.*:collaboration\//)
      const created = membership['createTime'] as number
      expect(Number.isInteger(created)).toBe(true)
      expect(created).toBeGreaterThanOrEqual(Date.UTC(2023, 0, 1) / 1000)
      expect(created).toBeLessThanOrEqual(Date.UTC(2026, 0, 1) / 1000)
      expect(fixtures['RoleArn']!()).toMatch(/^arn:aws:iam::\d{12}:role\/[\w-]+CleanRoomsRole$/)
    }
  })

  it('gives a union exactly its overriding member', () => {
    const fixtures = emitted.fixtures.createFixtures(2)
    const s3 = { bucket: 'my-bucket', resultFormat: 'CSV' }
    expect(fixtures['MembershipProtectedQueryOutputConfiguration']!({ s3 })).toEqual({ s3 })
  })
})

describe('unions in fixtures', () => {
  let emitted: Emitted
  beforeAll(async () => {
    emitted = loadEmitted(sampleIR)
  })

  it('draw each member of a two-member union, one at a time', () => {
    const fixtures = emitted.fixtures.createFixtures(9)
    const seen = new Set<string>()
    for (let index = 0; index < 100; index++) {
      const keys = Object.keys(fixtures['OutputConfiguration']!() as object)
      expect(keys).toHaveLength(1)
      seen.add(keys[0]!)
    }
    expect([...seen].sort()).toEqual(['local', 's3'])
  })
})
