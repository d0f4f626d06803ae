/** Bench: timing of contenders against a baseline in one process, robust to a noisy shared machine. */
import type { Ratio } from './report.ts'

/** One thing to time: a call, awaited one after another. */
export interface Contender {
  name: string
  run: () => unknown
}

export interface CompareOptions {
  /** Calls per contender per round. */
  callsPerRound: number
  /** Rounds; the result is the minimum over them. At least 10. */
  rounds: number
  /** Calls per warm-up batch; warm-up stops when two batches agree within `settle` (and after `minWarmupCalls`). */
  warmupBatch?: number
  minWarmupCalls?: number
  settle?: number
  /** Cap on warm-up batches, so a machine that never settles still finishes. */
  maxWarmupBatches?: number
}

/** Per contender: nanoseconds per call, the minimum over rounds (and the median, to show the noise). */
export interface Timing {
  name: string
  minNs: number
  medianNs: number
  warmupCalls: number
}

/**
 * Times each contender: warm up until timings settle (the JIT and the SDK's caches), then run `rounds`
 * rounds, rotating which contender goes first each round so that none always runs on a warmer or colder
 * machine, and keep each one's fastest round. The minimum is the figure least disturbed by other work on
 * a shared machine; the median is reported beside it.
 */
export async function compare(
  contenders: Contender[],
  options: CompareOptions,
): Promise<Map<string, Timing>> {
  const batch = options.warmupBatch ?? 500
  const minWarmup = options.minWarmupCalls ?? 3_000
  const settle = options.settle ?? 0.05
  const maxBatches = options.maxWarmupBatches ?? 20
  const warmups = new Map<string, number>()
  for (const contender of contenders) {
    let previous = Number.POSITIVE_INFINITY
    let calls = 0
    for (let i = 0; i < maxBatches; i++) {
      const ns = await timeCalls(contender, batch)
      calls += batch
      const settled = Math.abs(ns - previous) / Math.min(ns, previous) < settle
      previous = ns
      if (settled && calls >= minWarmup) break
    }
    warmups.set(contender.name, calls)
  }

  const samples = new Map<string, number[]>(contenders.map((c) => [c.name, []]))
  for (let round = 0; round < Math.max(10, options.rounds); round++) {
    for (let i = 0; i < contenders.length; i++) {
      const contender = contenders[(round + i) % contenders.length]!
      samples.get(contender.name)!.push(await timeCalls(contender, options.callsPerRound))
    }
  }

  const timings = new Map<string, Timing>()
  for (const contender of contenders) {
    const sorted = [...samples.get(contender.name)!].sort((a, b) => a - b)
    timings.set(contender.name, {
      name: contender.name,
      minNs: sorted[0]!,
      medianNs: sorted[Math.floor(sorted.length / 2)]!,
      warmupCalls: warmups.get(contender.name)!,
    })
  }
  return timings
}

/** Nanoseconds per call over `calls` sequential calls. */
async function timeCalls(contender: Contender, calls: number): Promise<number> {
  const start = process.hrtime.bigint()
  for (let i = 0; i < calls; i++) await contender.run()
  return Number(process.hrtime.bigint() - start) / calls
}

/** A contender against its baseline, as a ratio figure shows them: time per call, ratio of the minimums. */
export function perCallRatio(
  contender: Timing,
  baseline: Timing,
): Pick<Ratio, 'measured' | 'baselineMeasured' | 'ratio'> {
  return {
    measured: `${formatNs(contender.minNs)}/call (median ${formatNs(contender.medianNs)})`,
    baselineMeasured: `${formatNs(baseline.minNs)}/call (median ${formatNs(baseline.medianNs)})`,
    ratio: contender.minNs / baseline.minNs,
  }
}

/** `12.3 µs` */
export function formatNs(ns: number): string {
  if (ns >= 1_000_000) return `${(ns / 1_000_000).toFixed(2)} ms`
  if (ns >= 1_000) return `${(ns / 1_000).toFixed(1)} µs`
  return `${ns.toFixed(0)} ns`
}
