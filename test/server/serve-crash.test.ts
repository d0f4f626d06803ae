/**
 * serve as a child process, killed with SIGKILL at 20 random moments under a write load (decision 0008). Its own
 * file, apart from serve-process.test.ts, so the two run in parallel (it takes about 16 s alone).
 */
import { readdir } from 'node:fs/promises'
import path from 'node:path'

import { describe, expect, it } from 'vitest'

import { AUTH, collaboration, seeded, spawnServe, storedNames, useServeProcesses } from './serve-helpers.ts'

const { dir: scratch } = useServeProcesses()

describe('cleanrooms-mock serve (child process)', () => {
  it('kill -9 at 20 random moments under a write load: every acknowledged write survives and the store always reads', async () => {
    const state = path.join(scratch(), 'killed.json')
    const random = seeded(20261130)
    const acknowledged = new Set<string>()
    let before = new Set<string>()
    const sent = new Set<string>()
    for (let round = 0; round < 20; round++) {
      // The store must open after every kill (never torn), holding every write acknowledged before it.
      const served = await spawnServe(['--state', state])
      const stored = await storedNames(served.url)
      for (const name of acknowledged) expect(stored.has(name), `acknowledged ${name} was lost`).toBe(true)
      // Old or new, never anything else: what is stored was stored before, or was sent since.
      for (const name of stored) expect(before.has(name) || sent.has(name), name).toBe(true)
      before = stored
      sent.clear()

      // A write load of 8 clients; the kill comes after a random number of acknowledged writes, then a random
      // pause, so it lands at a different point of a write (or between writes) every round.
      const killAfter = 1 + Math.floor(random() * 40)
      let acknowledgedThisRound = 0
      let reached: () => void = () => {}
      const target = new Promise<void>((resolve) => {
        reached = resolve
      })
      let stop = false
      const workers = Array.from({ length: 8 }, async (_, worker) => {
        for (let i = 0; !stop; i++) {
          const name = `kill ${round}.${worker}.${i}`
          sent.add(name)
          const response = await fetch(`${served.url}/collaborations`, {
            method: 'POST',
            headers: { authorization: AUTH, 'content-type': 'application/json' },
            body: JSON.stringify(collaboration(name)),
          }).catch(() => undefined)
          if (response?.status !== 200) return
          acknowledged.add(name)
          acknowledgedThisRound += 1
          if (acknowledgedThisRound >= killAfter) reached()
        }
      })
      await target
      await new Promise((resolve) => setTimeout(resolve, random() * 15))
      served.child.kill('SIGKILL')
      stop = true
      await Promise.all(workers)
      await served.exit
    }
    // Writes made progress in every round, and the last restart serves the whole history.
    expect(acknowledged.size).toBeGreaterThanOrEqual(20)
    const last = await spawnServe(['--state', state])
    expect(last.output()).toContain('(loaded;')
    const stored = await storedNames(last.url)
    for (const name of acknowledged) expect(stored.has(name), `acknowledged ${name} was lost`).toBe(true)
    last.child.kill('SIGTERM')
    expect(await last.exit).toBe(0)
    // Temporary files of the killed writers were cleared at the restarts; the lock went with the last stop.
    const left = (await readdir(scratch())).filter(
      (name) => name.startsWith('.killed.json') || name === 'killed.json.lock',
    )
    expect(left).toEqual([])
  }, 240_000)
})
