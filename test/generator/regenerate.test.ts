/** Test of the path spec/README.md describes for a new AWS model: import → drift check fails → generate → check passes. */
import { existsSync } from 'node:fs'
import { cp, mkdtemp, readFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { runCli } from '../../cli/index.ts'
import { generate, runGenerate } from '../../generator/generate.ts'
import { referenceDir, titleFor } from '../support/reference.ts'

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
const newerModel = path.join(referenceDir, 'botocore-service-2.json')
const SPEC = 'spec/cleanrooms.openapi.json'

describe.skipIf(!existsSync(newerModel))(
  titleFor('taking a new AWS model into a copy of the project', newerModel),
  () => {
    afterEach(() => vi.restoreAllMocks())

    it('after import-model the drift check fails naming the stale files, and passes once generate has run', async () => {
      const root = await mkdtemp(path.join(tmpdir(), 'regenerate-'))
      for (const dir of ['spec', 'mocks/generated', 'contracts/generated']) {
        if (existsSync(path.join(repoRoot, dir)))
          await cp(path.join(repoRoot, dir), path.join(root, dir), { recursive: true })
      }
      const log = vi.spyOn(console, 'log').mockImplementation(() => {})
      const error = vi.spyOn(console, 'error').mockImplementation(() => {})
      vi.spyOn(console, 'warn').mockImplementation(() => {})
      // Start from the copy's own output, so that work in progress elsewhere in the tree cannot
      // decide this test; CI's own drift check covers the committed state.
      expect(await runGenerate({ root, spec: SPEC, check: false })).toBe(0)
      expect(await runGenerate({ root, spec: SPEC, check: true })).toBe(0)
      const before = await generate(path.join(root, SPEC))

      // 1. import: the botocore 2026-07-27 model (UpdateMembership gains membershipPaymentConfiguration).
      const out = path.join(root, SPEC)
      expect(await runCli(['import-model', newerModel, '--model-date', '2026-07-27', '--out', out])).toBe(0)
      const spec = JSON.parse(await readFile(out, 'utf8')) as {
        components: { schemas: Record<string, unknown> }
      }
      expect(Object.keys(spec.components.schemas)).toContain('UpdateMembershipPaymentConfiguration')

      // 2. the drift check (CI) fails, naming exactly the files the new spec changes.
      const after = await generate(out)
      const stale = [...after].filter(([file, text]) => before.get(file) !== text).map(([file]) => file)
      expect(stale).toContain('mocks/generated/types.ts')
      error.mockClear()
      expect(await runGenerate({ root, spec: SPEC, check: true })).toBe(1)
      const named = error.mock.calls.map(([line]) => String(line))
      expect(named).toEqual([
        ...stale.map((file) => `drift: ${file} differs from what ${SPEC} generates`),
        'run `npm run generate` and commit the result',
      ])

      // 3. generate, and the check passes; the new member is in the generated types.
      expect(await runGenerate({ root, spec: SPEC, check: false })).toBe(0)
      expect(await runGenerate({ root, spec: SPEC, check: true })).toBe(0)
      expect(await readFile(path.join(root, 'mocks/generated/types.ts'), 'utf8')).toContain(
        'membershipPaymentConfiguration',
      )
      expect(log).toHaveBeenCalled()
    })
  },
)
