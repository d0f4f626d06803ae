/** Provider verification: the example consumer's pacts, replayed against the standalone mock server. */
import { readdir } from 'node:fs/promises'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { createCleanRoomsMock } from '../../mocks/index.ts'
import { verifyPacts } from './verify-pacts.ts'

const pactDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../pacts')

describe('provider verification of contracts/pacts', () => {
  it('every interaction of every committed pact passes against mocks/server.ts', async () => {
    const files = (await readdir(pactDir))
      .filter((name) => name.endsWith('.json'))
      .map((name) => path.join(pactDir, name))
    expect(files.length).toBeGreaterThan(0)
    const report = await verifyPacts({ createMock: () => createCleanRoomsMock(), pactFiles: files })
    const failed = report.interactions.filter((outcome) => !outcome.passed)
    expect(failed, JSON.stringify(failed, null, 2)).toEqual([])
    expect(report.errors).toEqual([])
    expect(report.interactions.length).toBeGreaterThanOrEqual(14)
    expect(report.passed).toBe(true)
  })
})
