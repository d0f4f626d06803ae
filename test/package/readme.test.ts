/** README.md: its test files (```ts title="….test.ts"), run as they are written, so the README cannot drift. */
import { spawnSync } from 'node:child_process'
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

import { describe, expect, it } from 'vitest'

import { readmeTestFiles } from './readme-blocks.mjs'

/** The parts of vitest's JSON report read here. */
interface VitestReport {
  numPassedTests: number
  numFailedTests: number
  testResults: { assertionResults: { fullName: string; failureMessages: string[] }[] }[]
}

const root = fileURLToPath(new URL('../..', import.meta.url))
const blocks = readmeTestFiles(readFileSync(path.join(root, 'README.md'), 'utf8'))

describe('the README test files', () => {
  it('are there: the in-process file and the MSW file', () => {
    expect(blocks.map((block) => block.file)).toEqual(['cleanrooms.test.ts', 'cleanrooms-msw.test.ts'])
  })

  it('pass under vitest, verbatim, with cleanrooms-mock resolved to the sources', () => {
    // Inside node_modules, so the blocks' imports resolve from this repository's dependencies, and outside
    // this suite's own files. The smoke test (.ci/smoke.mjs) runs the same blocks against the packed tarball.
    const dir = path.join(root, 'node_modules', '.cache', 'cleanrooms-readme')
    rmSync(dir, { recursive: true, force: true })
    mkdirSync(dir, { recursive: true })
    for (const block of blocks) writeFileSync(path.join(dir, block.file), block.code)
    writeFileSync(
      path.join(dir, 'vitest.config.mjs'),
      `export default { resolve: { alias: [{ find: /^cleanrooms-mock$/, replacement: ${JSON.stringify(
        path.join(root, 'mocks/index.ts'),
      )} }] }, test: { include: ['*.test.ts'] } }\n`,
    )
    const run = spawnSync(
      process.execPath,
      [path.join(root, 'node_modules/vitest/vitest.mjs'), 'run', '--root', dir, '--reporter', 'json'],
      { encoding: 'utf8', env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' } },
    )
    const start = run.stdout.indexOf('{')
    expect(start, run.stderr).toBeGreaterThanOrEqual(0)
    const report = JSON.parse(run.stdout.slice(start)) as VitestReport
    const failures = report.testResults.flatMap((file) =>
      file.assertionResults.flatMap((test) => test.failureMessages.map((m) => `${test.fullName}: ${m}`)),
    )
    expect({ passed: report.numPassedTests, failed: report.numFailedTests }, failures.join('\n')).toEqual({
      passed: 3,
      failed: 0,
    })
    expect(run.status).toBe(0)
  })
})
