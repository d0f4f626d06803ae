/** Bench: requests per second on GetMembership, `serve` vs. a bare node:http server, under autocannon. */
import { fork } from 'node:child_process'
import { fileURLToPath } from 'node:url'

import autocannon from 'autocannon'

import { formatNs } from './measure.ts'
import { type Figure, formatRatio } from './report.ts'
import type { ThroughputTargets } from './throughput-target.ts'

const ROUNDS = 3
const SECONDS = 3
const CONNECTIONS = 50

/**
 * Both servers run in one child process (one thread, as `serve` runs), autocannon in this one, so the
 * load generator and the server do not compete for a thread on the 2-core machine. The contenders
 * alternate, and each keeps its best round.
 */
export async function benchThroughput(): Promise<Figure[]> {
  const child = fork(fileURLToPath(new URL('./throughput-target.ts', import.meta.url)), {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  })
  try {
    const targets = await new Promise<ThroughputTargets>((resolve, reject) => {
      child.once('message', (message) => resolve(message as ThroughputTargets))
      child.once('exit', (code) => reject(new Error(`throughput target exited (${code})`)))
    })
    const ask = <T>(message: string) =>
      new Promise<T>((resolve) => {
        child.once('message', (reply) => resolve(reply as T))
        child.send(message)
      })
    const cpuPerRequest = { mock: Number.POSITIVE_INFINITY, bare: Number.POSITIVE_INFINITY }
    const run = async (base: string, name?: 'mock' | 'bare') => {
      await ask('mark')
      const result = await autocannon({
        url: `${base}${targets.path}`,
        connections: CONNECTIONS,
        duration: SECONDS,
        headers: targets.headers,
      })
      if (result.non2xx > 0 || result.errors > 0) {
        throw new Error(`autocannon against ${base}: ${result.non2xx} non-2xx, ${result.errors} errors`)
      }
      const { cpuMicros } = await ask<{ cpuMicros: number }>('read')
      if (name)
        cpuPerRequest[name] = Math.min(cpuPerRequest[name], (cpuMicros * 1000) / result.requests.total)
      return result.requests.total / SECONDS
    }
    // Warm-up: one short run each, not counted.
    await run(targets.mockUrl)
    await run(targets.bareUrl)
    const best = { mock: 0, bare: 0 }
    for (let round = 0; round < ROUNDS; round++) {
      const order = round % 2 === 0 ? (['mock', 'bare'] as const) : (['bare', 'mock'] as const)
      for (const name of order) {
        best[name] = Math.max(
          best[name],
          await run(name === 'mock' ? targets.mockUrl : targets.bareUrl, name),
        )
      }
    }
    const fmt = (rps: number) => `${Math.round(rps).toLocaleString('en')} req/s`
    return [
      {
        kind: 'ratio',
        benchmark: `Server throughput: GetMembership, ${CONNECTIONS} connections`,
        contender: 'cleanrooms-mock serve',
        baseline: 'bare node:http server returning canned bytes',
        measured: fmt(best.mock),
        baselineMeasured: fmt(best.bare),
        ratio: best.mock / best.bare,
        target: { op: '>=', value: 0.6 },
        why:
          `autocannon, ${CONNECTIONS} keep-alive connections, best of ${ROUNDS} runs of ${SECONDS} s each, ` +
          'the servers in a child process. The load generator shares the 2 cores, so the bare server is ' +
          'often limited by autocannon, not by itself; the CPU the server process spends per request is the ' +
          `steadier figure: ${formatNs(cpuPerRequest.mock)} for serve against ${formatNs(cpuPerRequest.bare)} ` +
          `for the bare server (${formatRatio(cpuPerRequest.bare / cpuPerRequest.mock, '>=')} as a ratio). ` +
          'The difference is the wire core (see the in-process figure) plus reading the headers into a wire ' +
          'request and writing the answer.',
      },
      {
        kind: 'reading',
        benchmark: 'Server CPU per request: GetMembership',
        what: 'CPU time of the server process per request (user + system), best run',
        value: `serve ${formatNs(cpuPerRequest.mock)}, bare node:http ${formatNs(cpuPerRequest.bare)}`,
        why:
          'process.cpuUsage() of the server process around each autocannon run, divided by the requests ' +
          'served: what one request costs the server, whether or not the load generator was the bottleneck.',
      },
    ]
  } finally {
    child.disconnect()
    child.kill()
  }
}
