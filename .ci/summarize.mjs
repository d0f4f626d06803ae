// Prints one closing line, "ci: N passed, N failed, N skipped", over the vitest JSON reports and the
// node:test / smoke TAP reports that .ci/run collected in the folder given as the first argument, then the
// steps that failed (listed in its "steps" file). Exit 1 if a test or a step failed, or nothing passed.
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'

const dir = process.argv[2]
let passed = 0
let failed = 0
let skipped = 0
for (const name of readdirSync(dir)) {
  const text = readFileSync(join(dir, name), 'utf8')
  if (name.endsWith('.json')) {
    let report
    try {
      report = JSON.parse(text)
    } catch {
      failed += 1
      console.log(`unreadable report ${name}`)
      continue
    }
    passed += report.numPassedTests
    failed += report.numFailedTests
    skipped += report.numPendingTests + report.numTodoTests
  } else if (name.endsWith('.tap')) {
    passed += Number(/^# pass (\d+)$/m.exec(text)?.[1] ?? 0)
    failed += Number(/^# fail (\d+)$/m.exec(text)?.[1] ?? 0)
    skipped += Number(/^# skipped (\d+)$/m.exec(text)?.[1] ?? 0)
  }
}
const steps = join(dir, 'steps')
const failedSteps = existsSync(steps) ? readFileSync(steps, 'utf8').split('\n').filter(Boolean) : []
console.log(`\nci: ${passed} passed, ${failed} failed, ${skipped} skipped`)
if (failedSteps.length > 0) console.log(`ci: failed steps: ${failedSteps.join('; ')}`)
process.exitCode = failed > 0 || passed === 0 || failedSteps.length > 0 ? 1 : 0
