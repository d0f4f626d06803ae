/** CLI: `cleanrooms-mock diff <old> <new> [--json] [--fail-on any|client|mock|none]`. */
import path from 'node:path'
import { parseArgs } from 'node:util'
import { type DiffReport, diffFiles, type Side } from '../generator/diff/diff-files.ts'
import type { SpecDiff } from '../generator/diff/diff-specs.ts'
import { formatDiff } from '../generator/diff/format-diff.ts'

/** Which breaking changes make `diff` exit 1. */
export type FailOn = 'any' | 'client' | 'mock' | 'none'

/** Usage line for `--help`. */
export const DIFF_USAGE =
  'diff <old model or spec> <new model or spec> [--json] [--fail-on any|client|mock|none]'

/**
 * Runs the subcommand; prints the report; returns 1 when a change breaks whom `--fail-on` names,
 * 2 for bad arguments or an input that cannot be read as a model or spec.
 */
export async function runDiff(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      json: { type: 'boolean', default: false },
      'fail-on': { type: 'string', default: 'any' },
      help: { type: 'boolean', short: 'h' },
    },
  })
  if (values.help) {
    console.log(`usage: cleanrooms-mock ${DIFF_USAGE}`)
    return 0
  }
  const failOn = values['fail-on']
  const [from, to, ...extra] = positionals
  if (from === undefined || to === undefined || extra.length > 0 || !isFailOn(failOn)) {
    console.error(`usage: cleanrooms-mock ${DIFF_USAGE}`)
    return 2
  }
  let report: DiffReport
  try {
    report = await diffFiles(from, to)
  } catch (error) {
    // Not 1: that code means "something breaks", and a CI gate must not read a typo as a verdict.
    console.error(`cleanrooms-mock diff: ${error instanceof Error ? error.message : String(error)}`)
    return 2
  }
  if (values.json) console.log(JSON.stringify(report, null, 2))
  else process.stdout.write(formatDiff(report, describe(report.from), describe(report.to)))
  return breaks(report, failOn) ? 1 : 0
}

function describe(side: Side): string {
  return `${path.basename(side.file)} (${side.format})`
}

function breaks(diff: SpecDiff, failOn: FailOn): boolean {
  const { client, mock } = diff.summary.breaking
  if (failOn === 'none') return false
  if (failOn === 'client') return client
  if (failOn === 'mock') return mock
  return client || mock
}

function isFailOn(value: string): value is FailOn {
  return value === 'any' || value === 'client' || value === 'mock' || value === 'none'
}
