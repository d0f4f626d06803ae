/**
 * Model profiles, generator side (RULES.md R-MODEL-1..3): every profile's spec is what the importer makes of its
 * AWS model, and its generated tables are under the drift check.
 */
import { cp, mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterEach, describe, expect, it, vi } from 'vitest'

import { generateAll, runGenerate } from '../../generator/generate.ts'
import { writeSpec } from '../../generator/import/write-spec.ts'
import { PROFILE_SOURCES } from '../../generator/profiles.ts'
import { present, referenceDir, titleFor } from '../support/reference.ts'

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
const DEFAULT_SPEC = 'spec/cleanrooms.openapi.json'

describe.each(PROFILE_SOURCES)('profile $model', (profile) => {
  const model = path.join(referenceDir, profile.source)
  const extras = [profile.paginators, profile.uniqueItemsFrom].filter((f) => f !== undefined)
  const files = [model, ...extras.map((file) => path.join(referenceDir, file))]

  it.skipIf(!present(...files))(
    titleFor(
      `R-MODEL-1: ${profile.spec} is the importer's output for ${profile.source}, byte for byte`,
      ...files,
    ),
    async () => {
      const out = path.join(await mkdtemp(path.join(tmpdir(), 'profile-')), 'spec.json')
      await writeSpec(model, out, {
        modelDate: profile.model,
        ...(profile.paginators === undefined
          ? {}
          : { paginatorsPath: path.join(referenceDir, profile.paginators) }),
        ...(profile.uniqueItemsFrom === undefined
          ? {}
          : { uniqueItemsFrom: path.join(referenceDir, profile.uniqueItemsFrom) }),
      })
      const committed = await readFile(path.join(repoRoot, profile.spec), 'utf8')
      expect((await readFile(out, 'utf8')) === committed).toBe(true)
    },
  )
})

describe('R-MODEL-3: @uniqueItems carried over into the botocore profiles', () => {
  it.each([
    ['2023-11-14', ['MemberAbilities']],
    [
      '2026-07-27',
      ['AllowedResultRegions', 'AutoApprovedChangeTypeList', 'CustomMLMemberAbilities', 'MemberAbilities'],
    ],
  ])(
    'R-MODEL-3: the %s spec says which lists it carried the trait to, and they have it',
    async (model, lists) => {
      const spec = JSON.parse(
        await readFile(path.join(repoRoot, `spec/cleanrooms-${model}.openapi.json`), 'utf8'),
      )
      expect(spec.info['x-source-model'].uniqueItemsFrom.shapes).toEqual(lists)
      for (const list of lists) expect(spec.components.schemas[list].uniqueItems).toBe(true)
    },
  )
})

describe('the drift check covers every profile', () => {
  afterEach(() => vi.restoreAllMocks())

  it("names a profile's stale table when its spec changes, and passes once generate has run", async () => {
    const root = await mkdtemp(path.join(tmpdir(), 'profiles-drift-'))
    for (const dir of ['spec', 'mocks/generated', 'contracts/generated']) {
      await cp(path.join(repoRoot, dir), path.join(root, dir), { recursive: true })
    }
    vi.spyOn(console, 'log').mockImplementation(() => {})
    const error = vi.spyOn(console, 'error').mockImplementation(() => {})
    const options = { root, spec: DEFAULT_SPEC, profiles: PROFILE_SOURCES }
    expect(await runGenerate({ ...options, check: false })).toBe(0)
    expect(await runGenerate({ ...options, check: true })).toBe(0)
    const files = [...(await generateAll(root, DEFAULT_SPEC, PROFILE_SOURCES)).keys()]
    expect(files).toContain('mocks/generated/2023-11-14/schema.ts')
    expect(files).toContain('mocks/generated/2026-07-27/types.ts')

    // A profile's spec changes (an enum gains a value): only that profile's tables are stale.
    const specPath = path.join(root, 'spec/cleanrooms-2023-11-14.openapi.json')
    const spec = JSON.parse(await readFile(specPath, 'utf8'))
    spec.components.schemas.MemberAbility.enum.push('CAN_RUN_JOB')
    await writeFile(specPath, JSON.stringify(spec))
    expect(await runGenerate({ ...options, check: true })).toBe(1)
    const named = error.mock.calls.map(([line]) => String(line)).filter((line) => line.startsWith('drift:'))
    expect(named.length).toBeGreaterThan(0)
    for (const line of named) expect(line).toMatch(/^drift: mocks\/generated\/2023-11-14\//)
    expect(await runGenerate({ ...options, check: false })).toBe(0)
    expect(await runGenerate({ ...options, check: true })).toBe(0)
  })
})
