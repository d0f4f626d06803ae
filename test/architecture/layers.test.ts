/**
 * Architecture test: the layers of ARCHITECTURE.md are held by the linter (biome.json `overrides`, rule
 * `style/noRestrictedImports`), so `npm run lint` fails on an import that crosses a layer. This test proves the
 * rule bites: it lints one-import files placed in each folder of a scratch copy of the project's biome.json,
 * and checks which are refused.
 */
import { execFile } from 'node:child_process'
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
const BIOME = path.join(ROOT, 'node_modules', '.bin', 'biome')

/** [folder file, imported module, refused?] */
const CASES: Array<[file: string, source: string, refused: boolean]> = [
  ['mocks/domain/case.ts', 'msw', true],
  ['mocks/domain/case.ts', 'node:crypto', true],
  ['mocks/domain/case.ts', '../protocol/wire.ts', true],
  ['mocks/domain/case.ts', '../generated/operations.ts', true],
  ['mocks/domain/case.ts', '../internal/random.ts', true],
  ['mocks/domain/case.ts', '../generated/types.ts', false],
  ['mocks/domain/case.ts', '../generated/errors.ts', false],
  ['mocks/domain/case.ts', './state.ts', false],
  ['mocks/protocol/case.ts', 'node:http', true],
  ['mocks/protocol/case.ts', 'msw', true],
  ['mocks/protocol/case.ts', '../internal/msw-module.ts', true],
  ['mocks/protocol/case.ts', '../server/http-io.ts', true],
  ['mocks/protocol/case.ts', '../core/create-mock.ts', true],
  ['mocks/protocol/case.ts', '../domain/index.ts', false],
  ['mocks/protocol/case.ts', '@smithy/signature-v4', false],
  ['mocks/validation/case.ts', 'node:fs', true],
  ['mocks/validation/case.ts', '../domain/arn.ts', false],
  ['mocks/protocol/case.ts', '../schema/default.ts', false],
  ['mocks/schema/case.ts', 'node:fs', true],
  ['mocks/schema/case.ts', '../domain/index.ts', true],
  ['mocks/schema/case.ts', '../validation/runtime.ts', false],
  ['mocks/fixtures/case.ts', '@faker-js/faker', true],
  ['mocks/fixtures/case.ts', 'node:crypto', true],
  ['mocks/fixtures/case.ts', '../generated/2023-11-14/schema.ts', false],
  ['mocks/sample/case.ts', '../protocol/handle-request.ts', true],
  ['mocks/sample/case.ts', 'node:crypto', true],
  ['mocks/sample/case.ts', '../domain/payers-of.ts', false],
  ['mocks/core/case.ts', 'node:fs/promises', true],
  ['mocks/core/case.ts', '../server/state-file.ts', true],
  ['mocks/core/case.ts', '../protocol/handle-request.ts', false],
  ['mocks/server/case.ts', '../core/create-mock.ts', true],
  ['mocks/server/case.ts', '../domain/index.ts', true],
  ['mocks/server/case.ts', 'msw', true],
  ['mocks/server/case.ts', 'node:http', false],
  ['mocks/server/case.ts', '../protocol/wire.ts', false],
  ['mocks/index.ts', 'node:fs', true],
  ['mocks/msw.ts', '../generator/generate.ts', true],
  ['mocks/server.ts', 'node:http', false],
  ['contracts/builders/case.ts', '../../generator/emit/interactions.ts', true],
  ['contracts/builders/case.ts', '../../mocks/generated/types.ts', false],
  ['generator/emit/case.ts', '../../mocks/protocol/wire.ts', true],
  ['generator/diff/case.ts', '../../mocks/domain/state.ts', true],
  ['generator/emit/case.ts', '../../contracts/index.ts', true],
  ['generator/emit/case.ts', '../../mocks/generated/types.ts', false],
  ['cli/serve.ts', '../generator/generate.ts', true],
  ['cli/index.ts', '../generator/profiles.ts', true],
  ['cli/generate.ts', '../generator/generate.ts', false],
]

let scratch: string
const refusedFiles = new Set<string>()
/** Where case `index` is written: `case.ts` gets the case number; an entry file (mocks/index.ts…) keeps its name. */
const fileOf = (index: number) => CASES[index]![0].replace('/case.ts', `/case-${index}.ts`)

beforeAll(async () => {
  scratch = await mkdtemp(path.join(tmpdir(), 'layers-'))
  const config = JSON.parse(await readFile(path.join(ROOT, 'biome.json'), 'utf8')) as Record<string, unknown>
  delete config['$schema']
  config['vcs'] = { enabled: false }
  await writeFile(path.join(scratch, 'biome.json'), JSON.stringify(config))
  for (const [index, [, source]] of CASES.entries()) {
    const target = path.join(scratch, fileOf(index))
    await mkdir(path.dirname(target), { recursive: true })
    await writeFile(target, `import * as imported from '${source}'\n\nexport const value = imported\n`)
  }
  const output = await promisify(execFile)(
    BIOME,
    ['lint', '--reporter=json', '--max-diagnostics=none', '.'],
    {
      cwd: scratch,
    },
  ).then(
    (done) => done.stdout,
    // Exit code 1 when something is refused, which is what the cases expect.
    (failed: { stdout?: string }) => failed.stdout ?? '',
  )
  const report = JSON.parse(output) as {
    diagnostics: Array<{ category: string; location: { path: string } }>
  }
  for (const diagnostic of report.diagnostics) {
    if (diagnostic.category === 'lint/style/noRestrictedImports') {
      refusedFiles.add(diagnostic.location.path.replaceAll('\\', '/'))
    }
  }
}, 60_000)

afterAll(async () => {
  if (scratch) await rm(scratch, { recursive: true, force: true })
})

describe('npm run lint enforces the layers (ARCHITECTURE.md)', () => {
  it.each(CASES.map((item, index) => [...item, index] as const))(
    '%s importing %s: refused = %s',
    (_file, _source, refused, index) => {
      expect(refusedFiles.has(fileOf(index))).toBe(refused)
    },
  )
})
