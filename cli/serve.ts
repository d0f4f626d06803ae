/** CLI layer: `cleanrooms-mock serve`: options, the start-up banner, and a graceful stop on SIGINT/SIGTERM. */
import { randomInt } from 'node:crypto'
import { parseArgs } from 'node:util'
import {
  createCleanRoomsMock,
  DEFAULT_MODEL,
  MAX_SAMPLE_ACCOUNTS,
  MAX_SAMPLE_COLLABORATIONS,
  MODELS,
  type ModelName,
  type SampleResult,
} from '../mocks/index.ts'
import { type AccountSettings, readAccountsFile } from '../mocks/server/accounts-file.ts'
import { StateFileError } from '../mocks/server/state-file.ts'
import { DEFAULT_HOST, DEFAULT_PORT, type MockServer, startServer } from '../mocks/server.ts'

export const SERVE_USAGE = `serve [--port 4566] [--host 127.0.0.1] [--model ${MODELS.join('|')}] [--accounts <file.json>] [--strict] [--seed <n>] [--state <file.json>] [--sample <collaborations>] [--check-signatures] [--control-token <token>] [--max-restore-bytes <n>]`

/** Environment variable that sets the control token when `--control-token` is not given. */
export const CONTROL_TOKEN_ENV = 'CLEANROOMS_MOCK_CONTROL_TOKEN'

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1'])

/**
 * Runs the server until SIGINT or SIGTERM, then closes it gracefully (in-flight requests finish, the state
 * file is written) and resolves with the exit code: 0 after a clean stop, 1 when it could not start, 2 on bad options.
 */
export async function runServe(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      port: { type: 'string', default: String(DEFAULT_PORT) },
      host: { type: 'string', default: DEFAULT_HOST },
      model: { type: 'string', default: DEFAULT_MODEL },
      accounts: { type: 'string' },
      strict: { type: 'boolean', default: false },
      seed: { type: 'string' },
      state: { type: 'string' },
      sample: { type: 'string' },
      'check-signatures': { type: 'boolean', default: false },
      'control-token': { type: 'string' },
      'max-restore-bytes': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  })
  if (values.help) {
    console.log(`usage: cleanrooms-mock ${SERVE_USAGE}`)
    return 0
  }
  const port = Number(values.port)
  if (!Number.isInteger(port) || port < 0 || port > 65_535)
    return fail(2, `--port must be 0-65535, got ${values.port}`)
  const maxRestoreBytes =
    values['max-restore-bytes'] === undefined ? undefined : Number(values['max-restore-bytes'])
  if (maxRestoreBytes !== undefined && !(Number.isSafeInteger(maxRestoreBytes) && maxRestoreBytes > 0)) {
    return fail(2, `--max-restore-bytes must be a positive integer, got ${values['max-restore-bytes']}`)
  }
  const controlToken = values['control-token'] ?? (process.env[CONTROL_TOKEN_ENV] || undefined)
  if (controlToken !== undefined && controlToken.length < 8) {
    return fail(
      2,
      `the control token (--control-token or ${CONTROL_TOKEN_ENV}) must be at least 8 characters`,
    )
  }
  const seed = values.seed === undefined ? undefined : Number(values.seed)
  if (seed !== undefined && !Number.isInteger(seed))
    return fail(2, `--seed must be an integer, got ${values.seed}`)

  const sample = values.sample === undefined ? undefined : Number(values.sample)
  if (
    sample !== undefined &&
    !(/^\d+$/.test(values.sample ?? '') && Number.isInteger(sample) && sample <= MAX_SAMPLE_COLLABORATIONS)
  ) {
    return fail(
      2,
      `--sample must be a number of collaborations from 0 to ${MAX_SAMPLE_COLLABORATIONS}, got ${values.sample}\nusage: cleanrooms-mock ${SERVE_USAGE}`,
    )
  }

  // R-MODEL-1: an unknown profile is a usage error that lists the profiles.
  const model = values.model
  if (!isModelName(model)) {
    return fail(
      2,
      `--model must be one of ${MODELS.join(', ')}, got ${model}\nusage: cleanrooms-mock ${SERVE_USAGE}`,
    )
  }

  let settings: AccountSettings = { entries: [], accounts: {}, secrets: {} }
  if (values.accounts !== undefined) settings = await readAccountsFile(values.accounts)
  if (values.strict && settings.entries.length === 0) {
    return fail(2, '--strict refuses every key not in --accounts; give an accounts file')
  }
  const checkSignatures = values['check-signatures']
  if (checkSignatures && Object.keys(settings.secrets).length === 0) {
    return fail(2, '--check-signatures needs --accounts with a secretAccessKey for each access key')
  }
  if (!LOOPBACK.has(values.host)) {
    console.warn(
      `warning: listening on ${values.host}, not loopback. The mock does no real authentication: anyone who can ` +
        'reach this address can read and change its state' +
        (controlToken === undefined
          ? ' (the /__mock/ control surface included: set --control-token to keep it to those who know the token).'
          : ' through the AWS paths; the /__mock/ control surface needs the control token.'),
    )
  }

  const mock = createCleanRoomsMock({
    model,
    accounts: settings.accounts,
    strict: values.strict,
    // Without --seed, a fresh seed per start (ids never repeat what a restored state holds either way:
    // the mock skips ids that are taken).
    seed: seed ?? randomInt(2 ** 31),
    ...(settings.defaultAccountId === undefined ? {} : { defaultAccountId: settings.defaultAccountId }),
    ...(checkSignatures ? { secrets: settings.secrets } : {}),
  })

  // Sampled before the server starts, so a new --state file starts with the sample; a state file that already
  // holds a state is loaded over it (the sample fills new states only). Names and accounts follow --seed
  // (default 1), so a front end sees the same accounts at every start.
  const sampleSeed = seed ?? 1
  // The accounts of --accounts (the first 5) are the sample's busy accounts, so their keys see the most.
  const known = [...new Set(settings.entries.map((entry) => entry.accountId))].slice(0, MAX_SAMPLE_ACCOUNTS)
  const sampled =
    sample === undefined
      ? undefined
      : mock.seed.sample({
          collaborations: sample,
          seed: sampleSeed,
          ...(known.length === 0 ? {} : { accounts: known }),
        })

  let server: MockServer
  try {
    server = await startServer({
      mock,
      port,
      host: values.host,
      ...(values.state === undefined ? {} : { stateFile: values.state }),
      ...(maxRestoreBytes === undefined ? {} : { maxRestoreBytes }),
      ...(controlToken === undefined ? {} : { controlToken }),
      onStateWriteError: (error) =>
        console.error(
          `cleanrooms-mock serve: could not write the state file (the requests waiting for it were answered 500): ${(error as Error).message}`,
        ),
      onStateWarning: (message) => console.warn(`cleanrooms-mock serve: ${message}`),
    })
  } catch (error) {
    if (error instanceof StateFileError) return fail(1, `${error.message}. The server did not start.`)
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      return fail(
        1,
        `port ${port} on ${values.host} is in use; choose another with --port (0 picks a free one)`,
      )
    }
    throw error
  }

  // Listen for signals before printing the banner: a harness may signal as soon as it reads it.
  const stopped = new Promise<number>((resolve) => {
    const stop = (signal: NodeJS.Signals) => {
      process.off('SIGINT', stop).off('SIGTERM', stop)
      console.log(`\n${signal}: stopping (in-flight requests finish, then the state is written)`)
      server.close().then(
        () => resolve(0),
        (error: unknown) => {
          console.error(`cleanrooms-mock serve: ${(error as Error).message}`)
          resolve(1)
        },
      )
    }
    process.on('SIGINT', stop).on('SIGTERM', stop)
  })

  console.log(
    banner(server, settings, {
      strict: values.strict,
      checkSignatures,
      state: values.state,
      model,
      controlToken: controlToken !== undefined,
      ...(sampled === undefined
        ? {}
        : { sample: { result: sampled, seed: sampleSeed, applied: !server.restoredState } }),
    }),
  )
  return stopped
}

interface BannerFacts {
  model: ModelName
  strict: boolean
  checkSignatures: boolean
  state: string | undefined
  /** Whether the control surface needs a token (the token itself is never printed). */
  controlToken?: boolean
  /** `--sample`: what was sampled, with which seed, and whether it is the state (not replaced by `--state`). */
  sample?: { result: SampleResult; seed: number; applied: boolean }
}

/** How many sampled accounts the banner lists. */
const BANNER_SAMPLE_ACCOUNTS = 5

/** The start-up text: where to point the SDK, which keys mean which account, and copy-paste examples. */
export function banner(server: MockServer, settings: AccountSettings, facts: BannerFacts): string {
  // With a sample and no accounts file, the example calls as the busiest sampled account.
  const busiest = facts.sample?.applied === true ? facts.sample.result.accounts[0]?.accountId : undefined
  const example = settings.entries[0] ?? {
    accessKeyId: busiest ?? '111111111111',
    secretAccessKey: 'any-secret',
  }
  const secret = example.secretAccessKey ?? 'any-secret'
  const lines = [
    `cleanrooms-mock listening on ${server.url}`,
    `  model:      ${facts.model}${facts.model === DEFAULT_MODEL ? ' (default)' : ''} (--model ${MODELS.join('|')})`,
    `  state:      ${describeState(facts.state, server.restoredState)}`,
    `  signatures: ${facts.checkSignatures ? 'checked (SigV4, R-ID-4)' : 'not checked (--check-signatures to check them)'}`,
  ]
  if (facts.sample !== undefined) lines.push(...describeSample(facts.sample))
  lines.push('', 'Accounts (access key id -> account id):')
  for (const entry of settings.entries) {
    const label = entry.name ? ` (${entry.name})` : ''
    const key = entry.secretAccessKey === undefined ? '' : `  secret: ${entry.secretAccessKey}`
    lines.push(`  ${entry.accessKeyId} -> ${entry.accountId}${label}${key}`)
  }
  lines.push(
    facts.strict
      ? '  any other key: refused (strict mode, UnrecognizedClientException)'
      : `  any other key: a 12-digit key is its own account, others -> ${settings.defaultAccountId ?? '123456789012'}`,
    '',
    'SDK (JavaScript v3):',
    "  new CleanRoomsClient({ region: 'us-east-1', endpoint: " +
      `'${server.url}', credentials: { accessKeyId: '${example.accessKeyId}', secretAccessKey: '${secret}' } })`,
    '',
    'curl:',
    `  curl --aws-sigv4 "aws:amz:us-east-1:cleanrooms" --user ${example.accessKeyId}:${secret} ${server.url}/memberships`,
    '',
    'Control (for test harnesses, not web pages): GET /__mock/health, POST /__mock/reset, GET /__mock/snapshot, POST /__mock/restore, POST /__mock/faults',
    `  POST actions take content-type: application/json${facts.controlToken ? '; every action needs the x-cleanrooms-mock-token header (the token you gave)' : ''}`,
    'Ctrl-C stops the server.',
  )
  return lines.join('\n')
}

function describeSample({ result, seed, applied }: NonNullable<BannerFacts['sample']>): string[] {
  if (!applied) {
    return ['  sample:     not applied: the state file already held a state (--sample fills new states only)']
  }
  const lines = [
    `  sample:     ${result.collaborations.length} collaborations, ${result.accounts.length} accounts in ${result.region} (seed ${seed}); busiest accounts:`,
  ]
  for (const account of result.accounts.slice(0, BANNER_SAMPLE_ACCOUNTS)) {
    lines.push(
      `    ${account.accountId}  ${account.displayName}: ${account.memberships} memberships, ${account.collaborations} collaborations`,
    )
  }
  return lines
}

function describeState(file: string | undefined, restored: boolean): string {
  if (file === undefined) return 'in memory only (--state <file> keeps it across restarts)'
  return `${file} (${restored ? 'loaded' : 'new'}; every change is on disk before it is answered)`
}

function isModelName(value: string): value is ModelName {
  return (MODELS as readonly string[]).includes(value)
}

function fail(code: number, message: string): number {
  console.error(`cleanrooms-mock serve: ${message}`)
  return code
}
