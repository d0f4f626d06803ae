// Prints one closing line, "ci: N passed, N failed, N skipped", over the vitest JSON reports and the
// node:test TAP report that .ci/run collected in the folder given as the first argument.
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'

const dir = process.argv[2]
let passed = 0
let failed = 0
let skipped = 0
for (const name of readdirSync(dir)) {
  const text = readFileSync(join(dir, name), 'utf8')
  if (name.endsWith('.json')) {
    const report = JSON.parse(text)
    passed += report.numPassedTests
    failed += report.numFailedTests
    skipped += report.numPendingTests + report.numTodoTests
  } else if (name.endsWith('.tap')) {
    passed += Number(/^# pass (\d+)$/m.exec(text)?.[1] ?? 0)
    failed += Number(/^# fail (\d+)$/m.exec(text)?.[1] ?? 0)
    skipped += Number(/^# skipped (\d+)$/m.exec(text)?.[1] ?? 0)
  }
}
console.log(`\nci: ${passed} passed, ${failed} failed, ${skipped} skipped`)
process.exitCode = failed > 0 || passed === 0 ? 1 : 0
