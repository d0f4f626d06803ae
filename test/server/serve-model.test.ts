/** `cleanrooms-mock serve --model <date>` (RULES.md R-MODEL-1): the server follows the profile it was started with. */

import { mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { CleanRoomsClient, CreateCollaborationCommand, ValidationException } from '@aws-sdk/client-cleanrooms'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { runServe } from '../../cli/serve.ts'
import { createCleanRoomsMock } from '../../mocks/index.ts'
import { rejectionOf } from '../sdk/raw-request.ts'
import { collaborationInput } from '../sdk/rule-helpers.ts'

describe('serve --model (R-MODEL-1)', () => {
  afterEach(() => vi.restoreAllMocks())

  it('R-MODEL-1: an unknown profile is a usage error (exit 2) that lists the profiles', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {})
    expect(await runServe(['--model', '2024-01-01', '--port', '0'])).toBe(2)
    expect(String(error.mock.calls[0]?.[0])).toMatch(
      /^cleanrooms-mock serve: --model must be one of 2023-11-14, 2026-04-17, 2026-07-27, got 2024-01-01/,
    )
  })

  it("R-MODEL-1: --model 2023-11-14 serves the seed's service: an ability that came later is a validation error", async () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => {})
    vi.spyOn(console, 'warn').mockImplementation(() => {})
    const exit = runServe(['--model', '2023-11-14', '--port', '0', '--seed', '1'])
    await vi.waitFor(() => expect(log).toHaveBeenCalled())
    const banner = String(log.mock.calls[0]?.[0])
    expect(banner).toContain('model:      2023-11-14')
    const url = /listening on (\S+)/.exec(banner)?.[1] ?? ''
    const client = new CleanRoomsClient({
      region: 'us-east-1',
      endpoint: url,
      maxAttempts: 1,
      credentials: { accessKeyId: '111111111111', secretAccessKey: 'x' },
    })
    const error = await rejectionOf(
      client.send(
        new CreateCollaborationCommand(collaborationInput({ creatorMemberAbilities: ['CAN_RUN_JOB'] })),
      ),
    )
    expect(error).toBeInstanceOf(ValidationException)
    expect((error as ValidationException).fieldList?.map((f) => f.name)).toEqual(['creatorMemberAbilities.0'])
    process.emit('SIGINT')
    expect(await exit).toBe(0)
  })

  it('R-MODEL-1: a state file written by another profile is refused at start, and left as it was', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {})
    vi.spyOn(console, 'warn').mockImplementation(() => {})
    const old = createCleanRoomsMock({ model: '2023-11-14' })
    old.seed.collaboration({ creator: { accountId: '111111111111', abilities: ['CAN_QUERY'] } })
    const file = path.join(await mkdtemp(path.join(tmpdir(), 'serve-model-')), 'state.json')
    const text = JSON.stringify(old.snapshot())
    await writeFile(file, text)
    expect(await runServe(['--port', '0', '--state', file])).toBe(1)
    expect(error.mock.calls.map(([line]) => String(line)).join('\n')).toMatch(
      /belongs to model profile 2023-11-14; this mock follows 2026-04-17/,
    )
    expect(await readFile(file, 'utf8')).toBe(text)
  })
})
