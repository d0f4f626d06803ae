/**
 * Test support: runs one verification in a child process, whose standard output (where the native Pact
 * verifier prints its report, out of reach of the test's own console) the parent captures.
 * `verify-child.ts cli <args…>` runs the `verify` command; `verify-child.ts api '<json>'` runs verifyPacts
 * with `{ pactFiles, secrets?, broker?, publish?, provider? }` and prints the report after REPORT_MARK.
 */
import { runVerify } from '../../cli/verify.ts'
import { type VerifyPactsOptions, verifyPacts } from '../../contracts/provider/verify-pacts.ts'
import { createCleanRoomsMock } from '../../mocks/index.ts'
import { REPORT_MARK } from './run-verify.ts'

const [mode, ...rest] = process.argv.slice(2)
if (mode === 'cli') {
  process.exitCode = await runVerify(rest)
} else if (mode === 'api') {
  const { secrets, ...options } = JSON.parse(rest[0] ?? '{}') as Omit<VerifyPactsOptions, 'createMock'> & {
    secrets?: Record<string, string>
  }
  const report = await verifyPacts({
    ...options,
    createMock: () => createCleanRoomsMock(secrets === undefined ? {} : { secrets }),
  })
  process.stdout.write(`\n${REPORT_MARK}${JSON.stringify(report)}\n`)
}
