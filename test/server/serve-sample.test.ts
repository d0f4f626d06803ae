/** `cleanrooms-mock serve --sample N` as a child process (docs/sample.md, docs/server.md), read through /__mock/snapshot. */
import { type ChildProcess, spawn } from 'node:child_process'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'

import { CleanRoomsClient, paginateListMemberships } from '@aws-sdk/client-cleanrooms'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { CollaborationRecord } from '../../mocks/domain/index.ts'
import { createCleanRoomsMock, type MockSnapshot } from '../../mocks/index.ts'

const repoRoot = path.resolve(import.meta.dirname, '../..')

let dir: string
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'cleanrooms-sample-'))
})
afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

const children: ChildProcess[] = []
afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL')
})

interface Run {
  child: ChildProcess
  output: () => string
  exit: Promise<number | null>
}

/** `cleanrooms-mock serve --port 0 …` as a user runs it. */
function serve(args: string[]): Run {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'cli/index.ts', 'serve', '--port', '0', ...args],
    {
      cwd: repoRoot,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    },
  )
  children.push(child)
  let output = ''
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString()
  })
  child.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString()
  })
  const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
  return { child, output: () => output, exit }
}

/** Waits for the banner (through "Ctrl-C stops the server.") and returns the server's URL. */
async function listening(run: Run): Promise<string> {
  for (;;) {
    const url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(run.output())?.[1]
    if (url !== undefined && run.output().includes('Ctrl-C stops the server.')) return url
    const exited = await Promise.race([
      run.exit.then(() => true),
      new Promise((r) => setTimeout(r, 50, false)),
    ])
    if (exited) throw new Error(`serve exited before listening:\n${run.output()}`)
  }
}

async function stop(run: Run): Promise<void> {
  run.child.kill('SIGTERM')
  expect(await run.exit).toBe(0)
}

async function snapshotOf(url: string): Promise<MockSnapshot> {
  const response = await fetch(`${url}/__mock/snapshot`)
  expect(response.status).toBe(200)
  return (await response.json()) as MockSnapshot
}

function collaborationsOf(snapshot: MockSnapshot): CollaborationRecord[] {
  return Object.values(snapshot.regions['us-east-1']?.collaborations ?? {}) as CollaborationRecord[]
}

/** What stays the same between two starts with the same --seed: everything but the times (the clock is real). */
function withoutTimes(snapshot: MockSnapshot): unknown {
  return JSON.parse(JSON.stringify(snapshot, (key, value) => (/Time$/.test(key) ? undefined : value)))
}

describe('cleanrooms-mock serve --sample', () => {
  it('starts with the sample: the banner names the busiest accounts, the SDK pages through their memberships', async () => {
    const run = serve(['--sample', '12', '--seed', '5'])
    const url = await listening(run)
    expect(run.output()).toMatch(
      /sample: {5}12 collaborations, \d+ accounts in us-east-1 \(seed 5\); busiest accounts:/,
    )
    const busiest = /^ {4}(\d{12}) {2}(.+): (\d+) memberships, (\d+) collaborations$/m.exec(run.output())
    if (busiest === null) throw new Error(`no busiest account in the banner:\n${run.output()}`)
    const [, accountId = '', displayName, memberships] = busiest

    const snapshot = await snapshotOf(url)
    const collaborations = collaborationsOf(snapshot)
    expect(collaborations).toHaveLength(12)
    expect(
      collaborations.flatMap((c) => c.participants).find((p) => p.accountId === accountId)?.displayName,
    ).toBe(displayName)

    const client = new CleanRoomsClient({
      region: 'us-east-1',
      endpoint: url,
      credentials: { accessKeyId: accountId, secretAccessKey: 'any-secret' },
      maxAttempts: 1,
    })
    let listed = 0
    let pages = 0
    for await (const page of paginateListMemberships({ client, pageSize: 2 }, {})) {
      listed += page.membershipSummaries?.length ?? 0
      pages += 1
    }
    expect(listed).toBe(Number(memberships))
    expect(pages).toBe(Math.ceil(Number(memberships) / 2))

    // The sampled state passes the deep snapshot check: of a fresh mock, and of another server's restore.
    createCleanRoomsMock().restore(snapshot)
    const other = serve([])
    const otherUrl = await listening(other)
    const restored = await fetch(`${otherUrl}/__mock/restore`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(snapshot),
    })
    expect(restored.status).toBe(200)
    expect(await snapshotOf(otherUrl)).toEqual(snapshot)
    await Promise.all([stop(run), stop(other)])
  })

  it('gives the same sample for the same --seed (ids included), another one for another seed', async () => {
    const [one, two, three] = [
      serve(['--sample', '6', '--seed', '3']),
      serve(['--sample', '6', '--seed', '3']),
      serve(['--sample', '6', '--seed', '4']),
    ]
    const [a, b, c] = await Promise.all(
      [one, two, three].map(async (run) => snapshotOf(await listening(run!))),
    )
    expect(withoutTimes(b!)).toEqual(withoutTimes(a!))
    expect(withoutTimes(c!)).not.toEqual(withoutTimes(a!))
    await Promise.all([one, two, three].map((run) => stop(run!)))
  })

  it('R-MODEL-1: samples within the --model profile', async () => {
    const run = serve(['--sample', '8', '--model', '2023-11-14'])
    const snapshot = await snapshotOf(await listening(run))
    expect(snapshot.model).toBe('2023-11-14')
    expect(collaborationsOf(snapshot)).toHaveLength(8)
    createCleanRoomsMock({ model: '2023-11-14' }).restore(snapshot)
    await stop(run)
  })

  it('with --state, fills a new state file and leaves an existing state alone', async () => {
    const state = path.join(dir, 'sampled.json')
    const first = serve(['--sample', '5', '--state', state])
    const firstSnapshot = await snapshotOf(await listening(first))
    expect(collaborationsOf(firstSnapshot)).toHaveLength(5)
    await stop(first)

    const second = serve(['--sample', '9', '--state', state])
    const url = await listening(second)
    expect(second.output()).toContain('sample:     not applied: the state file already held a state')
    expect(await snapshotOf(url)).toEqual(firstSnapshot)
    await stop(second)
  })

  it('with --accounts, the accounts of the file are the busy ones and the banner example signs in as the first', async () => {
    const accounts = path.join(dir, 'accounts.json')
    await writeFile(
      accounts,
      JSON.stringify({
        accounts: [
          {
            name: 'alice',
            accountId: '111111111111',
            accessKeyId: 'AKIDALICE',
            secretAccessKey: 'alice-secret',
          },
          { name: 'bob', accountId: '222222222222', accessKeyId: 'AKIDBOB', secretAccessKey: 'bob-secret' },
        ],
      }),
    )
    const run = serve(['--sample', '20', '--accounts', accounts])
    await listening(run)
    const listed = [...run.output().matchAll(/^ {4}(\d{12}) {2}/gm)].map((match) => match[1])
    expect(listed.slice(0, 2).sort()).toEqual(['111111111111', '222222222222'])
    expect(run.output()).toContain("accessKeyId: 'AKIDALICE'")
    await stop(run)
  })

  it('refuses a negative, too large, fractional or non-numeric --sample: usage error, exit 2', async () => {
    const values = ['-1', '10001', '2.5', 'many']
    // In parallel: each is a process start.
    const runs = values.map((value) => serve([`--sample=${value}`]))
    const codes = await Promise.all(runs.map((run) => run.exit))
    values.forEach((value, index) => {
      const run = runs[index] as Run
      expect(codes[index], value).toBe(2)
      expect(run.output()).toContain(
        `cleanrooms-mock serve: --sample must be a number of collaborations from 0 to 10000, got ${value}`,
      )
      expect(run.output()).toContain('usage: cleanrooms-mock serve ')
    })
  })
})
