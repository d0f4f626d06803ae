/** CLI: `cleanrooms-mock generate`, the spec into mocks/generated and contracts/generated (or a drift check). */
import { parseArgs } from 'node:util'
import { runGenerate } from '../generator/generate.ts'
import { PROFILE_SOURCES } from '../generator/profiles.ts'
import { DEFAULT_SPEC, usage } from './usage.ts'

export const GENERATE_USAGE = `generate [--check] [--spec ${DEFAULT_SPEC}]`

/** `generate [--check] [--spec spec/cleanrooms.openapi.json]` */
export async function runGenerateCommand(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      check: { type: 'boolean', default: false },
      spec: { type: 'string', default: DEFAULT_SPEC },
      help: { type: 'boolean', short: 'h' },
    },
  })
  if (values.help) return usage('generate', GENERATE_USAGE, 0)
  return runGenerate({
    root: process.cwd(),
    spec: values.spec,
    check: values.check,
    profiles: PROFILE_SOURCES,
  })
}
