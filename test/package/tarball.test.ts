/**
 * The published tarball holds what a user needs and nothing else: every file `npm pack` would put in it must
 * match the allow-list below (no tests, test pacts, generated pacts, configs, generator or spec), and the files a user
 * relies on are there. With a build (dist/) present, as in CI after `npm run build`, the built files are
 * checked too.
 */
import { execFileSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

import { describe, expect, it } from 'vitest'

const root = fileURLToPath(new URL('../..', import.meta.url))

/** Every file the tarball may hold. */
const ALLOWED: RegExp[] = [
  /^package\.json$/,
  /^README\.md$/,
  /^LICENSE$/,
  /^bin\/cleanrooms-mock\.js$/,
  /^docs\/[a-z-]+\.md$/,
  // The ES build and its CommonJS twin: the library's modules and declarations, no maps, no tests.
  /^dist\/(cjs\/)?(mocks|contracts)\/([a-z0-9-]+\/)*[a-z0-9-]+\.(js|d\.ts)$/,
  /^dist\/cjs\/package\.json$/,
  // The installed CLI: the dispatcher and the two commands a user runs (docs/decisions/0009).
  /^dist\/cli\/(index|serve|verify|usage)\.(js|d\.ts)$/,
]

/** Never, even if a pattern above grew too wide. */
const FORBIDDEN =
  /(\.test\.|\.test-d\.|vitest\.config|\/pacts\/|divergent-pacts|other-implementations|generator\/|^spec\/|\.ts$(?<!\.d\.ts))/

const packed = (): string[] => {
  const json = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
    cwd: root,
    encoding: 'utf8',
  })
  const [pack] = JSON.parse(json) as { files: { path: string }[] }[]
  return (pack?.files ?? []).map((file) => file.path).sort()
}

describe('the tarball (npm pack)', () => {
  const files = packed()

  it('holds only allow-listed files', () => {
    expect(files.filter((file) => !ALLOWED.some((pattern) => pattern.test(file)))).toEqual([])
    expect(files.filter((file) => FORBIDDEN.test(file))).toEqual([])
  })

  it('ships the licence, the README, the bin and the docs', () => {
    expect(files).toEqual(
      expect.arrayContaining(['LICENSE', 'README.md', 'bin/cleanrooms-mock.js', 'docs/behaviour.md']),
    )
  })

  it.skipIf(!existsSync(path.join(root, 'dist/mocks/index.js')))(
    'ships both builds of every entry and the CLI (needs npm run build)',
    () => {
      const entries = ['mocks/index', 'mocks/server', 'mocks/generated/types', 'contracts/index']
      for (const entry of entries) {
        for (const build of ['dist', 'dist/cjs']) {
          expect(files).toContain(`${build}/${entry}.js`)
          expect(files).toContain(`${build}/${entry}.d.ts`)
        }
      }
      expect(files).toContain('dist/cli/index.js')
      expect(files).not.toContain('dist/cli/generate.js')
    },
  )
})
