/** CLI layer: `cleanrooms-mock <subcommand>`, a small dispatcher with one function per subcommand. */
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { parseArgs } from 'node:util'
import { runGenerate } from './generate.ts'
import { writeSpec } from './import/write-spec.ts'

/** A subcommand: a one-line summary for `--help`, its usage, and what it does (exit code back). */
interface Command {
  summary: string
  usage: string
  run: (args: string[]) => Promise<number>
}

const DEFAULT_SPEC = 'spec/cleanrooms.openapi.json'

/** `import-model <model.json> --model-date YYYY-MM-DD [--paginators <file>] [--out spec/cleanrooms.openapi.json]` */
async function importModel(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      out: { type: 'string', default: DEFAULT_SPEC },
      'model-date': { type: 'string' },
      paginators: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  })
  if (values.help) return usage('import-model', 0)
  const [model, ...extra] = positionals
  const modelDate = values['model-date']
  if (model === undefined || extra.length > 0) return usage('import-model', 2, 'give exactly one model file')
  // A Smithy JSON AST carries no release date, and the spec must record one: ask for it.
  if (modelDate === undefined)
    return usage('import-model', 2, '--model-date is required (the model has no date)')
  const { doc, paginatorsPath } = await writeSpec(model, values.out, {
    modelDate,
    ...(values.paginators === undefined ? {} : { paginatorsPath: values.paginators }),
  })
  const ops = doc.info['x-operations']
  const source = doc.info['x-source-model'] as { format?: string } | undefined
  console.log(`wrote ${values.out}: ${Array.isArray(ops) ? ops.length : 0} operations, model ${modelDate}`)
  if (source?.format === 'botocore') {
    // botocore keeps pagination in a second file; without it the spec says nothing is paginated.
    if (paginatorsPath) console.log(`pagination from ${paginatorsPath}`)
    else
      console.warn('no paginators-1.json beside the model: the spec has no x-paginated (pass --paginators)')
  }
  return 0
}

/** `generate [--check] [--spec spec/cleanrooms.openapi.json]` */
async function generateCode(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      check: { type: 'boolean', default: false },
      spec: { type: 'string', default: DEFAULT_SPEC },
      help: { type: 'boolean', short: 'h' },
    },
  })
  if (values.help) return usage('generate', 0)
  return runGenerate({ root: process.cwd(), spec: values.spec, check: values.check })
}

/** Subcommands by name; add one entry (and one function above) per new subcommand. */
const COMMANDS: Record<string, Command> = {
  generate: {
    summary: 'generate mocks/generated and contracts/generated from the spec (--check: fail on drift)',
    usage: `generate [--check] [--spec ${DEFAULT_SPEC}]`,
    run: generateCode,
  },
  serve: {
    summary: 'run the mock as an HTTP server for the SDK, curl and other languages (default 127.0.0.1:4566)',
    usage:
      'serve [--port 4566] [--host 127.0.0.1] [--accounts <file.json>] [--strict] [--seed <n>] [--state <file.json>] [--check-signatures]',
    // Loaded on demand: `generate` must keep working even when the mock does not compile.
    run: async (args) => (await import('../mocks/serve-command.ts')).runServe(args),
  },
  diff: {
    summary:
      'what changed between two AWS models or specs, and whether it breaks clients or mocks (exit 1 if so)',
    usage: 'diff <old model or spec> <new model or spec> [--json] [--fail-on any|client|mock|none]',
    // Loaded on demand, like serve: the other subcommands do not need it.
    run: async (args) => (await import('./diff/run-diff.ts')).runDiff(args),
  },
  'import-model': {
    summary: 'import an AWS model (Smithy JSON AST or botocore service-2.json) into the OpenAPI spec',
    usage: `import-model <model.json> --model-date YYYY-MM-DD [--paginators <paginators-1.json>] [--out ${DEFAULT_SPEC}]`,
    run: importModel,
  },
  verify: {
    summary: "verify a consumer's pact files (or a broker's pacts) against the mock and its provider states",
    usage:
      "verify <pact files or dirs> [--broker-url <url> --broker-token <t> --consumer-version-selectors '<json>'] [--publish --provider-version <v>]",
    // Loaded on demand: only this command needs Pact's native core.
    run: async (args) => (await import('../contracts/provider/verify-command.ts')).runVerify(args),
  },
}

function help(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((n) => n.length))
  const lines = Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}`)
  return [
    'usage: cleanrooms-mock <command> [options]',
    '',
    'commands:',
    ...lines,
    '',
    'cleanrooms-mock <command> --help for its options',
  ].join('\n')
}

function usage(name: string, code: number, problem?: string): number {
  if (problem) console.error(`cleanrooms-mock ${name}: ${problem}`)
  const text = `usage: cleanrooms-mock ${COMMANDS[name]?.usage ?? name}`
  if (code === 0) console.log(text)
  else console.error(text)
  return code
}

/** Runs the CLI on `argv` (without node and script) and returns the exit code. */
export async function runCli(argv: string[]): Promise<number> {
  const [name, ...rest] = argv
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    console.log(help())
    return name === undefined ? 2 : 0
  }
  const command = COMMANDS[name]
  if (!command) {
    console.error(`cleanrooms-mock: unknown command ${name}\n\n${help()}`)
    return 2
  }
  try {
    return await command.run(rest)
  } catch (error) {
    console.error(`cleanrooms-mock ${name}: ${error instanceof Error ? error.message : String(error)}`)
    return 1
  }
}

// Run when executed directly (`tsx generator/cli.ts …`); bin/cleanrooms-mock.js imports runCli instead.
if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  process.exitCode = await runCli(process.argv.slice(2))
}
