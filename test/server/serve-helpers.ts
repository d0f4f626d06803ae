/** Test support for the serve child-process tests (serve-process.test.ts, serve-crash.test.ts). */
import { type ChildProcess, spawn } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'

import { CleanRoomsClient } from '@aws-sdk/client-cleanrooms'
import { afterAll, afterEach, beforeAll } from 'vitest'

export const repoRoot = path.resolve(import.meta.dirname, '../..')
export const ALICE = '111111111111'
export const BOB = '222222222222'

/** A scratch directory for the file's state files, removed after it; and every child killed after each test. */
export function useServeProcesses(): { dir: () => string } {
  let dir = ''
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'cleanrooms-serve-'))
  })
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true })
  })
  afterEach(() => {
    for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL')
  })
  return { dir: () => dir }
}

export interface Served {
  child: ChildProcess
  url: string
  port: number
  output: () => string
  exit: Promise<number | null>
}

const children: ChildProcess[] = []

/** `cleanrooms-mock serve --port 0 …` as a child process, as a user runs it; killed after the test. */
export function serveProcess(args: string[], env: Record<string, string> = {}) {
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
export function spawnServe(args: string[], env: Record<string, string> = {}): Promise<Served> {
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
export async function runServeToExit(args: string[]): Promise<{ code: number | null; output: string }> {
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

export function client(url: string, accessKeyId = ALICE, secretAccessKey = 'secret'): CleanRoomsClient {
  return new CleanRoomsClient({
    region: 'us-east-1',
    endpoint: url,
    credentials: { accessKeyId, secretAccessKey },
    maxAttempts: 1,
  })
}

export const collaboration = (name: string) => ({
  name,
  description: 'from the process tests',
  creatorDisplayName: 'alice',
  creatorMemberAbilities: ['CAN_QUERY' as const, 'CAN_RECEIVE_RESULTS' as const],
  members: [{ accountId: BOB, memberAbilities: [], displayName: 'bob' }],
  queryLogStatus: 'DISABLED' as const,
})

/** A small seeded PRNG (mulberry32): the kill moments differ per round and repeat per run. */
export function seeded(seed: number): () => number {
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
export async function storedNames(url: string): Promise<Set<string>> {
  const snapshot = (await (await fetch(`${url}/__mock/snapshot`)).json()) as {
    regions: Record<string, { collaborations: Record<string, { name: string }> }>
  }
  return new Set(Object.values(snapshot.regions['us-east-1']?.collaborations ?? {}).map((c) => c.name))
}

export const AUTH = `AWS4-HMAC-SHA256 Credential=${ALICE}/20260101/us-east-1/cleanrooms/aws4_request, SignedHeaders=host, Signature=${'0'.repeat(64)}`
