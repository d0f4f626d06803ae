/** Bench: the figures every benchmark returns, printed to the console and written to docs/benchmarks.md. */
import { writeFile } from 'node:fs/promises'
import os from 'node:os'

/** One ratio against a baseline measured in the same process and run. */
export interface Ratio {
  kind: 'ratio'
  benchmark: string
  contender: string
  baseline: string
  /** Contender and baseline, formatted with units ("41.2 µs", "9 800 req/s"). */
  measured: string
  baselineMeasured: string
  ratio: number
  /** `<=` for a cost (time), `>=` for a share (throughput). */
  target: { op: '<=' | '>='; value: number }
  /** Where the difference goes; printed always, and as the reason when the target is missed. */
  why: string
}

/** A figure reported without a ratio target (or with a target in absolute units). */
export interface Reading {
  kind: 'reading'
  benchmark: string
  what: string
  value: string
  target?: string
  met?: boolean
  why: string
}

export type Figure = Ratio | Reading

export function met(figure: Ratio): boolean {
  return figure.target.op === '<=' ? figure.ratio <= figure.target.value : figure.ratio >= figure.target.value
}

/** `1.12× (target ≤ 1.15×, met)` or `… missed by 8%`. */
export function verdict(figure: Ratio): string {
  const target = `target ${figure.target.op === '<=' ? '≤' : '≥'} ${formatRatio(figure.target.value, figure.target.op)}`
  if (met(figure)) return `${target}, met`
  const miss =
    figure.target.op === '<='
      ? figure.ratio / figure.target.value - 1
      : 1 - figure.ratio / figure.target.value
  return `${target}, **missed by ${(miss * 100).toFixed(0)}%**`
}

/** A cost ratio as `1.12×`; a share (throughput, `>=` targets) as `72%`. */
export function formatRatio(value: number, op: '<=' | '>=' = '<='): string {
  return op === '>=' ? `${(value * 100).toFixed(0)}%` : `${value.toFixed(2)}×`
}

export function printFigure(figure: Figure): void {
  if (figure.kind === 'ratio') {
    console.log(
      `  ${figure.benchmark}: ${formatRatio(figure.ratio, figure.target.op)} (${figure.measured} vs ${figure.baselineMeasured}; ${verdict(figure).replaceAll('**', '')})`,
    )
  } else {
    const target = figure.target
      ? ` (target ${figure.target}${figure.met === false ? ', MISSED' : ', met'})`
      : ''
    console.log(`  ${figure.benchmark}: ${figure.what} = ${figure.value}${target}`)
  }
}

/** The machine, as the report states it. */
export function machine(): string {
  const cpus = os.cpus()
  const model = cpus[0]?.model.trim() ?? 'unknown CPU'
  return `${cpus.length} × ${model}, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB RAM, ${os.type()} ${os.release()} (${os.arch()}), Node ${process.version}`
}

export interface ReportContext {
  date: Date
  durationSeconds: number
  method: string[]
  /** Dated, hand-written findings (profiles) explaining missed targets. */
  analysis: string[]
}

/** Writes docs/benchmarks.md: machine, date, method, then every figure with its target and explanation. */
export async function writeReport(file: string, figures: Figure[], context: ReportContext): Promise<void> {
  const ratios = figures.filter((f): f is Ratio => f.kind === 'ratio')
  const readings = figures.filter((f): f is Reading => f.kind === 'reading')
  const lines = [
    '# Benchmarks',
    '',
    'Written by `npm run bench` (`bench/run.ts`); do not edit by hand, run it again.',
    '',
    `- Date: ${context.date.toISOString().replace('T', ' ').slice(0, 16)} UTC`,
    `- Machine: ${machine()}`,
    `- Load average at the end: ${os
      .loadavg()
      .map((n) => n.toFixed(2))
      .join(', ')} (the machine is shared; figures are minimums over rounds)`,
    `- Whole run: ${context.durationSeconds.toFixed(0)} s`,
    '',
    '## Method',
    '',
    ...context.method.map((line) => `- ${line}`),
    '',
    '## Ratios',
    '',
    '| benchmark | contender | baseline | ratio | target |',
    '| --- | --- | --- | --- | --- |',
    ...ratios.map(
      (f) =>
        `| ${f.benchmark} | ${f.contender}: ${f.measured} | ${f.baseline}: ${f.baselineMeasured} | ${formatRatio(f.ratio, f.target.op)} | ${verdict(f)} |`,
    ),
    '',
    '## Other figures',
    '',
    '| benchmark | what | value | target |',
    '| --- | --- | --- | --- |',
    ...readings.map(
      (f) =>
        `| ${f.benchmark} | ${f.what} | ${f.value} | ${f.target ? `${f.target}${f.met === false ? ', **missed**' : ', met'}` : 'reported'} |`,
    ),
    '',
    '## Notes',
    '',
    ...figures.map((f) => `- **${f.benchmark}${f.kind === 'reading' ? ` (${f.what})` : ''}**: ${f.why}`),
    '',
    '## Where the time goes',
    '',
    ...context.analysis.map((line) => `- ${line}`),
    '',
  ]
  await writeFile(file, lines.join('\n'))
}
