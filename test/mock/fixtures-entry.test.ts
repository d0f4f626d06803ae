/** `cleanrooms-mock/fixtures`: seeded values of every shape of every model, each passing that model's validator. */
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

import {
  CleanRoomsClient,
  CreateCollaborationCommand,
  type CreateCollaborationCommandInput,
} from '@aws-sdk/client-cleanrooms'
import { describe, expect, it } from 'vitest'

import { createFixtures, type FixtureModel, sample } from '../../mocks/fixtures/index.ts'
import { createCleanRoomsMock } from '../../mocks/index.ts'
import { MODELS, PROFILES } from '../../mocks/profiles.ts'

const SEEDS = 12
const VALUES_PER_SHAPE = 15

describe.each(MODELS)('fixtures of model %s', (model: FixtureModel) => {
  it(`R-WIRE-5: every shape's values, across ${SEEDS} seeds, pass the ${model} validator`, () => {
    const validate = PROFILES[model].validateShape
    const failures: string[] = []
    let checked = 0
    for (let seed = 1; seed <= SEEDS; seed++) {
      const fixtures = createFixtures({ seed, model })
      for (const shape of fixtures.shapes) {
        const check = validate[shape as keyof typeof validate] as ((value: unknown) => unknown[]) | undefined
        if (check === undefined) throw new Error(`no ${model} validator for ${shape}`)
        for (const value of fixtures.sampleMany(shape, VALUES_PER_SHAPE)) {
          const issues = check(value)
          checked++
          if (issues.length > 0 && failures.length < 5)
            failures.push(`${shape} (seed ${seed}): ${JSON.stringify(value)} → ${JSON.stringify(issues)}`)
        }
      }
    }
    expect(failures).toEqual([])
    expect(checked).toBe(SEEDS * VALUES_PER_SHAPE * Object.keys(validate).length)
  })
})

describe('fixtures follow their model', () => {
  it('offers exactly the shapes of the model asked for', () => {
    expect(createFixtures({ model: '2023-11-14' }).shapes).not.toContain('AnalyticsEngine')
    expect(createFixtures().shapes).toContain('AnalyticsEngine')
    expect(createFixtures().shapes).not.toContain('UpdateMembershipPaymentConfiguration')
    expect(createFixtures({ model: '2026-07-27' }).shapes).toContain('UpdateMembershipPaymentConfiguration')
    expect(createFixtures().model).toBe('2026-04-17')
  })

  it('refuses an unknown model or a shape the model does not have, naming them', () => {
    expect(() => createFixtures({ model: '2099-01-01' as FixtureModel })).toThrow(
      'unknown model profile "2099-01-01"; the profiles are 2023-11-14, 2026-04-17, 2026-07-27',
    )
    const old = createFixtures({ model: '2023-11-14' })
    expect(() => old.sample('AnalyticsEngine' as never)).toThrow(
      'fixtures: no shape AnalyticsEngine in this model',
    )
  })
})

describe('fixtures are deterministic for a seed', () => {
  it('gives the same values for the same seed and calls, others for another seed', () => {
    const draw = (seed: number) => createFixtures({ seed }).sampleMany('Membership', 5)
    expect(draw(7)).toEqual(draw(7))
    expect(draw(8)).not.toEqual(draw(7))
    expect(sample('CreateMembershipInput', { seed: 3 })).toEqual(
      createFixtures({ seed: 3 }).sample('CreateMembershipInput'),
    )
  })

  it('applies overrides after drawing, so later values do not depend on them', () => {
    const plain = createFixtures({ seed: 11 })
    const overridden = createFixtures({ seed: 11 })
    const first = plain.sample('Membership')
    const id = '00000000-0000-4000-8000-000000000000'
    expect(overridden.sample('Membership', { id })).toEqual({ ...first, id })
    expect(overridden.sample('Membership')).toEqual(plain.sample('Membership'))
    const s3 = { resultFormat: 'CSV', bucket: 'my-bucket' } as const
    expect(plain.sample('MembershipProtectedQueryOutputConfiguration', { s3 })).toEqual({ s3 })
  })

  it('looks real: UUIDs, 12-digit accounts, Clean Rooms ARNs and recent timestamps', () => {
    const uuid = '[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}'
    for (const membership of createFixtures({ seed: 5 }).sampleMany('Membership', 50)) {
      expect(membership.id).toMatch(new RegExp(`^${uuid}$`))
      expect(membership.collaborationCreatorAccountId).toMatch(/^\d{12}$/)
      expect(membership.arn).toMatch(
        new RegExp(`^arn:aws:cleanrooms:[a-z]{2}-[a-z]+-\\d:\\d{12}:membership/${uuid}$`),
      )
      expect(membership.createTime).toBeGreaterThanOrEqual(Date.UTC(2023, 0, 1) / 1000)
      expect(membership.createTime).toBeLessThanOrEqual(Date.UTC(2026, 0, 1) / 1000)
    }
  })
})

describe('fixtures through the SDK', () => {
  it("R-WIRE-5: a fixture CreateCollaboration input never fails the mock's wire validation", async () => {
    const mock = createCleanRoomsMock()
    const client = new CleanRoomsClient({
      region: 'us-east-1',
      maxAttempts: 1,
      credentials: { accessKeyId: '111122223333', secretAccessKey: 'test-secret' },
      requestHandler: mock.requestHandler,
    })
    const fixtures = createFixtures({ seed: 21 })
    let created = 0
    for (let index = 0; index < 20; index++) {
      const input = fixtures.sample('CreateCollaborationInput') as CreateCollaborationCommandInput
      try {
        await client.send(new CreateCollaborationCommand(input))
        created++
      } catch (error) {
        // A business rule may refuse a random collaboration (R-PAY-*, abilities); the wire check, whose
        // messages all read "Member must …", never does.
        const fields = (error as { fieldList?: Array<{ message?: string }> }).fieldList ?? []
        expect(fields.filter((field) => field.message?.startsWith('Member must'))).toEqual([])
      }
    }
    expect(created).toBeGreaterThan(0)
  })
})

describe('docs/fixtures.md', () => {
  it('creates a fixture collaboration whose rule-relevant members are pinned, for every one of 40 seeds', async () => {
    for (let seed = 1; seed <= 40; seed++) {
      const mock = createCleanRoomsMock()
      const client = new CleanRoomsClient({
        region: 'us-east-1',
        maxAttempts: 1,
        credentials: { accessKeyId: '111122223333', secretAccessKey: 'x' },
        requestHandler: mock.requestHandler,
      })
      const input = createFixtures({ seed }).sample('CreateCollaborationInput', {
        members: [{ accountId: '222222222222', displayName: 'Payer', memberAbilities: [] }],
        creatorMemberAbilities: ['CAN_QUERY', 'CAN_RECEIVE_RESULTS'],
        creatorPaymentConfiguration: { queryCompute: { isResponsible: true } },
      })
      const { collaboration } = await client.send(new CreateCollaborationCommand(input))
      expect(collaboration?.name, `seed ${seed}`).toBe(input.name)
    }
  })
})

describe('the fixtures entry is browser-safe and needs no package', () => {
  it('reaches no node:* module and no package at all from mocks/fixtures/index.ts', () => {
    const mocks = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../mocks')
    const seen = new Set<string>()
    const packages = new Set<string>()
    const queue = [path.join(mocks, 'fixtures/index.ts')]
    while (queue.length > 0) {
      const file = queue.pop() as string
      if (seen.has(file)) continue
      seen.add(file)
      const text = readFileSync(file, 'utf8')
        .replace(/\/\*[\s\S]*?\*\//g, '')
        .replace(/^\s*\/\/.*$/gm, '')
      for (const [, specifier = ''] of text.matchAll(/(?:\bfrom\s*|\bimport\s*\(?\s*)'([^']+)'/g)) {
        if (specifier.startsWith('.')) queue.push(path.resolve(path.dirname(file), specifier))
        else packages.add(specifier)
      }
    }
    expect([...seen].map((file) => path.relative(mocks, file))).toEqual(
      expect.arrayContaining(['fixtures/sample.ts', 'fixtures/regex-sample.ts', 'generated/schema.ts']),
    )
    expect([...packages]).toEqual([])
  })
})
