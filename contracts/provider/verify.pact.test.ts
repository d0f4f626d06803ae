/** Provider verification: the example consumer's pacts, replayed against the standalone mock server. */
import { readdir } from 'node:fs/promises'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { beforeAll, describe, expect, it } from 'vitest'
import { verifyInChild } from '../../test/support/run-verify.ts'
import { STATE_ACCOUNTS } from '../state-names.ts'
import { VERIFY_SECRET } from './signing-request-filter.ts'

const pactDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../pacts')
let pactFiles: string[]

beforeAll(async () => {
  pactFiles = (await readdir(pactDir))
    .filter((name) => name.endsWith('.json'))
    .map((name) => path.join(pactDir, name))
})

/** Every example account with the same secret: the mock checks signatures (R-ID-4) when it has secrets. */
function secretsOf(secret: string): Record<string, string> {
  return Object.fromEntries(Object.values(STATE_ACCOUNTS).map((account) => [account, secret]))
}

describe('provider verification of contracts/pacts', () => {
  it('every interaction of every committed pact passes against mocks/server.ts', async () => {
    expect(pactFiles.length).toBeGreaterThan(0)
    const { report, out } = await verifyInChild({ pactFiles })
    const failed = report.interactions.filter((outcome) => !outcome.passed)
    expect(failed, JSON.stringify(failed, null, 2)).toEqual([])
    expect(report.errors).toEqual([])
    expect(report.interactions.length).toBeGreaterThanOrEqual(18)
    expect(report.passed).toBe(true)
    expect(out.join('\n')).not.toMatch(/FAILED/)
  })

  it('R-ID-4: still passes with signature checking on, since each replayed request is re-signed', async () => {
    const { report } = await verifyInChild({ pactFiles, secrets: secretsOf(VERIFY_SECRET) })
    expect(report.interactions.filter((outcome) => !outcome.passed)).toEqual([])
    expect(report.passed).toBe(true)
  })

  it('R-ID-4: fails when the mock expects other secrets (the signatures are really checked)', async () => {
    // A deliberate failure: the verifier's red report is captured in the child's output, not printed.
    const { report, out } = await verifyInChild({ pactFiles, secrets: secretsOf('some-other-secret') })
    expect(report.passed).toBe(false)
    expect(out.join('\n')).toMatch(/There were \d+ pact failures/)
    expect(report.interactions[0]?.failures.join('\n')).toMatch(/InvalidSignatureException/)
    expect(report.interactions.every((outcome) => !outcome.passed)).toBe(true)
  })
})
