/** Server layer (node only): the `--state` file, read once at start and rewritten atomically after changes. */
import { randomBytes } from 'node:crypto'
import { open, readdir, readFile, rename, rm } from 'node:fs/promises'
import path from 'node:path'

/** The state file exists but cannot be used. The server must stop, and must not overwrite the file. */
export class StateFileError extends Error {
  override readonly name = 'StateFileError'
}

/**
 * Reads the state file. A missing file is a fresh start (`undefined`); anything else that is not a JSON
 * object (unreadable, truncated, not JSON) is a {@link StateFileError} naming the file and what is wrong.
 */
export async function readStateFile(file: string): Promise<unknown> {
  let text: string
  try {
    text = await readFile(file, 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined
    throw new StateFileError(`cannot read state file ${file}: ${(error as Error).message}`)
  }
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch (error) {
    throw new StateFileError(
      `state file ${file} is not valid JSON (${(error as Error).message}); ` +
        'fix or move it away, the server will not overwrite it',
    )
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new StateFileError(`state file ${file} does not hold a mock snapshot (a JSON object)`)
  }
  return parsed
}

/**
 * Writes `text` to `file` so that a reader (or a restart after a crash, `kill -9` included) sees either the
 * old content or the new one, never a mix: a temporary file in the same directory, fsync, rename over the
 * target, fsync of the directory so the rename itself survives a power cut.
 */
async function writeFileAtomic(file: string, text: string): Promise<void> {
  const dir = path.dirname(file)
  const temp = path.join(dir, `.${path.basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`)
  const handle = await open(temp, 'w', 0o600)
  try {
    await handle.writeFile(text, 'utf8')
    await handle.sync()
  } catch (error) {
    await handle.close()
    await rm(temp, { force: true })
    throw error
  }
  await handle.close()
  try {
    await rename(temp, file)
  } catch (error) {
    await rm(temp, { force: true })
    throw error
  }
  await syncDirectory(dir)
}

/**
 * Removes temporary files a killed writer left beside `file` (`.<name>.<pid>.<random>.tmp`), when that
 * process is gone. The state file itself is never touched.
 */
export async function removeStaleTempFiles(file: string): Promise<void> {
  const dir = path.dirname(file)
  const prefix = `.${path.basename(file)}.`
  let names: string[]
  try {
    names = await readdir(dir)
  } catch {
    return
  }
  for (const name of names) {
    if (!name.startsWith(prefix) || !name.endsWith('.tmp')) continue
    const pid = Number(name.slice(prefix.length).split('.')[0])
    if (Number.isInteger(pid) && pid !== process.pid && !isRunning(pid)) {
      await rm(path.join(dir, name), { force: true })
    }
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/** Schedules and coalesces writes of the latest state; see {@link createStateWriter}. */
export interface StateWriter {
  /** Marks the state changed. Cheap: call it on every change. */
  schedule(): void
  /** Resolves once everything scheduled so far is on disk (rejects if the last attempt failed). */
  flush(): Promise<void>
  /** How many times the file was written (for tests and the benchmark). */
  readonly writes: number
}

/**
 * Keeps `file` equal to `read()` after every change, without one fsync per change: a burst of changes
 * during one write becomes a single next write, and a write always serializes the state as it is when
 * the write starts, so the last change is never lost.
 *
 * @param onError called when a write fails (disk full, directory removed); the next change retries.
 */
export function createStateWriter(
  file: string,
  read: () => unknown,
  onError: (error: unknown) => void = () => {},
): StateWriter {
  let dirty = false
  let running: Promise<void> | undefined
  let lastError: unknown
  let writes = 0

  const run = async (): Promise<void> => {
    // Let the current burst of synchronous changes (one event-loop turn) land before serializing.
    await new Promise<void>((resolve) => setImmediate(resolve))
    while (dirty) {
      dirty = false
      try {
        await writeFileAtomic(file, `${JSON.stringify(read())}\n`)
        writes += 1
        lastError = undefined
      } catch (error) {
        // Still dirty: the next schedule() or flush() tries again (not at once, to avoid a hot loop).
        dirty = true
        lastError = error
        onError(error)
        return
      }
    }
  }

  const start = () => {
    running = run().finally(() => {
      running = undefined
      // A change that arrived after the loop's last check but before `finally`: write it too.
      if (dirty && lastError === undefined) start()
    })
  }

  return {
    schedule() {
      dirty = true
      if (!running) start()
    },
    async flush() {
      while (running) await running
      if (dirty) {
        start()
        while (running) await running
      }
      if (lastError !== undefined) throw lastError
    },
    get writes() {
      return writes
    },
  }
}

async function syncDirectory(dir: string): Promise<void> {
  let handle: Awaited<ReturnType<typeof open>> | undefined
  try {
    handle = await open(dir, 'r')
    await handle.sync()
  } catch {
    // Some platforms (Windows) cannot open or fsync a directory; the rename is still atomic there.
  } finally {
    await handle?.close()
  }
}
