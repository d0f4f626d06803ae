/** Server layer (node only): the `<file>.lock` of a `--state` store: one server per state file. */
import { open, readFile, rm } from 'node:fs/promises'

import { isRunning } from './atomic-file.ts'
import { StateFileError } from './state-file-error.ts'

/**
 * Takes `<file>.lock` (created exclusively, holding our pid). A lock whose process is gone (a `kill -9`) is
 * taken over; a live one refuses the start, naming its pid.
 */
export async function acquireLock(lockFile: string, file: string): Promise<void> {
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const handle = await open(lockFile, 'wx', 0o600)
      await handle.writeFile(`${process.pid}\n`)
      await handle.close()
      return
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
        throw new StateFileError(`cannot create lock file ${lockFile}: ${(error as Error).message}`)
      }
    }
    const pid = Number((await readFile(lockFile, 'utf8').catch(() => '')).trim())
    if (Number.isInteger(pid) && pid > 0 && isRunning(pid)) {
      throw new StateFileError(
        `state file ${file} is in use by another cleanrooms-mock server (pid ${pid}${pid === process.pid ? ', this process' : ''}; ` +
          `lock file ${lockFile}); stop it, or give this one another --state file`,
      )
    }
    // Left by a process that is gone (or half-written by one that was killed while creating it).
    await rm(lockFile, { force: true })
  }
  throw new StateFileError(`cannot take lock file ${lockFile}: another process keeps creating it`)
}
