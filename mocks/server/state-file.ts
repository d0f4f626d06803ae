/**
 * Server layer (node only): the `--state` store. A snapshot file plus an append-only journal beside it; a
 * change is acknowledged only once its journal line is fsynced, and its cost does not grow with the state
 * (decision 0008).
 */
import { createHash } from 'node:crypto'
import { type FileHandle, open, readFile, rm, stat } from 'node:fs/promises'
import path from 'node:path'

import { isRecord } from '../internal/is-record.ts'
import { removeStaleTempFiles, writeFileAtomic } from './atomic-file.ts'
import { StateFileError } from './state-file-error.ts'
import { acquireLock } from './state-lock.ts'

export { StateFileError }

/** One written record: its path in the snapshot and its new value (see `StateChange` of the mock). */
export type StateWrite = readonly [path: readonly string[], value: unknown]

export interface StateStoreOptions {
  /**
   * Journal size that triggers a compaction (the snapshot rewritten, the journal emptied), in bytes; the
   * journal may also grow to the snapshot's own size, so compactions stay proportional to the writes. Default 8 MiB.
   */
  compactAtBytes?: number
  /** Told about what the store did on its own at open (a journal ignored, a torn last line dropped). */
  onWarning?: (message: string) => void
  /** Told when writing failed (disk full, directory removed); the writes waiting are refused with the error. */
  onError?: (error: unknown) => void
}

/** An open `--state` store (see {@link openStateStore}). */
export interface StateStore {
  /** The state found at open: the snapshot with the journal applied; `undefined` for a fresh start. */
  readonly loaded: unknown
  /**
   * Starts persisting. `read` returns the current snapshot, for compactions. Compacts first when the journal
   * holds anything, so appends always follow a clean journal.
   */
  start(read: () => unknown): Promise<void>
  /** Queues the written records (serialized at once, so live values are fine); returns a ticket for {@link StateStore.durable}. */
  write(writes: readonly StateWrite[]): number
  /** Queues a compaction (the whole state was replaced); returns a ticket. */
  replace(): number
  /** The last ticket handed out (0 before any). */
  readonly lastTicket: number
  /** Resolves once everything queued up to `ticket` is on disk; rejects when writing it failed. */
  durable(ticket: number): Promise<void>
  /** Waits for the queue, compacts (so the snapshot file alone holds the state), closes and releases the lock. */
  close(): Promise<void>
  /** Counters, for tests and the benchmark. */
  readonly stats: { readonly batches: number; readonly compactions: number; readonly journalBytes: number }
}

const DEFAULT_COMPACT_AT_BYTES = 8 * 1024 * 1024
const JOURNAL_VERSION = 1

/**
 * Opens the store of `file`: checks its directory, takes the lock (`<file>.lock`, holding this process's pid),
 * reads the snapshot and applies the journal (`<file>.journal`).
 *
 * @throws StateFileError when the directory does not exist, another live process holds the lock (its pid is
 *   named), or the snapshot or journal cannot be read; nothing is written then.
 */
export async function openStateStore(file: string, options: StateStoreOptions = {}): Promise<StateStore> {
  const dir = path.dirname(file)
  const directory = await stat(dir).catch(() => undefined)
  if (!directory?.isDirectory()) {
    throw new StateFileError(
      `the directory of state file ${file} (${path.resolve(dir)}) does not exist; create it first`,
    )
  }
  const lockFile = `${file}.lock`
  await acquireLock(lockFile, file)
  try {
    const loaded = await load(file, options.onWarning ?? (() => {}))
    await removeStaleTempFiles(file)
    await removeStaleTempFiles(journalOf(file))
    return createStore(file, lockFile, loaded, options)
  } catch (error) {
    await rm(lockFile, { force: true })
    throw error
  }
}

interface Loaded {
  state: unknown
  /** Whether the journal must be rewritten before appending: missing, stale, or holding entries or a torn tail. */
  journalDirty: boolean
  snapshotBytes: number
}

function journalOf(file: string): string {
  return `${file}.journal`
}

async function load(file: string, warn: (message: string) => void): Promise<Loaded> {
  const snapshotText = await readOptional(file)
  let state: unknown
  if (snapshotText !== undefined) {
    try {
      state = JSON.parse(snapshotText)
    } catch (error) {
      throw new StateFileError(
        `state file ${file} is not valid JSON (${(error as Error).message}); ` +
          'fix or move it away, the server will not overwrite it',
      )
    }
    if (typeof state !== 'object' || state === null || Array.isArray(state)) {
      throw new StateFileError(`state file ${file} does not hold a mock snapshot (a JSON object)`)
    }
  }
  const journal = journalOf(file)
  const journalText = await readOptional(journal)
  const snapshotBytes = snapshotText === undefined ? 0 : Buffer.byteLength(snapshotText)
  // No journal yet (a fresh start, or a state file written by hand or by an older version): one is started.
  if (journalText === undefined) return { state, journalDirty: true, snapshotBytes }

  const lines = journalText.split('\n')
  const header = parseLine(lines[0] ?? '') as { journal?: unknown; base?: unknown } | undefined
  if (header?.journal !== JOURNAL_VERSION || typeof header.base !== 'string') {
    throw new StateFileError(
      `journal ${journal} does not start with a journal header; fix or move it away (with ${file}), the server will not overwrite it`,
    )
  }
  if (snapshotText === undefined || header.base !== hash(snapshotText)) {
    // A compaction wrote the snapshot and was stopped before it emptied the journal: the snapshot holds it all.
    warn(`journal ${journal} belongs to an earlier snapshot (a compaction was interrupted); ignored`)
    return { state, journalDirty: true, snapshotBytes }
  }
  let dirty = false
  for (let index = 1; index < lines.length; index++) {
    const line = lines[index] ?? ''
    const last = index === lines.length - 1
    if (line === '' && last) break
    dirty = true
    const entry = parseLine(line) as { w?: unknown } | undefined
    if (entry === undefined || !Array.isArray(entry.w)) {
      if (last) {
        // The last line, cut short by a crash while it was being appended: never acknowledged, so dropped.
        warn(
          `journal ${journal}: dropped an incomplete last line (a crash while it was written; it was never acknowledged)`,
        )
        break
      }
      throw new StateFileError(
        `journal ${journal} line ${index + 1} is not a journal entry; fix or move it away, the server will not overwrite it`,
      )
    }
    for (const write of entry.w as StateWrite[]) applyWrite(state as Record<string, unknown>, write)
  }
  return { state, journalDirty: dirty, snapshotBytes }
}

/** Sets `value` at `path`, creating the objects on the way; own properties only (`__proto__` is a key like any other). */
function applyWrite(root: Record<string, unknown>, [keys, value]: StateWrite): void {
  let node = root
  keys.forEach((key, index) => {
    if (index === keys.length - 1) {
      defineOwn(node, key, value)
      return
    }
    let next = Object.hasOwn(node, key) ? node[key] : undefined
    if (typeof next !== 'object' || next === null) {
      next = {}
      defineOwn(node, key, next)
    }
    node = next as Record<string, unknown>
  })
}

function defineOwn(node: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(node, key, { value, enumerable: true, writable: true, configurable: true })
}

function parseLine(line: string): unknown {
  try {
    const value: unknown = JSON.parse(line)
    return isRecord(value) ? value : undefined
  } catch {
    return undefined
  }
}

async function readOptional(file: string): Promise<string | undefined> {
  try {
    return await readFile(file, 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined
    throw new StateFileError(`cannot read state file ${file}: ${(error as Error).message}`)
  }
}

function hash(text: string): string {
  return createHash('sha256').update(text).digest('hex')
}

function createStore(file: string, lockFile: string, loaded: Loaded, options: StateStoreOptions): StateStore {
  const compactAtBytes = options.compactAtBytes ?? DEFAULT_COMPACT_AT_BYTES
  const journal = journalOf(file)
  let read: (() => unknown) | undefined
  let handle: FileHandle | undefined
  let snapshotBytes = loaded.snapshotBytes
  let journalBytes = 0
  let queue: string[] = []
  let compactQueued = false
  /** After a failed write the journal may be short of what memory holds: the next step rewrites everything. */
  let broken = false
  let ticket = 0
  let done = 0
  const waiters: Array<{ ticket: number; resolve: () => void; reject: (error: unknown) => void }> = []
  let running: Promise<void> | undefined
  let closed = false
  const stats = { batches: 0, compactions: 0, journalBytes: 0 }

  const compact = async (): Promise<void> => {
    if (!read) throw new Error('state store not started')
    // Taken synchronously with the queue cleared: every change so far is in this text, every later one is not.
    const text = `${JSON.stringify(read())}\n`
    await writeFileAtomic(file, text)
    const header = `${JSON.stringify({ journal: JOURNAL_VERSION, base: hash(text) })}\n`
    await writeFileAtomic(journal, header)
    await handle?.close()
    handle = await open(journal, 'a', 0o600)
    snapshotBytes = Buffer.byteLength(text)
    journalBytes = Buffer.byteLength(header)
    stats.compactions += 1
  }

  const settle = (upTo: number, error?: unknown): void => {
    done = upTo
    for (let index = waiters.length - 1; index >= 0; index--) {
      const waiter = waiters[index]
      if (waiter === undefined || waiter.ticket > upTo) continue
      waiters.splice(index, 1)
      if (error === undefined) waiter.resolve()
      else waiter.reject(error)
    }
  }

  const loop = async (): Promise<void> => {
    // One event-loop turn: the changes of requests handled together go out in one batch (group commit).
    await new Promise<void>((resolve) => setImmediate(resolve))
    while (queue.length > 0 || compactQueued) {
      const upTo = ticket
      try {
        if (compactQueued || broken || journalBytes >= Math.max(compactAtBytes, snapshotBytes)) {
          queue = []
          compactQueued = false
          await compact()
          broken = false
        } else {
          const text = queue.join('')
          queue = []
          if (!handle) throw new Error('state store not started')
          await handle.write(text)
          await handle.datasync()
          journalBytes += Buffer.byteLength(text)
          stats.batches += 1
        }
        stats.journalBytes = journalBytes
        settle(upTo)
      } catch (error) {
        broken = true
        settle(upTo, error)
        options.onError?.(error)
        // Not at once again: the next change (or close) retries, with a compaction.
        return
      }
    }
  }

  const kick = (): void => {
    running ??= loop().finally(() => {
      running = undefined
      if ((queue.length > 0 || compactQueued) && !broken) kick()
    })
  }

  return {
    loaded: loaded.state,
    async start(readState) {
      read = readState
      if (loaded.journalDirty) {
        await compact()
      } else {
        handle = await open(journal, 'a', 0o600)
        journalBytes = (await handle.stat()).size
      }
    },
    write(writes) {
      if (closed) throw new Error('state store closed')
      queue.push(`${JSON.stringify({ w: writes })}\n`)
      ticket += 1
      kick()
      return ticket
    },
    replace() {
      if (closed) throw new Error('state store closed')
      compactQueued = true
      ticket += 1
      kick()
      return ticket
    },
    get lastTicket() {
      return ticket
    },
    durable(wanted) {
      if (wanted <= done) return Promise.resolve()
      return new Promise((resolve, reject) => waiters.push({ ticket: wanted, resolve, reject }))
    },
    async close() {
      if (closed) return
      closed = true
      while (running) await running
      try {
        // The snapshot file alone then holds the state (and a failed write gets its last retry).
        if (read && (broken || queue.length > 0 || compactQueued || journalBytes > headerBytes())) {
          queue = []
          await compact()
        }
      } finally {
        await handle?.close()
        await rm(lockFile, { force: true })
      }
    },
    stats,
  }
}

/** Size of an empty journal (its header line). */
function headerBytes(): number {
  return Buffer.byteLength(`${JSON.stringify({ journal: JOURNAL_VERSION, base: hash('') })}\n`)
}
