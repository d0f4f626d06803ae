/**
 * CLI: `cleanrooms-mock <command>`, a dispatcher over one file per command (cli/<command>.ts), each loaded
 * only when its command runs: `serve` and `verify` never load the generator, `--help` loads no command.
 * Imports (enforced by biome.json, test/architecture/layers.test.ts): cli/ may import anything, but index.ts,
 * usage.ts, serve.ts and verify.ts never import generator/; generate.ts, import-model.ts and diff.ts, loaded
 * lazily, may.
 */
import { existsSync } from 'node:fs'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { DEFAULT_SPEC } from './usage.ts'

/** A subcommand: a one-line summary, its usage and options for `--help`, and what it does (exit code back). */
interface Command {
  summary: string
  usage: string
  /** `[option, meaning]` pairs, in the order of the usage line. */
  options: ReadonlyArray<readonly [string, string]>
  /** What each exit code means. */
  exits: string
  run: (args: string[]) => Promise<number>
}

/** Subcommands by name; add one entry (and one function above) per new subcommand. */
const COMMANDS: Record<string, Command> = {
  generate: {
    summary: 'generate mocks/generated and contracts/generated from the spec (--check: fail on drift)',
    usage: `generate [--check] [--spec ${DEFAULT_SPEC}]`,
    options: [
      ['--check', 'write nothing; name every generated file that differs from what the spec generates'],
      ['--spec <file>', `the spec to generate from (default ${DEFAULT_SPEC})`],
    ],
    exits: '0 written or up to date, 1 drift (with --check) or an error, 2 bad arguments',
    run: async (args) => (await maintainerCommand('generate', 'runGenerateCommand'))(args),
  },
  serve: {
    summary: 'run the mock as an HTTP server for the SDK, curl and other languages (default 127.0.0.1:4566)',
    usage:
      'serve [--port 4566] [--host 127.0.0.1] [--model 2023-11-14|2026-04-17|2026-07-27] [--accounts <file.json>] [--strict] [--seed <n>] [--state <file.json>] [--sample <collaborations>] [--check-signatures] [--control-token <token>] [--max-restore-bytes <n>]',
    options: [
      ['--port <n>', 'port to listen on (default 4566; 0 picks a free one)'],
      ['--host <addr>', 'address to listen on (default 127.0.0.1; anything else is reachable by others)'],
      ['--model <date>', 'the service as of that AWS model date (default 2026-04-17; R-MODEL-1)'],
      ['--accounts <file>', 'access keys and their account ids (docs/server.md)'],
      ['--strict', 'refuse access keys not in --accounts (R-ID-3)'],
      ['--seed <n>', 'seed of the generated ids (default: a new one per start)'],
      [
        '--state <file>',
        'load the state at start; every change is on disk before it is answered (its directory must exist)',
      ],
      [
        '--sample <n>',
        'fill a new state with n realistic collaborations (0-10000; names and accounts follow --seed, default 1; docs/sample.md)',
      ],
      ['--check-signatures', 'verify SigV4 signatures with the secrets of --accounts (R-ID-4)'],
      [
        '--control-token <token>',
        'require this token in x-cleanrooms-mock-token on /__mock/ (default: $CLEANROOMS_MOCK_CONTROL_TOKEN)',
      ],
      ['--max-restore-bytes <n>', 'largest POST /__mock/restore body (default 268435456, 256 MiB)'],
    ],
    exits: '0 after a clean stop (SIGINT/SIGTERM), 1 could not start, 2 bad arguments',
    // Loaded on demand: `generate` must keep working even when the mock does not compile.
    run: async (args) => (await import('./serve.ts')).runServe(args),
  },
  diff: {
    summary:
      'what changed between two AWS models or specs, and whether it breaks clients or mocks (exit 1 if so)',
    usage: 'diff <old model or spec> <new model or spec> [--json] [--fail-on any|client|mock|none]',
    options: [
      ['<old> <new>', 'each a Smithy JSON AST, a botocore service-2.json, or a spec written by import-model'],
      ['--json', 'print the report as JSON (docs/decisions/0005)'],
      ['--fail-on <who>', 'exit 1 when a change breaks any (default), client, mock, or none'],
    ],
    exits: '0 nothing breaking, 1 a breaking change (per --fail-on), 2 bad arguments or an unreadable input',
    // Loaded on demand, like serve: the other subcommands do not need it.
    run: async (args) => (await maintainerCommand('diff', 'runDiff'))(args),
  },
  'import-model': {
    summary: 'import an AWS model (Smithy JSON AST or botocore service-2.json) into the OpenAPI spec',
    usage: `import-model <model.json> --model-date YYYY-MM-DD [--paginators <paginators-1.json>] [--unique-items-from <smithy.json>] [--out ${DEFAULT_SPEC}]`,
    options: [
      ['<model.json>', 'a Smithy JSON AST or a botocore service-2.json'],
      ['--model-date <date>', 'the release date of the model, YYYY-MM-DD (required: neither format has one)'],
      [
        '--paginators <file>',
        'botocore only: its paginators-1.json (default: the one beside the model, if any)',
      ],
      [
        '--unique-items-from <file>',
        'botocore only: a Smithy model whose @uniqueItems lists of unchanged structure keep (R-MODEL-3)',
      ],
      ['--out <file>', `where to write the spec (default ${DEFAULT_SPEC})`],
    ],
    exits: '0 written, 1 the model could not be imported, 2 bad arguments',
    run: async (args) => (await maintainerCommand('import-model', 'runImportModel'))(args),
  },
  verify: {
    summary: "verify a consumer's pact files (or a broker's pacts) against the mock and its provider states",
    usage:
      'verify <pact files or dirs> [--provider CleanRoomsMock] [--broker-url <url> [--broker-token <t>] ' +
      "[--consumer-version-selectors '<json array>'] [--enable-pending] [--include-wip-pacts-since <date>]] " +
      '[--publish --provider-version <v> [--provider-branch <b>] [--provider-version-tags <t,…>] [--build-url <url>]]',
    options: [
      ['<pact files or dirs>', 'pact files, or directories whose .json files are pacts'],
      ['--provider <name>', 'the provider name the pacts use (default CleanRoomsMock)'],
      [
        '--broker-url <url>',
        'fetch pacts from a Pact Broker (default $PACT_BROKER_BASE_URL, only when no pact files are given)',
      ],
      [
        '--broker-token <t>',
        'its token (default $PACT_BROKER_TOKEN); or --broker-username/--broker-password',
      ],
      [
        '--consumer-version-selectors <json>',
        'which consumer versions to verify (default \'[{"mainBranch":true},{"deployedOrReleased":true}]\')',
      ],
      [
        '--enable-pending',
        "pending pacts are reported but do not fail the run (the broker's pending feature)",
      ],
      ['--include-wip-pacts-since <date>', 'also verify work-in-progress pacts published since this date'],
      ['--publish', 'publish the results to the broker (needs --broker-url and --provider-version)'],
      ['--provider-version <v>', 'the provider version the results are published for'],
      ['--provider-branch <b>', 'and its branch'],
      ['--provider-version-tags <t,…>', 'and its tags, comma-separated'],
      ['--build-url <url>', 'the CI run, attached to the published results'],
      ['--log-level <level>', 'Pact log level: trace, debug, info, warn or error (default error)'],
    ],
    exits: '0 every interaction passed, 1 one failed or none were found, 2 bad arguments',
    // Loaded on demand: only this command needs Pact's native core.
    run: async (args) => (await needsPact(() => import('./verify.ts'))).runVerify(args),
  },
}

/**
 * Loads a command that needs @pact-foundation/pact, an optional peer dependency: without it, the error says
 * what to install instead of Node's "Cannot find package".
 */
async function needsPact<Module>(load: () => Promise<Module>): Promise<Module> {
  try {
    return await load()
  } catch (error) {
    const code = (error as { code?: unknown } | null)?.code
    if (
      code === 'ERR_MODULE_NOT_FOUND' &&
      String((error as Error).message).includes("'@pact-foundation/pact'")
    )
      throw new Error(
        'needs @pact-foundation/pact 16.x or 17.x, an optional peer dependency: npm install -D @pact-foundation/pact',
        { cause: error },
      )
    throw error
  }
}

/** Thrown when a repository-only command runs from an installed package; printed as it is, exit 2. */
class RepositoryOnly extends Error {}

/**
 * Loads cli/<name>.ts, a maintainer command (generate, import-model, diff): they need the repository's
 * spec/ and generator/ and its dev dependencies, so the package ships none of them
 * (docs/decisions/0009-installed-cli.md). The specifier is built at run time so the build (tsc) neither
 * follows nor emits them: from an installed package the file is absent, and the command says where it works.
 */
async function maintainerCommand(
  name: string,
  exported: string,
): Promise<(args: string[]) => Promise<number>> {
  const file = new URL(`./${name}.ts`, import.meta.url)
  if (!existsSync(file)) {
    throw new RepositoryOnly(
      `cleanrooms-mock ${name} is a maintainer command: it works in a clone of the cleanrooms-mock repository ` +
        `(npm ci, then npm run ${name === 'generate' ? 'generate' : `${name} --`} …), not from an installed package. ` +
        'Installed, the package runs serve and verify.',
    )
  }
  const run: unknown = ((await import(file.href)) as Record<string, unknown>)[exported]
  if (typeof run !== 'function') throw new Error(`cli/${name}.ts exports no ${exported}`)
  return run as (args: string[]) => Promise<number>
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

/** The `--help` text of one subcommand: usage, what it does, its options and exit codes. */
function commandHelp(command: Command): string {
  const width = Math.max(...command.options.map(([option]) => option.length))
  return [
    `usage: cleanrooms-mock ${command.usage}`,
    '',
    `${command.summary}.`,
    '',
    'options:',
    ...command.options.map(([option, meaning]) => `  ${option.padEnd(width)}  ${meaning}`),
    '',
    `exit: ${command.exits}`,
  ].join('\n')
}

function usage(name: string, code: number, problem?: string): number {
  if (problem) console.error(`cleanrooms-mock ${name}: ${problem}`)
  const text = `usage: cleanrooms-mock ${COMMANDS[name]?.usage ?? name}`
  if (code === 0) console.log(text)
  else console.error(text)
  return code
}

/** node:util parseArgs rejects unknown options, missing values and stray positionals with these codes. */
function isArgumentError(error: unknown): error is Error {
  const code = (error as { code?: unknown } | null)?.code
  return error instanceof Error && typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS_')
}

/** Runs the CLI on `argv` (without node and script) and returns the exit code. */
export async function runCli(argv: string[]): Promise<number> {
  const [name, ...rest] = argv
  if (name === '--help' || name === '-h' || name === 'help') {
    console.log(help())
    return 0
  }
  if (name === undefined) {
    // No command is a usage error: the help goes to stderr, like every other one.
    console.error(help())
    return 2
  }
  const command = COMMANDS[name]
  if (!command) {
    console.error(`cleanrooms-mock: unknown command ${name}\n\n${help()}`)
    return 2
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    console.log(commandHelp(command))
    return 0
  }
  try {
    return await command.run(rest)
  } catch (error) {
    // A wrong option is the caller's mistake (exit 2, with the usage), not a failure of the command.
    if (isArgumentError(error)) return usage(name, 2, error.message)
    if (error instanceof RepositoryOnly) {
      console.error(error.message)
      return 2
    }
    console.error(`cleanrooms-mock ${name}: ${error instanceof Error ? error.message : String(error)}`)
    return 1
  }
}

// Run when executed directly (`tsx cli/index.ts …`, or node on the built dist/cli/index.js); bin/cleanrooms-mock.js imports runCli instead.
if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  process.exitCode = await runCli(process.argv.slice(2))
}
