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

import { createCleanRoomsMock } from '../../mocks/index.ts'

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
function serveProcess(args: string[]) {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'cli/index.ts', 'serve', '--port', '0', ...args],
    {
      cwd: repoRoot,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  )
  children.push(child)
  return child
}

/** Runs serve as a child process and waits for its banner. */
function spawnServe(args: string[]): Promise<Served> {
  const child = serveProcess(args)
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
async function runServeToExit(args: string[]): Promise<{ code: number | null; output: string }> {
  const child = serveProcess(args)
  let output = ''
  child.stdout.on('data', (chunk: Buffer) => {
    output += chunk.toString()
  })
  child.stderr.on('data', (chunk: Buffer) => {
    output += chunk.toString()
  })
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve))
  return { code, output }
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

  it('leaves a readable state file (old or new, never torn) when killed with SIGKILL during writes', async () => {
    const state = path.join(dir, 'killed.json')
    let acknowledged = 0
    for (let round = 0; round < 3; round++) {
      const served = await spawnServe(['--state', state])
      if (round === 0) {
        // A large state (about 2 MB) makes every write take long enough for a kill to land inside one.
        const big = createCleanRoomsMock()
        for (let i = 0; i < 3_000; i++)
          big.seed.collaboration({ creator: { accountId: ALICE }, members: [{ accountId: BOB }] })
        const restored = await fetch(`${served.url}/__mock/restore`, {
          method: 'POST',
          body: JSON.stringify(big.snapshot()),
        })
        expect(restored.status).toBe(200)
      }
      let stop = false
      const workers = Array.from({ length: 20 }, async () => {
        while (!stop) {
          const response = await fetch(`${served.url}/collaborations`, {
            method: 'POST',
            headers: { authorization: AUTH, 'content-type': 'application/json' },
            body: JSON.stringify(collaboration(`burst ${round}`)),
          }).catch(() => undefined)
          if (response?.status === 200) acknowledged += 1
          else return
        }
      })
      // Kill at a moment that differs per round, while writes are surely in progress.
      await new Promise((resolve) => setTimeout(resolve, 400 + round * 170))
      expect(existsSync(state)).toBe(true)
      served.child.kill('SIGKILL')
      stop = true
      await Promise.all(workers)
      await served.exit

      const text = await readFile(state, 'utf8')
      const snapshot = JSON.parse(text) as { regions: Record<string, { collaborations: object }> }
      const stored = Object.keys(snapshot.regions['us-east-1']?.collaborations ?? {}).length
      expect(stored).toBeGreaterThan(3_000)
      expect(stored).toBeLessThanOrEqual(3_000 + acknowledged)
    }
    // And the server starts again from it, clearing the temporary files the killed writers left.
    const restarted = await spawnServe(['--state', state])
    expect(restarted.output()).toContain('(loaded;')
    expect((await readdir(dir)).filter((name) => name.startsWith('.killed.json.'))).toEqual([])
    restarted.child.kill('SIGTERM')
    expect(await restarted.exit).toBe(0)
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
