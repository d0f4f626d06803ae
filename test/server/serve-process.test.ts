/** serve as a child process: restarts, signals, kill -9 during writes, a corrupt state file, curl --aws-sigv4. */
import { type ChildProcess, execFile, spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { connect } from 'node:net'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'

import {
  CleanRoomsClient,
  CreateCollaborationCommand,
  ListMembershipsCommand,
} from '@aws-sdk/client-cleanrooms'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'

const repoRoot = path.resolve(import.meta.dirname, '../..')
const ALICE = '111111111111'
const BOB = '222222222222'

let dir: string
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'cleanrooms-serve-'))
})
afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

interface Served {
  child: ChildProcess
  url: string
  port: number
  output: () => string
  exit: Promise<number | null>
}

const children: ChildProcess[] = []
afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL')
})

/** `cleanrooms-mock serve --port 0 …` as a child process, as a user runs it; killed after the test. */
function serveProcess(args: string[], env: Record<string, string> = {}) {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'cli/index.ts', 'serve', '--port', '0', ...args],
    {
      cwd: repoRoot,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, ...env },
    },
  )
  children.push(child)
  return child
}

/** Runs serve as a child process and waits for its banner. */
function spawnServe(args: string[], env: Record<string, string> = {}): Promise<Served> {
  const child = serveProcess(args, env)
  let output = ''
  const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString()
      const match = /listening on (http:\/\/127\.0\.0\.1:(\d+))/.exec(output)
      if (match) {
        child.stdout?.off('data', onData)
        child.stdout?.on('data', (more: Buffer) => {
          output += more.toString()
        })
        resolve({ child, url: match[1]!, port: Number(match[2]), output: () => output, exit })
      }
    }
    child.stdout?.on('data', onData)
    child.stderr?.on('data', (chunk: Buffer) => {
      output += chunk.toString()
    })
    void exit.then((code) => reject(new Error(`serve exited (${code}) before listening:\n${output}`)))
  })
}

/** Runs serve and expects it to stop by itself; returns its exit code and output. */
async function runServeToExit(
  args: string[],
): Promise<{ code: number | null; signal: NodeJS.Signals | null; output: string }> {
  const child = serveProcess(args)
  let output = ''
  child.stdout.on('data', (chunk: Buffer) => {
    output += chunk.toString()
  })
  child.stderr.on('data', (chunk: Buffer) => {
    output += chunk.toString()
  })
  const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve) =>
    child.on('exit', (exitCode, exitSignal) => resolve([exitCode, exitSignal])),
  )
  return { code, signal, output }
}

function client(url: string, accessKeyId = ALICE, secretAccessKey = 'secret'): CleanRoomsClient {
  return new CleanRoomsClient({
    region: 'us-east-1',
    endpoint: url,
    credentials: { accessKeyId, secretAccessKey },
    maxAttempts: 1,
  })
}

const collaboration = (name: string) => ({
  name,
  description: 'from the process tests',
  creatorDisplayName: 'alice',
  creatorMemberAbilities: ['CAN_QUERY' as const, 'CAN_RECEIVE_RESULTS' as const],
  members: [{ accountId: BOB, memberAbilities: [], displayName: 'bob' }],
  queryLogStatus: 'DISABLED' as const,
})

/** A small seeded PRNG (mulberry32): the kill moments differ per round and repeat per run. */
function seeded(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** The names of the collaborations a running server holds. */
async function storedNames(url: string): Promise<Set<string>> {
  const snapshot = (await (await fetch(`${url}/__mock/snapshot`)).json()) as {
    regions: Record<string, { collaborations: Record<string, { name: string }> }>
  }
  return new Set(Object.values(snapshot.regions['us-east-1']?.collaborations ?? {}).map((c) => c.name))
}

const AUTH = `AWS4-HMAC-SHA256 Credential=${ALICE}/20260101/us-east-1/cleanrooms/aws4_request, SignedHeaders=host, Signature=${'0'.repeat(64)}`

describe('cleanrooms-mock serve (child process)', () => {
  it('keeps the state across a graceful restart (SIGTERM, exit 0)', async () => {
    const state = path.join(dir, 'restart.json')
    const first = await spawnServe(['--state', state])
    const created = await client(first.url).send(new CreateCollaborationCommand(collaboration('kept')))
    first.child.kill('SIGTERM')
    expect(await first.exit).toBe(0)

    const second = await spawnServe(['--state', state])
    expect(second.output()).toContain('(loaded;')
    const again = await fetch(`${second.url}/__mock/snapshot`)
    expect(await again.text()).toContain(created.collaboration!.id!)
    second.child.kill('SIGTERM')
    expect(await second.exit).toBe(0)
  })

  it('lets an in-flight request finish on SIGTERM, then writes it to the state file', async () => {
    const state = path.join(dir, 'in-flight.json')
    const served = await spawnServe(['--state', state])
    const body = JSON.stringify(collaboration('finished after SIGTERM'))
    const socket = connect(served.port, '127.0.0.1')
    let reply = ''
    socket.setEncoding('utf8').on('data', (chunk: string) => {
      reply += chunk
    })
    const closed = new Promise((resolve) => socket.on('close', resolve))
    await new Promise((resolve) => socket.on('connect', resolve))
    socket.write(
      `POST /collaborations HTTP/1.1\r\nhost: x\r\nauthorization: ${AUTH}\r\ncontent-type: application/json\r\n` +
        `content-length: ${Buffer.byteLength(body)}\r\n\r\n${body.slice(0, 20)}`,
    )
    await new Promise((resolve) => setTimeout(resolve, 300))
    served.child.kill('SIGTERM')
    await new Promise((resolve) => setTimeout(resolve, 300))
    // The server has stopped accepting new connections by now, but this one is still served.
    await expect(fetch(`${served.url}/__mock/health`)).rejects.toThrow()
    socket.write(body.slice(20))
    await closed
    expect(reply).toMatch(/^HTTP\/1\.1 200/)
    expect(await served.exit).toBe(0)
    expect(await readFile(state, 'utf8')).toContain('finished after SIGTERM')
  })

  it('kill -9 at 20 random moments under a write load: every acknowledged write survives and the store always reads', async () => {
    const state = path.join(dir, 'killed.json')
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
    const left = (await readdir(dir)).filter(
      (name) => name.startsWith('.killed.json') || name === 'killed.json.lock',
    )
    expect(left).toEqual([])
  }, 240_000)

  it("refuses a second server on the same state file, naming the first one's pid", async () => {
    const state = path.join(dir, 'shared.json')
    const first = await spawnServe(['--state', state])
    let second = await runServeToExit(['--state', state])
    // Once in 26 full runs under load the second process ended by a signal within a second (output not kept);
    // nothing in the server sends one, and a process ended from outside proves nothing about the lock, so it
    // gets one more start. Its signal and output are in the message if it happens again.
    if (second.signal !== null) second = await runServeToExit(['--state', state])
    expect(second.code, `exit signal ${second.signal}, output:\n${second.output}`).toBe(1)
    expect(second.output).toContain(`in use by another cleanrooms-mock server (pid ${first.child.pid}`)
    // The first one is untouched and still serves.
    expect((await fetch(`${first.url}/__mock/health`)).status).toBe(200)
    first.child.kill('SIGTERM')
    expect(await first.exit).toBe(0)
  })

  it('refuses a state file in a directory that does not exist, at start', async () => {
    const state = path.join(dir, 'no-such-dir', 'state.json')
    const { code, output } = await runServeToExit(['--state', state])
    expect(code).toBe(1)
    expect(output).toContain('does not exist')
    expect(output).toContain('did not start')
    expect(existsSync(path.dirname(state))).toBe(false)
  })

  it('takes the control token from CLEANROOMS_MOCK_CONTROL_TOKEN (or --control-token) and refuses a short one', async () => {
    const served = await spawnServe([], { CLEANROOMS_MOCK_CONTROL_TOKEN: 'token-from-env' })
    expect(served.output()).toContain('x-cleanrooms-mock-token')
    expect(served.output()).not.toContain('token-from-env')
    expect((await fetch(`${served.url}/__mock/health`)).status).toBe(403)
    const allowed = await fetch(`${served.url}/__mock/health`, {
      headers: { 'x-cleanrooms-mock-token': 'token-from-env' },
    })
    expect(allowed.status).toBe(200)
    served.child.kill('SIGTERM')
    expect(await served.exit).toBe(0)
    const short = await runServeToExit(['--control-token', 'short'])
    expect(short.code).toBe(2)
    expect(short.output).toContain('at least 8 characters')
  })

  it('refuses to start on a corrupt state file and leaves the file as it was', async () => {
    const state = path.join(dir, 'corrupt.json')
    const torn = '{"version":1,"regions":{"us-east-1":{"collaborations":{"c1":{"id":"c1","na'
    await writeFile(state, torn)
    const { code, output } = await runServeToExit(['--state', state])
    expect(code).toBe(1)
    expect(output).toContain(state)
    expect(output).toContain('not valid JSON')
    expect(output).toContain('did not start')
    expect(await readFile(state, 'utf8')).toBe(torn)
  })

  it('prints the endpoint, the accounts with their keys, and SDK and curl examples', async () => {
    const accounts = path.join(dir, 'accounts.json')
    await writeFile(
      accounts,
      JSON.stringify({
        accounts: [
          { name: 'alice', accountId: ALICE, accessKeyId: 'AKIDALICE', secretAccessKey: 'alice-secret' },
        ],
      }),
    )
    const served = await spawnServe(['--accounts', accounts])
    const banner = served.output()
    expect(banner).toContain(`cleanrooms-mock listening on ${served.url}`)
    expect(banner).toContain(`AKIDALICE -> ${ALICE} (alice)`)
    expect(banner).toContain(`endpoint: '${served.url}'`)
    expect(banner).toContain(
      `curl --aws-sigv4 "aws:amz:us-east-1:cleanrooms" --user AKIDALICE:alice-secret ${served.url}/memberships`,
    )
    served.child.kill('SIGINT')
    expect(await served.exit).toBe(0)
  })

  it('R-ID-4: answers curl --aws-sigv4 with signatures checked, and refuses a wrong secret', async (context) => {
    const curl = await promisify(execFile)('curl', ['--version']).catch(() => undefined)
    if (!curl || !/^curl ([89]|\d{2,})\.|^curl 7\.(7[5-9]|[89]\d)\./.test(curl.stdout)) {
      context.skip('curl with --aws-sigv4 (7.75+) is not installed')
    }
    const accounts = path.join(dir, 'curl-accounts.json')
    await writeFile(
      accounts,
      JSON.stringify({
        accounts: [{ accountId: ALICE, accessKeyId: 'AKIDALICE', secretAccessKey: 'alice-secret' }],
      }),
    )
    const served = await spawnServe(['--accounts', accounts, '--check-signatures'])
    const run = (user: string, ...args: string[]) =>
      promisify(execFile)('curl', [
        '--silent',
        '--show-error',
        '--include',
        '--aws-sigv4',
        'aws:amz:us-east-1:cleanrooms',
        '--user',
        user,
        ...args,
      ])
    const created = await run(
      'AKIDALICE:alice-secret',
      '-H',
      'content-type: application/json',
      '--data',
      JSON.stringify(collaboration('from curl')),
      `${served.url}/collaborations`,
    )
    expect(created.stdout).toMatch(/^HTTP\/1\.1 200/)
    const id = /"id":"([0-9a-f-]{36})"/.exec(created.stdout)?.[1]
    expect(id).toBeDefined()
    const listed = await run('AKIDALICE:alice-secret', `${served.url}/collaborations/${id}/members`)
    expect(listed.stdout).toMatch(/^HTTP\/1\.1 200/)
    expect(listed.stdout).toContain(`"accountId":"${BOB}"`)

    const wrong = await run('AKIDALICE:not-the-secret', `${served.url}/memberships`)
    expect(wrong.stdout).toMatch(/^HTTP\/1\.1 403/)
    expect(wrong.stdout).toContain('x-amzn-errortype: InvalidSignatureException')

    // The SDK, signing for real, is accepted by the same server.
    const sdk = client(served.url, 'AKIDALICE', 'alice-secret')
    await expect(sdk.send(new ListMembershipsCommand({}))).resolves.toHaveProperty('membershipSummaries', [])
    served.child.kill('SIGTERM')
    expect(await served.exit).toBe(0)
  })
})
