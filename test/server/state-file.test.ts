/** The --state store: acknowledged writes on disk, group commit, compaction, crash recovery, the lock, refusals. */
import { appendFile, cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openStateStore, StateFileError, type StateStore } from '../../mocks/server/state-file.ts'
import { startServer } from '../../mocks/server.ts'

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

describe('state store', () => {
  const stores: StateStore[] = []
  afterEach(async () => {
    await Promise.all(stores.splice(0).map((store) => store.close().catch(() => {})))
  })

  /** Opens the store of `file` and starts it on a state object that the test changes by hand. */
  async function started(file: string, options = {}) {
    const store = await openStateStore(file, options)
    stores.push(store)
    const state = (store.loaded ?? { version: 1, items: {} }) as {
      version: 1
      items: Record<string, unknown>
    }
    await store.start(() => structuredClone(state))
    const put = (id: string, value: unknown) => {
      state.items[id] = value
      return store.write([[['items', id], value]])
    }
    return { store, state, put }
  }

  /** What a restart would find if the process died now: the files copied as they are, opened elsewhere. */
  async function afterCrash(file: string): Promise<unknown> {
    const copy = await mkdtemp(path.join(tmpdir(), 'cleanrooms-crash-'))
    try {
      for (const name of await readdir(dir)) {
        if (name.startsWith(path.basename(file)) && !name.endsWith('.lock')) {
          await cp(path.join(dir, name), path.join(copy, name))
        }
      }
      const store = await openStateStore(path.join(copy, path.basename(file)))
      const loaded = store.loaded
      await store.close()
      return loaded
    } finally {
      await rm(copy, { recursive: true, force: true })
    }
  }

  it('opens a missing file as a fresh start', async () => {
    const store = await openStateStore(path.join(dir, 'none.json'))
    stores.push(store)
    expect(store.loaded).toBeUndefined()
  })

  it('starts a journal beside a state file that has none (written by hand, or by an older version)', async () => {
    const file = path.join(dir, 'state.json')
    await writeFile(file, JSON.stringify({ version: 1, items: { old: 0 } }))
    const { store, put } = await started(file)
    await store.durable(put('a', 1))
    expect(await afterCrash(file)).toEqual({ version: 1, items: { old: 0, a: 1 } })
  })

  it('acknowledges a write only once it is on disk: a crash right after loses nothing', async () => {
    const file = path.join(dir, 'state.json')
    const { store, put } = await started(file)
    await store.durable(put('a', { n: 1 }))
    expect(await afterCrash(file)).toEqual({ version: 1, items: { a: { n: 1 } } })
  })

  it('groups the writes of one event-loop turn into one fsync (group commit)', async () => {
    const file = path.join(dir, 'state.json')
    const { store, put } = await started(file)
    const tickets = Array.from({ length: 1_000 }, (_, i) => put(`k${i}`, i))
    await Promise.all(tickets.map((ticket) => store.durable(ticket)))
    expect(store.stats.batches).toBe(1)
    expect(Object.keys((await afterCrash(file)) as object)).toEqual(['version', 'items'])
    expect(Object.keys(((await afterCrash(file)) as { items: object }).items)).toHaveLength(1_000)
  })

  it('compacts when the journal outgrows its limit, and a restart reads the same state', async () => {
    const file = path.join(dir, 'state.json')
    const { store, state, put } = await started(file, { compactAtBytes: 4_096 })
    for (let i = 0; i < 200; i++) await store.durable(put(`k${i % 50}`, 'x'.repeat(100) + i))
    expect(store.stats.compactions).toBeGreaterThan(1)
    expect(await afterCrash(file)).toEqual(state)
  })

  it('drops a torn last journal line (never acknowledged), and refuses a damaged line before the end', async () => {
    const file = path.join(dir, 'state.json')
    const { store, put } = await started(file)
    await store.durable(put('a', 1))
    await store.close()
    await appendFile(`${file}.journal`, '{"w":[[["items","b"],2')
    const warnings: string[] = []
    const reopened = await openStateStore(file, { onWarning: (message) => warnings.push(message) })
    expect(reopened.loaded).toEqual({ version: 1, items: { a: 1 } })
    expect(warnings.join()).toContain('dropped an incomplete last line')
    await reopened.close()

    const { store: again, put: putAgain } = await started(file)
    await again.durable(putAgain('c', 3))
    await again.close()
    const journal = await readFile(`${file}.journal`, 'utf8')
    const [header = '', first = '', ...rest] = journal.split('\n')
    await writeFile(`${file}.journal`, [header, 'garbage', first, ...rest].join('\n'))
    await expect(openStateStore(file)).rejects.toThrow(/line 2 is not a journal entry/)
  })

  it('ignores a journal that belongs to an earlier snapshot (a compaction stopped half-way)', async () => {
    const file = path.join(dir, 'state.json')
    const { store, put } = await started(file)
    await store.durable(put('a', 1))
    const oldJournal = await readFile(`${file}.journal`, 'utf8')
    await store.durable(store.replace())
    await store.close()
    // The snapshot already holds 'a'; the old journal (whose base is the older snapshot) must not be replayed.
    await writeFile(`${file}.journal`, oldJournal)
    const reopened = await openStateStore(file)
    expect(reopened.loaded).toEqual({ version: 1, items: { a: 1 } })
    await reopened.close()
  })

  it('refuses a second store on the same file while the first runs, naming its pid; takes over a dead one', async () => {
    const file = path.join(dir, 'state.json')
    await started(file)
    await expect(openStateStore(file)).rejects.toThrow(
      `in use by another cleanrooms-mock server (pid ${process.pid}`,
    )
    await writeFile(path.join(dir, 'other.json.lock'), '2147483646\n')
    const store = await openStateStore(path.join(dir, 'other.json'))
    stores.push(store)
    expect(await readFile(path.join(dir, 'other.json.lock'), 'utf8')).toBe(`${process.pid}\n`)
  })

  it('refuses a state file in a directory that does not exist', async () => {
    await expect(openStateStore(path.join(dir, 'missing', 'state.json'))).rejects.toThrow(
      /the directory of state file .*missing.* does not exist/,
    )
  })

  it('refuses the writes it could not make, then rewrites the whole state once the disk is back', async () => {
    const sub = path.join(dir, 'sub')
    await mkdir(sub)
    const file = path.join(sub, 'state.json')
    const errors: unknown[] = []
    const { store, state, put } = await started(file, { onError: (error: unknown) => errors.push(error) })
    await rm(sub, { recursive: true })
    // The journal is still open: appending works; so make the failure real by compacting into the missing directory.
    await expect(store.durable(store.replace())).rejects.toThrow(/ENOENT/)
    expect(errors).toHaveLength(1)
    await mkdir(sub)
    await store.durable(put('b', 2))
    expect(state.items).toEqual({ b: 2 })
    const reopened = await readFile(file, 'utf8')
    expect(JSON.parse(reopened)).toEqual(state)
  })
})

describe('state file through the server', () => {
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
