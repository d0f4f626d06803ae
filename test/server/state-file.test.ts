/** The state file: atomic writes, coalesced bursts, refusal of corrupt or unreadable files. */
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'

import { startServer } from '../../mocks/server.ts'
import { createStateWriter, readStateFile, StateFileError } from '../../mocks/state-file.ts'

let dir: string
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'cleanrooms-state-'))
})
afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

/** A stand-in mock: the state file logic only needs snapshot/restore/onChange. */
function counterMock() {
  let state = { version: 1, count: 0 }
  const listeners = new Set<() => void>()
  return {
    handle: () => ({ status: 200, headers: {}, body: '{}' }),
    reset() {
      state = { version: 1, count: 0 }
    },
    snapshot: () => structuredClone(state),
    restore(snapshot: { version: number; count: number }) {
      state = structuredClone(snapshot)
    },
    onChange(listener: () => void) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    bump() {
      state.count += 1
      for (const listener of listeners) listener()
    },
  }
}

describe('state file', () => {
  it('reads a missing file as a fresh start', async () => {
    expect(await readStateFile(path.join(dir, 'none.json'))).toBeUndefined()
  })

  it('coalesces a burst of 1 000 changes into a few writes and keeps the last state', async () => {
    const file = path.join(dir, 'state.json')
    let count = 0
    const writer = createStateWriter(file, () => ({ count }))
    for (let i = 0; i < 1_000; i++) {
      count += 1
      writer.schedule()
      if (i % 100 === 0) await new Promise((resolve) => setImmediate(resolve))
    }
    await writer.flush()
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual({ count: 1_000 })
    expect(writer.writes).toBeLessThan(50)
    expect(writer.writes).toBeGreaterThan(0)
    // No temporary files are left behind.
    expect(await readdir(dir)).toEqual(['state.json'])
  })

  it('writes a change made while a write is in progress', async () => {
    const file = path.join(dir, 'state.json')
    let count = 0
    const writer = createStateWriter(file, () => ({ count }))
    count = 1
    writer.schedule()
    await new Promise((resolve) => setTimeout(resolve, 1))
    count = 2
    writer.schedule()
    await writer.flush()
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual({ count: 2 })
  })

  it('reports a failed write, keeps the change pending, and writes it once the disk is back', async () => {
    const sub = path.join(dir, 'gone')
    const file = path.join(sub, 'state.json')
    const errors: unknown[] = []
    const writer = createStateWriter(
      file,
      () => ({ count: 7 }),
      (error) => errors.push(error),
    )
    writer.schedule()
    await expect(writer.flush()).rejects.toThrow(/ENOENT/)
    expect(errors.length).toBeGreaterThan(0)
    await import('node:fs/promises').then((fs) => fs.mkdir(sub))
    await writer.flush()
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual({ count: 7 })
  })

  it('round-trips the state across a server restart', async () => {
    const file = path.join(dir, 'state.json')
    const first = counterMock()
    const server = await startServer({ mock: first, port: 0, stateFile: file })
    expect(server.restoredState).toBe(false)
    first.bump()
    first.bump()
    await server.close()

    const second = counterMock()
    const restarted = await startServer({ mock: second, port: 0, stateFile: file })
    expect(restarted.restoredState).toBe(true)
    expect(second.snapshot()).toEqual({ version: 1, count: 2 })
    await restarted.close()
  })

  it('refuses a corrupt state file and never overwrites it', async () => {
    const file = path.join(dir, 'state.json')
    const torn = '{"version":1,"regions":{"us-east-1":{"collab'
    await writeFile(file, torn)
    const mock = counterMock()
    await expect(startServer({ mock, port: 0, stateFile: file })).rejects.toThrow(StateFileError)
    await expect(startServer({ mock, port: 0, stateFile: file })).rejects.toThrow(/not valid JSON/)
    mock.bump()
    await new Promise((resolve) => setTimeout(resolve, 20))
    expect(await readFile(file, 'utf8')).toBe(torn)
  })

  it('refuses a state file that is JSON but not a snapshot', async () => {
    const file = path.join(dir, 'state.json')
    await writeFile(file, '[1, 2, 3]')
    await expect(startServer({ mock: counterMock(), port: 0, stateFile: file })).rejects.toThrow(
      /does not hold a mock snapshot/,
    )
    expect(await readFile(file, 'utf8')).toBe('[1, 2, 3]')
  })

  it('refuses a state file the mock cannot restore', async () => {
    const file = path.join(dir, 'state.json')
    await writeFile(file, '{"version":99}')
    const mock = {
      ...counterMock(),
      restore() {
        throw new Error('unsupported snapshot version 99')
      },
    }
    await expect(startServer({ mock, port: 0, stateFile: file })).rejects.toThrow(
      /can restore: unsupported snapshot version 99/,
    )
  })

  it('refuses a state file it cannot read', async () => {
    // A directory where the file should be: readable by nobody as a file, whatever the user (root included).
    const file = path.join(dir, 'state.json')
    await import('node:fs/promises').then((fs) => fs.mkdir(file))
    await expect(startServer({ mock: counterMock(), port: 0, stateFile: file })).rejects.toThrow(
      /cannot read state file/,
    )
  })
})
