/**
 * The upgrade path fails loudly (docs/decisions/0005, RULES.md R-MODEL-3): what `diff` says between the committed
 * profiles, and the changes a maintainer must not miss: lost constraints, output members the domain writes,
 * the exported type names, renames, and rules changed in documentation only.
 */
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

import { diffSpecs } from '../../generator/diff/diff-specs.ts'
import { formatDiff } from '../../generator/diff/format-diff.ts'
import type { OpenApiDocument } from '../../generator/import/to-open-api.ts'

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
const CLIENT = { client: true, mock: false }
const NONE = { client: false, mock: false }

async function spec(model: '2023-11-14' | '2026-04-17' | '2026-07-27'): Promise<OpenApiDocument> {
  const file = model === '2026-04-17' ? 'cleanrooms.openapi.json' : `cleanrooms-${model}.openapi.json`
  return JSON.parse(await readFile(path.join(repoRoot, 'spec', file), 'utf8')) as OpenApiDocument
}

/** A copy of a spec with one schema renamed everywhere. */
function renamed(doc: OpenApiDocument, from: string, to: string): OpenApiDocument {
  const text = JSON.stringify(doc).replaceAll(
    `"#/components/schemas/${from}"`,
    `"#/components/schemas/${to}"`,
  )
  const copy = JSON.parse(text) as OpenApiDocument
  const schema = copy.components.schemas[from]
  if (schema === undefined) throw new Error(`no schema ${from}`)
  delete copy.components.schemas[from]
  copy.components.schemas[to] = schema
  return copy
}

describe('diff between the committed profiles: the expected classification', () => {
  it('2026-04-17 → 2026-07-27: the new request member and the loosened constraints break the mock; no @uniqueItems is lost (carried over); the payer rule changed in documentation', async () => {
    const diff = diffSpecs(await spec('2026-04-17'), await spec('2026-07-27'))
    expect(diff.summary).toEqual({ operations: 6, updated: 6, breaking: { client: true, mock: true } })
    expect(diff.notes).toEqual([])
    const all = diff.operations.flatMap((op) =>
      (['request', 'response'] as const).flatMap((side) => [
        ...op[side].added.map((c) => `${op.name} ${side} + ${c.path} ${tag(c.breaking)}`),
        ...op[side].removed.map((c) => `${op.name} ${side} - ${c.path} ${tag(c.breaking)}`),
        ...op[side].constraints.map(
          (c) => `${op.name} ${side} ~ ${c.path} ${c.kind} ${c.direction} ${tag(c.breaking)}`,
        ),
      ]),
    )
    expect(all.filter((line) => line.includes('uniqueItems'))).toEqual([])
    expect(all).toContain('UpdateMembership request + membershipPaymentConfiguration mock')
    expect(all).toContain('CreateCollaboration request ~ description required loosened mock')
    expect(all).toContain('CreateCollaboration request ~ description length loosened mock')
    expect(all).toContain(
      'CreateCollaboration request ~ creatorMLMemberAbilities.customMLMemberAbilities length loosened mock',
    )
    expect(diff.types).toEqual({
      added: ['UpdateMembershipPaymentConfiguration'],
      removed: [],
      renamed: [],
      breaking: NONE,
    })
    expect(diff.documentation.map((d) => `${d.member} ${d.from} → ${d.to} ${tag(d.breaking)}`)).toEqual([
      'JobComputePaymentConfig.isResponsible 2026-04-17 → 2026-07-27 mock',
      'MembershipJobComputePaymentConfig.isResponsible 2026-04-17 → 2026-07-27 mock',
      'ModelInferencePaymentConfig.isResponsible 2026-04-17 → 2026-07-27 mock',
      'ModelTrainingPaymentConfig.isResponsible 2026-04-17 → 2026-07-27 mock',
      'QueryComputePaymentConfig.isResponsible 2026-04-17 → 2026-07-27 mock',
    ])
  })

  it('the report names the new public type and each rule-bearing member whose documentation changed, with both dates, and no AWS text', async () => {
    const text = formatDiff(diffSpecs(await spec('2026-04-17'), await spec('2026-07-27')), 'a', 'b')
    expect(text).toContain('cleanrooms-mock/types\n  + UpdateMembershipPaymentConfiguration\n')
    expect(text).toContain(
      '  ~ QueryComputePaymentConfig.isResponsible: changed between 2026-04-17 and 2026-07-27  [breaks mock]\n',
    )
    expect(text).not.toMatch(/candidate|Exactly one member/i)
  })

  it('2026-07-27 → 2026-04-17: going back removes a public type (a client break) and tightens what 2026-07-27 loosened', async () => {
    const diff = diffSpecs(await spec('2026-07-27'), await spec('2026-04-17'))
    expect(diff.types).toEqual({
      added: [],
      removed: ['UpdateMembershipPaymentConfiguration'],
      renamed: [],
      breaking: CLIENT,
    })
    expect(diff.summary.breaking).toEqual({ client: true, mock: true })
  })

  it('2023-11-14 → 2026-04-17: jobs and machine learning arrive (mock breaks), the query payer documentation is unchanged', async () => {
    const diff = diffSpecs(await spec('2023-11-14'), await spec('2026-04-17'))
    expect(diff.summary).toEqual({ operations: 6, updated: 6, breaking: { client: true, mock: true } })
    expect(diff.notes).toEqual([])
    expect(diff.documentation).toEqual([])
    expect(diff.types.removed).toEqual([])
    expect(diff.types.added).toEqual(
      expect.arrayContaining(['JobComputePaymentConfig', 'MLPaymentConfig', 'MLMemberAbilities']),
    )
    const create = diff.operations.find((op) => op.name === 'CreateCollaboration')
    expect(create?.request.added.map((c) => `${c.path} ${tag(c.breaking)}`)).toEqual(
      expect.arrayContaining([
        'creatorPaymentConfiguration.jobCompute mock',
        'creatorMLMemberAbilities mock',
      ]),
    )
  })
})

describe('what a maintainer must not miss', () => {
  it('a removed output member that the domain writes breaks the mock (it keeps writing it), not only clients', async () => {
    const before = await spec('2026-04-17')
    const after = structuredClone(before)
    const membership = after.components.schemas['Membership'] as { properties: Record<string, unknown> }
    delete membership.properties['isMetricsEnabled']
    const diff = diffSpecs(before, after)
    const removed = diff.operations.flatMap((op) =>
      op.response.removed.map((c) => `${op.name} ${c.path} ${tag(c.breaking)}`),
    )
    expect(removed).toEqual([
      'CreateMembership membership.isMetricsEnabled mock',
      'GetMembership membership.isMetricsEnabled mock',
      'UpdateMembership membership.isMetricsEnabled mock',
    ])
    expect(diff.summary.breaking.mock).toBe(true)
  })

  it('a public type that disappears from cleanrooms-mock/types is reported, and breaks clients', async () => {
    const before = await spec('2026-04-17')
    const after = structuredClone(before)
    // DisplayName inlined into its users: the wire is the same, the exported name is gone.
    const displayName = after.components.schemas['DisplayName']
    const text = JSON.stringify(after).replaceAll(
      '{"$ref":"#/components/schemas/DisplayName"}',
      JSON.stringify(displayName),
    )
    const inlined = JSON.parse(text) as OpenApiDocument
    delete inlined.components.schemas['DisplayName']
    const diff = diffSpecs(before, inlined)
    expect(diff.types).toEqual({ added: [], removed: ['DisplayName'], renamed: [], breaking: CLIENT })
    expect(diff.summary.breaking.client).toBe(true)
  })

  it('a structure or enum renamed is a rename, once: not a removal plus an addition, and no member changes type', async () => {
    const before = await spec('2026-04-17')
    const after = renamed(
      renamed(before, 'MemberAbility', 'Ability'),
      'QueryComputePaymentConfig',
      'QueryPaymentConfig',
    )
    const diff = diffSpecs(before, after)
    expect(diff.types).toEqual({
      added: [],
      removed: [],
      renamed: [
        { from: 'MemberAbility', to: 'Ability' },
        { from: 'QueryComputePaymentConfig', to: 'QueryPaymentConfig' },
      ],
      breaking: CLIENT,
    })
    expect(diff.operations).toEqual([])
  })
})

function tag(breaking: { client: boolean; mock: boolean }): string {
  return [breaking.client && 'client', breaking.mock && 'mock'].filter(Boolean).join(',') || 'nobody'
}
