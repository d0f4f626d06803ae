/**
 * Bench: the installed CLI. The package is packed (`npm pack`, which builds) and installed into a fresh
 * project, then `cleanrooms-mock --help` and `serve --port 0` (to its "listening on" banner) are timed from
 * there, wall clock, as a user starts them. Targets (issue 9): --help ≤ 0.5 s, serve ready ≤ 1 s. A bare
 * `node -e 0` start is measured in the same run as the baseline, since most of either figure is Node's own
 * start-up on a busy machine.
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process'
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

import type { Figure } from './report.ts'

const ROUNDS = 15
const root = fileURLToPath(new URL('..', import.meta.url))

export async function benchInstalledCli(): Promise<Figure[]> {
  const work = mkdtempSync(path.join(os.tmpdir(), 'cleanrooms-bench-cli-'))
  try {
    execFileSync('npm', ['pack', '--pack-destination', work, '--loglevel=error'], {
      cwd: root,
      stdio: 'ignore',
    })
    const tarball = readdirSync(work).find((name) => name.endsWith('.tgz'))
    if (tarball === undefined) throw new Error('bench/installed-cli: npm pack wrote no tarball')
    const project = path.join(work, 'project')
    execFileSync('mkdir', ['-p', project])
    writeFileSync(path.join(project, 'package.json'), '{ "name": "bench-installed-cli", "private": true }\n')
    execFileSync(
      'npm',
      ['install', '--no-audit', '--no-fund', '--loglevel=error', path.join(work, tarball)],
      {
        cwd: project,
        stdio: 'ignore',
      },
    )
    const bin = path.join(project, 'node_modules/cleanrooms-mock/bin/cleanrooms-mock.js')

    const bare: number[] = []
    const help: number[] = []
    const serve: number[] = []
    for (let round = 0; round < ROUNDS; round++) {
      bare.push(timeRun([process.execPath, '-e', '0'], project))
      help.push(timeRun([process.execPath, bin, '--help'], project))
      serve.push(await timeServe(bin, project))
    }
    const baseline = median(bare)
    const figure = (what: string, samples: number[], target: number): Figure => ({
      kind: 'reading',
      benchmark: 'installed CLI',
      what: `${what} (median of ${ROUNDS}, fastest ${format(Math.min(...samples))})`,
      value: `${format(median(samples))}, ${(median(samples) / baseline).toFixed(1)}× a bare node start (${format(baseline)})`,
      target: `≤ ${format(target)}`,
      met: median(samples) <= target,
      why:
        'Built JavaScript from dist/, no TypeScript loader; --help loads no command, serve loads the mock and ' +
        'the server only. The rest is Node starting and the SDK-free module graph being read from disk.',
    })
    return [
      figure('cleanrooms-mock --help, wall clock', help, 0.5),
      figure('cleanrooms-mock serve --port 0, to ready', serve, 1),
    ]
  } finally {
    rmSync(work, { recursive: true, force: true })
  }
}

function timeRun(command: string[], cwd: string): number {
  const [file = '', ...args] = command
  const t0 = performance.now()
  const result = spawnSync(file, args, { cwd, stdio: 'ignore' })
  if (result.status !== 0)
    throw new Error(`bench/installed-cli: ${command.join(' ')} exited ${result.status}`)
  return (performance.now() - t0) / 1000
}

/** Seconds from spawning `serve --port 0` to its "listening on" line; then it is stopped. */
function timeServe(bin: string, cwd: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now()
    const child = spawn(process.execPath, [bin, 'serve', '--port', '0'], { cwd })
    let out = ''
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString()
      if (out.includes('listening on')) {
        const seconds = (performance.now() - t0) / 1000
        child.once('exit', () => resolve(seconds))
        child.kill('SIGTERM')
      }
    })
    child.once('exit', (code) => {
      if (!out.includes('listening on'))
        reject(new Error(`bench/installed-cli: serve exited ${code}: ${out}`))
    })
  })
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN
}

function format(seconds: number): string {
  return `${seconds.toFixed(2)} s`
}
