/** CLI layer: `cleanrooms-mock verify <pact files or dirs>`, a consumer team's Pact verification against the mock. */
import { readdir, readFile, stat } from 'node:fs/promises'
import path from 'node:path'
import { parseArgs } from 'node:util'
import {
  type ConsumerVersionSelector,
  DEFAULT_PROVIDER,
  type VerificationReport,
  type VerifyPactsOptions,
  verifyPacts,
} from '../contracts/provider/verify-pacts.ts'
import { createCleanRoomsMock } from '../mocks/index.ts'

export const VERIFY_USAGE =
  'verify <pact files or dirs> [--provider CleanRoomsMock] [--broker-url <url> [--broker-token <t>] ' +
  "[--consumer-version-selectors '<json array>'] [--enable-pending] [--include-wip-pacts-since <date>]] " +
  '[--publish --provider-version <v> [--provider-branch <b>] [--provider-version-tags <t,…>] [--build-url <url>]]'

/** Where the command writes (a test passes its own). */
export interface VerifyIo {
  out(line: string): void
  err(line: string): void
}

/** The consumer version selectors Pact recommends, used when a broker is given without `--consumer-version-selectors`. */
export const DEFAULT_SELECTORS: ConsumerVersionSelector[] = [
  { mainBranch: true },
  { deployedOrReleased: true },
]

const consoleIo: VerifyIo = { out: (line) => console.log(line), err: (line) => console.error(line) }

/**
 * Runs `verify`: starts the mock server on an ephemeral port, verifies the pacts (local files, the
 * `.json` files of given directories, and/or a broker's) with the provider states catalogue, prints a
 * pass/fail line per interaction, and returns the exit code: 0 all passed, 1 a failure, 2 bad usage.
 * The broker URL and token may also come from `PACT_BROKER_BASE_URL` / `PACT_BROKER_TOKEN`, but the
 * URL only when no pact files are given: a verification of local files never contacts a broker unless
 * `--broker-url` asks for one. Failures of pacts the broker marks pending are reported and exit 0.
 */
export async function runVerify(args: string[], io: VerifyIo = consoleIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      provider: { type: 'string', default: DEFAULT_PROVIDER },
      'broker-url': { type: 'string' },
      'broker-token': { type: 'string' },
      'broker-username': { type: 'string' },
      'broker-password': { type: 'string' },
      'consumer-version-selectors': { type: 'string' },
      'enable-pending': { type: 'boolean', default: false },
      'include-wip-pacts-since': { type: 'string' },
      'provider-version-tags': { type: 'string' },
      'build-url': { type: 'string' },
      publish: { type: 'boolean', default: false },
      'provider-version': { type: 'string' },
      'provider-branch': { type: 'string' },
      'log-level': { type: 'string', default: 'error' },
      help: { type: 'boolean', short: 'h' },
    },
  })
  if (values.help) {
    io.out(`usage: cleanrooms-mock ${VERIFY_USAGE}`)
    return 0
  }
  const usage = (problem: string): number => {
    io.err(`cleanrooms-mock verify: ${problem}`)
    io.err(`usage: cleanrooms-mock ${VERIFY_USAGE}`)
    return 2
  }

  // The environment's broker is the source only when no local pacts are given (PACT_BROKER_BASE_URL is
  // commonly exported in CI for other steps); local files plus a broker need --broker-url.
  const environmentBroker = process.env['PACT_BROKER_BASE_URL'] || undefined
  const brokerUrl = values['broker-url'] ?? (positionals.length === 0 ? environmentBroker : undefined)
  if (values['broker-url'] === undefined && positionals.length > 0 && environmentBroker !== undefined) {
    io.err(
      'note: PACT_BROKER_BASE_URL is set but not used: verifying local pact files only (--broker-url adds a broker)',
    )
  }
  const brokerToken = values['broker-token'] ?? process.env['PACT_BROKER_TOKEN']
  if (positionals.length === 0 && brokerUrl === undefined)
    return usage('give pact files or directories, or --broker-url')
  if (values.publish && (values['provider-version'] === undefined || brokerUrl === undefined)) {
    return usage('--publish needs --provider-version and a broker (--broker-url)')
  }
  const logLevel = values['log-level']
  if (!isLogLevel(logLevel))
    return usage(`--log-level must be trace, debug, info, warn or error, got ${logLevel}`)

  let selectors: ConsumerVersionSelector[] | undefined
  if (values['consumer-version-selectors'] !== undefined) {
    try {
      const parsed: unknown = JSON.parse(values['consumer-version-selectors'])
      selectors = (Array.isArray(parsed) ? parsed : [parsed]) as ConsumerVersionSelector[]
    } catch (error) {
      return usage(`--consumer-version-selectors is not JSON: ${(error as Error).message}`)
    }
  }

  let pactFiles: string[]
  try {
    pactFiles = await expandPactPaths(positionals)
  } catch (error) {
    return usage((error as Error).message)
  }

  const tags = values['provider-version-tags']
    ?.split(',')
    .map((tag) => tag.trim())
    .filter((tag) => tag !== '')
  if (brokerUrl === undefined) {
    for (const flag of ['enable-pending', 'include-wip-pacts-since', 'consumer-version-selectors'] as const) {
      if (values[flag] !== undefined && values[flag] !== false)
        return usage(`--${flag} needs a broker (--broker-url)`)
    }
  }

  const options: VerifyPactsOptions = {
    createMock: () => createCleanRoomsMock(),
    pactFiles,
    provider: values.provider,
    logLevel,
  }
  if (brokerUrl !== undefined) {
    options.broker = {
      url: brokerUrl,
      ...(brokerToken === undefined ? {} : { token: brokerToken }),
      ...(values['broker-username'] === undefined ? {} : { username: values['broker-username'] }),
      ...(values['broker-password'] === undefined ? {} : { password: values['broker-password'] }),
      // Pact's recommended selectors when none are given: the main branch and what is deployed or released.
      consumerVersionSelectors: selectors ?? DEFAULT_SELECTORS,
      ...(values['enable-pending'] ? { enablePending: true } : {}),
      ...(values['include-wip-pacts-since'] === undefined
        ? {}
        : { includeWipPactsSince: values['include-wip-pacts-since'] }),
      ...(tags === undefined ? {} : { providerVersionTags: tags }),
    }
  }
  if (values.publish && values['provider-version'] !== undefined) {
    options.publish = {
      providerVersion: values['provider-version'],
      ...(values['provider-branch'] === undefined ? {} : { providerBranch: values['provider-branch'] }),
      ...(tags === undefined ? {} : { providerVersionTags: tags }),
      ...(values['build-url'] === undefined ? {} : { buildUrl: values['build-url'] }),
    }
  }

  const report = await verifyPacts(options)
  printReport(report, io)
  return report.passed ? 0 : 1
}

const LABELS = { passed: 'PASS', failed: 'FAIL', pending: 'PENDING' } as const

/**
 * One line per interaction (`FAIL  Consumer: description (given state)`), its failures indented under
 * it, then a total. A pending interaction failed in a pact the broker marks pending: reported, not fatal.
 */
function printReport(report: VerificationReport, io: VerifyIo): void {
  io.out('')
  for (const outcome of report.interactions) {
    const who = `${outcome.consumer ?? '(unknown consumer)'}: `
    const given = outcome.providerStates.length > 0 ? ` (given ${outcome.providerStates.join(' and ')})` : ''
    io.out(`${LABELS[outcome.status]}  ${who}${outcome.description}${given}`)
    for (const failure of outcome.failures) io.out(`        ${failure}`)
  }
  for (const error of report.errors) io.err(`error: ${error}`)
  const count = (status: keyof typeof LABELS) =>
    report.interactions.filter((outcome) => outcome.status === status).length
  const pending = count('pending')
  const pendingText =
    pending > 0 ? `, ${pending} pending (failures of pending pacts do not fail the run)` : ''
  io.out(
    `\n${count('passed')} passed, ${count('failed')} failed${pendingText}: verification ${report.passed ? 'passed' : 'FAILED'}`,
  )
}

/**
 * Files as given; directories replaced by the `.json` files directly inside them, sorted. Each must
 * be a JSON object, so a wrong path is a usage error naming the file, not a failed verification.
 */
async function expandPactPaths(paths: string[]): Promise<string[]> {
  const files: string[] = []
  for (const given of paths) {
    const info = await stat(given).catch(() => undefined)
    if (info === undefined) throw new Error(`no such pact file or directory: ${given}`)
    if (!info.isDirectory()) {
      files.push(path.resolve(given))
      continue
    }
    const inside = (await readdir(given)).filter((name) => name.endsWith('.json')).sort()
    if (inside.length === 0) throw new Error(`no .json pact files in ${given}`)
    files.push(...inside.map((name) => path.resolve(given, name)))
  }
  for (const file of files) {
    let json: unknown
    try {
      json = JSON.parse(await readFile(file, 'utf8'))
    } catch (error) {
      throw new Error(`${file} is not a pact file: ${(error as Error).message}`)
    }
    if (typeof json !== 'object' || json === null || Array.isArray(json))
      throw new Error(`${file} is not a pact file: expected a JSON object`)
    const version = specificationOf(json as PactMetadata)
    if (version !== undefined && !SUPPORTED_SPECIFICATIONS.includes(version.split('.')[0] ?? '')) {
      throw new Error(
        `${file} is a Pact specification ${version} pact; verify reads specifications 2, 3 and 4`,
      )
    }
  }
  return files
}

/** Major versions of the Pact specification `verify` reads (V2: pact-jvm/pact-python 2.x, V3, V4). */
const SUPPORTED_SPECIFICATIONS = ['2', '3', '4']

interface PactMetadata {
  metadata?: { pactSpecification?: { version?: unknown }; 'pact-specification'?: { version?: unknown } }
}

/** The file's `metadata.pactSpecification.version` (`pact-specification` in some V2 writers). */
function specificationOf(pact: PactMetadata): string | undefined {
  const version = (pact.metadata?.pactSpecification ?? pact.metadata?.['pact-specification'])?.version
  return typeof version === 'string' ? version : undefined
}

function isLogLevel(value: string): value is NonNullable<VerifyPactsOptions['logLevel']> {
  return ['trace', 'debug', 'info', 'warn', 'error'].includes(value)
}
