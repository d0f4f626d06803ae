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
  "[--consumer-version-selectors '<json array>'] [--enable-pending]] [--publish --provider-version <v> [--provider-branch <b>]]"

/** Where the command writes (a test passes its own). */
export interface VerifyIo {
  out(line: string): void
  err(line: string): void
}

const consoleIo: VerifyIo = { out: (line) => console.log(line), err: (line) => console.error(line) }

/**
 * Runs `verify`: starts the mock server on an ephemeral port, verifies the pacts (local files, the
 * `.json` files of given directories, and/or a broker's) with the provider states catalogue, prints a
 * pass/fail line per interaction, and returns the exit code: 0 all passed, 1 a failure, 2 bad usage.
 * The broker URL and token may also come from `PACT_BROKER_BASE_URL` / `PACT_BROKER_TOKEN`.
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

  const brokerUrl = values['broker-url'] ?? process.env['PACT_BROKER_BASE_URL']
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
      ...(selectors === undefined ? {} : { consumerVersionSelectors: selectors }),
      ...(values['enable-pending'] ? { enablePending: true } : {}),
    }
  }
  if (values.publish && values['provider-version'] !== undefined) {
    options.publish = {
      providerVersion: values['provider-version'],
      ...(values['provider-branch'] === undefined ? {} : { providerBranch: values['provider-branch'] }),
    }
  }

  const report = await verifyPacts(options)
  printReport(report, io)
  return report.passed ? 0 : 1
}

/** One line per interaction, its failures indented under it, then a total. */
function printReport(report: VerificationReport, io: VerifyIo): void {
  io.out('')
  for (const outcome of report.interactions) {
    const who = outcome.consumer === undefined ? '' : `${outcome.consumer}: `
    io.out(`${outcome.passed ? 'PASS' : 'FAIL'}  ${who}${outcome.description}`)
    for (const failure of outcome.failures) io.out(`        ${failure}`)
  }
  for (const error of report.errors) io.err(`error: ${error}`)
  const failed = report.interactions.filter((outcome) => !outcome.passed).length
  const passed = report.interactions.length - failed
  io.out(`\n${passed} passed, ${failed} failed: verification ${report.passed ? 'passed' : 'FAILED'}`)
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
  }
  return files
}

function isLogLevel(value: string): value is NonNullable<VerifyPactsOptions['logLevel']> {
  return ['trace', 'debug', 'info', 'warn', 'error'].includes(value)
}
