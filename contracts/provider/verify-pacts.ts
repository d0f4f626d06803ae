/** Contracts layer: verifies pacts against the standalone mock server, with the provider states catalogue. */
import { readFile } from 'node:fs/promises'
import type { ServerResponse } from 'node:http'
import { Verifier, type VerifierOptions } from '@pact-foundation/pact'
import { type ServableMock, startServer } from '../../mocks/server.ts'
import { type ProxiedRequest, signingRequestFilter } from './signing-request-filter.ts'
import { findState, providerStates, type SeedableMock } from './states.ts'

/** A broker's consumer version selector (`{ mainBranch: true }`, `{ deployedOrReleased: true }`, …). */
export type ConsumerVersionSelector = NonNullable<VerifierOptions['consumerVersionSelectors']>[number]

/** A mock the verification can serve and seed: `createCleanRoomsMock()`. */
export type ProviderMock = SeedableMock & ServableMock

/** Where pacts come from and where results go. */
export interface VerifyPactsOptions {
  /** A fresh mock; one per verification run. */
  createMock: () => ProviderMock
  /** Local pact files. */
  pactFiles?: string[]
  /** A Pact Broker (or PactFlow) to fetch pacts from. */
  broker?: {
    url: string
    token?: string
    username?: string
    password?: string
    consumerVersionSelectors?: ConsumerVersionSelector[]
    enablePending?: boolean
  }
  /** Publish the results to the broker as this provider version (and branch). */
  publish?: { providerVersion: string; providerBranch?: string }
  /** Provider name the pacts use. Default `CleanRoomsMock`. */
  provider?: string
  logLevel?: 'trace' | 'debug' | 'info' | 'warn' | 'error'
}

/** The outcome of one interaction. */
export interface InteractionOutcome {
  /** The consumer, when the pact file says (local files). */
  consumer?: string
  description: string
  passed: boolean
  /** What did not match, one line each (empty when it passed). */
  failures: string[]
}

/** The outcome of a whole verification run. */
export interface VerificationReport {
  passed: boolean
  interactions: InteractionOutcome[]
  /** Failures not tied to an interaction (no pacts found, a broker error, …). */
  errors: string[]
}

export const DEFAULT_PROVIDER = 'CleanRoomsMock'

/**
 * Starts the mock server on an ephemeral port, replays every interaction through the Pact Verifier
 * (each one from a reset mock, seeded by its provider states, re-signed for its pinned account), and
 * reports each interaction's outcome. Resolves even when verification fails; rejects only when the
 * verification could not run at all.
 */
export async function verifyPacts(options: VerifyPactsOptions): Promise<VerificationReport> {
  const mock = options.createMock()
  // pact-js answers a failed state setup with 200 and only logs it, so the interaction would run
  // against an unseeded mock. The failure is kept here and its interaction's request answered 500.
  const stateErrors: string[] = []
  let failedState: string | undefined
  const onStateError = (message: string) => {
    stateErrors.push(message)
    failedState = message
  }
  const sign = signingRequestFilter()
  const server = await startServer({ mock, port: 0 })
  try {
    const verifierOptions: VerifierOptions = {
      provider: options.provider ?? DEFAULT_PROVIDER,
      providerBaseUrl: server.url,
      logLevel: options.logLevel ?? 'error',
      stateHandlers: stateHandlersFor(mock, onStateError),
      // Every interaction starts from nothing: reset before the first state and after the last.
      beforeEach: async () => mock.reset(),
      afterEach: async () => mock.reset(),
      requestFilter: (req: ProxiedRequest, res: ServerResponse, next: (error?: unknown) => void) => {
        if (failedState === undefined) return sign(req, res, next)
        const body = JSON.stringify({ message: `provider state failed: ${failedState}` })
        failedState = undefined
        res.writeHead(500, { 'content-type': 'application/json', 'x-amzn-errortype': 'ProviderStateFailure' })
        res.end(body)
      },
      failIfNoPactsFound: true,
    }
    if (options.pactFiles && options.pactFiles.length > 0) verifierOptions.pactUrls = options.pactFiles
    if (options.broker) {
      const { broker } = options
      verifierOptions.pactBrokerUrl = broker.url
      if (broker.token !== undefined) verifierOptions.pactBrokerToken = broker.token
      if (broker.username !== undefined) verifierOptions.pactBrokerUsername = broker.username
      if (broker.password !== undefined) verifierOptions.pactBrokerPassword = broker.password
      if (broker.consumerVersionSelectors !== undefined)
        verifierOptions.consumerVersionSelectors = broker.consumerVersionSelectors
      if (broker.enablePending !== undefined) verifierOptions.enablePending = broker.enablePending
    }
    if (options.publish) {
      verifierOptions.publishVerificationResult = true
      verifierOptions.providerVersion = options.publish.providerVersion
      if (options.publish.providerBranch !== undefined)
        verifierOptions.providerVersionBranch = options.publish.providerBranch
    }

    let raw: string
    try {
      raw = String(await new Verifier(verifierOptions).verifyProvider())
    } catch (error) {
      raw = error instanceof Error ? error.message : String(error)
    }
    let report = toReport(raw, await consumersByDescription(options.pactFiles ?? []))
    if (report.interactions.length === 0 && report.errors.length === 0) {
      // A run that verified nothing proves nothing: a wrong file or an empty pact must not pass a CI gate.
      const where = options.pactFiles?.length ? ` in ${options.pactFiles.join(', ')}` : ''
      report = { ...report, passed: false, errors: [`no interactions to verify${where}`] }
    }
    if (stateErrors.length === 0) return report
    return { ...report, passed: false, errors: [...stateErrors, ...report.errors] }
  } finally {
    await server.close()
  }
}

/**
 * The Verifier's state handlers: one per catalogued state. A state the catalogue does not know fails
 * its interaction, naming the state, instead of running it against an unseeded mock.
 */
function stateHandlersFor(
  mock: SeedableMock,
  onError: (message: string) => void = () => {},
): NonNullable<VerifierOptions['stateHandlers']> {
  return new Proxy(
    {},
    {
      get(_target, name) {
        // pact-js JSON.stringify()s its options for a trace line: `toJSON` is not a state.
        if (typeof name !== 'string' || name === 'toJSON') return undefined
        // An interaction without states still gets a setup call, for state '' (beforeEach has reset the mock).
        if (name === '') return async () => ({})
        const state = findState(name)
        return async (params?: unknown) => {
          try {
            if (!state) {
              const known = providerStates.map((known) => `"${known.name}"`).join(', ')
              throw new Error(`unknown provider state "${name}"; the mock knows ${known}`)
            }
            return state.setup(mock, isRecord(params) ? params : {})
          } catch (error) {
            const message = error instanceof Error ? error.message : String(error)
            onError(message.includes(name) ? message : `state "${name}": ${message}`)
            throw error
          }
        }
      },
    },
  )
}

/** Reads the Verifier's JSON result into one outcome per interaction. */
function toReport(raw: string, consumers: Map<string, string>): VerificationReport {
  let parsed: VerifierJson
  try {
    parsed = JSON.parse(raw) as VerifierJson
  } catch {
    return { passed: false, interactions: [], errors: [raw] }
  }
  const errors = parsed.errors ?? []
  const interactions = (parsed.interactionResults ?? []).map((result): InteractionOutcome => {
    const failures = errors
      .filter((error) => error.interaction?.endsWith(` - ${result.description}`))
      .flatMap((error) => describeMismatch(error.mismatch))
    const consumer = consumers.get(result.description)
    const passed = result.result === 'Ok' || (result.result !== 'Error' && failures.length === 0)
    return {
      ...(consumer === undefined ? {} : { consumer }),
      description: result.description,
      passed,
      failures,
    }
  })
  const unattached = errors
    .filter(
      (error) => !interactions.some((outcome) => error.interaction?.endsWith(` - ${outcome.description}`)),
    )
    .flatMap((error) => describeMismatch(error.mismatch))
  return {
    passed: parsed.result === true && interactions.every((outcome) => outcome.passed),
    interactions,
    errors: unattached,
  }
}

function describeMismatch(mismatch: VerifierMismatch | undefined): string[] {
  if (!mismatch) return []
  if (mismatch.type === 'error') return [mismatch.message ?? 'error']
  return (mismatch.mismatches ?? []).map((item) =>
    item.path ? `${item.path}: ${item.mismatch ?? item.type}` : (item.mismatch ?? item.type ?? 'mismatch'),
  )
}

/** Interaction description → consumer name, from local pact files (best effort: unreadable files are skipped). */
async function consumersByDescription(files: string[]): Promise<Map<string, string>> {
  const consumers = new Map<string, string>()
  for (const file of files) {
    try {
      const pact = JSON.parse(await readFile(file, 'utf8')) as {
        consumer?: { name?: string }
        interactions?: Array<{ description?: string }>
      }
      for (const interaction of pact.interactions ?? []) {
        if (interaction.description && pact.consumer?.name)
          consumers.set(interaction.description, pact.consumer.name)
      }
    } catch {
      // The Verifier reports unreadable files itself.
    }
  }
  return consumers
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** The parts of `pactffi_verifier_json` this report reads. */
interface VerifierJson {
  result?: boolean
  interactionResults?: Array<{ description: string; result?: string }>
  errors?: Array<{ interaction?: string; mismatch?: VerifierMismatch }>
}

interface VerifierMismatch {
  type?: string
  message?: string
  mismatches?: Array<{ path?: string; mismatch?: string; type?: string }>
}
