/** Contracts layer: verifies pacts against the standalone mock server, with the provider states catalogue. */
import { readFile } from 'node:fs/promises'
import type { ServerResponse } from 'node:http'
import { Verifier, type VerifierOptions } from '@pact-foundation/pact'
import { isRecord } from '../../mocks/internal/is-record.ts'
import { type ServableMock, startServer } from '../../mocks/server.ts'
import { type ProxiedRequest, signingRequestFilter } from './signing-request-filter.ts'
import { resolveState, type SeedableMock } from './states.ts'

/** A broker's consumer version selector (`{ mainBranch: true }`, `{ deployedOrReleased: true }`, …). */
export type ConsumerVersionSelector = NonNullable<VerifierOptions['consumerVersionSelectors']>[number]

/** A mock the verification can serve and seed: `createCleanRoomsMock()`. */
export type ProviderMock = SeedableMock & ServableMock

/** Where pacts come from and where results go. */
export interface VerifyPactsOptions {
  /** A fresh mock; one per verification run. */
  createMock: () => ProviderMock
  /** Local pact files (Pact specification V2, V3 or V4). */
  pactFiles?: string[]
  /**
   * A Pact Broker (or PactFlow) to fetch pacts from. Without it no broker is contacted, even when
   * `PACT_BROKER_BASE_URL` is set in the environment.
   */
  broker?: {
    url: string
    token?: string
    username?: string
    password?: string
    consumerVersionSelectors?: ConsumerVersionSelector[]
    /** Pacts the broker marks pending are verified, but their failures do not fail the run. */
    enablePending?: boolean
    /** Also verify work-in-progress pacts published since this date (ISO 8601, e.g. `2026-01-01`). */
    includeWipPactsSince?: string
    /** The provider version's tags (older brokers' pending calculation uses them). */
    providerVersionTags?: string[]
  }
  /** Publish the results to the broker as this provider version (and branch, tags, CI build URL). */
  publish?: {
    providerVersion: string
    providerBranch?: string
    providerVersionTags?: string[]
    buildUrl?: string
  }
  /** Provider name the pacts use. Default `CleanRoomsMock`. */
  provider?: string
  logLevel?: 'trace' | 'debug' | 'info' | 'warn' | 'error'
}

/** The outcome of one interaction, identified by consumer, provider states and description. */
export interface InteractionOutcome {
  /** The consumer whose pact holds the interaction (from the verifier's report, or the pact file). */
  consumer?: string
  /** Names of the interaction's provider states, as the pact gives them. */
  providerStates: string[]
  description: string
  /** `passed`; `failed`; or `pending`: failed, in a pact the broker marks pending (does not fail the run). */
  status: 'passed' | 'failed' | 'pending'
  passed: boolean
  /** What did not match, one line each (empty when it passed). */
  failures: string[]
}

/** The outcome of a whole verification run. */
export interface VerificationReport {
  /** True when no interaction failed outside a pending pact and nothing else went wrong. */
  passed: boolean
  interactions: InteractionOutcome[]
  /** Failures not tied to an interaction (no pacts found, a broker error, …). */
  errors: string[]
}

export const DEFAULT_PROVIDER = 'CleanRoomsMock'

/** What the run learns about one interaction while it runs (one per `beforeEach`, in order). */
interface InteractionContext {
  stateErrors: string[]
  /** Why the request was refused without reaching the mock (a region mismatch). */
  problems: string[]
  /** Regions the interaction's states seeded. */
  regions: Array<{ state: string; region: string }>
  response?: { status: number; errorType?: string; message?: string }
}

/** Where pact-js's proxy takes state changes (its `stateSetupPath`). */
const STATE_SETUP_PATH = '/_pactSetup'

/** Environment variables pact-core reads by itself, which a run must not pick up unless asked. */
const BROKER_ENV = ['PACT_BROKER_BASE_URL', 'PACT_BROKER_PUBLISH_VERIFICATION_RESULTS'] as const

/**
 * Starts the mock server on an ephemeral port, replays every interaction through the Pact Verifier
 * (each one from a reset mock, seeded by its provider states, re-signed for its pinned account), and
 * reports each interaction's outcome. Resolves even when verification fails; rejects only when the
 * verification could not run at all.
 */
export async function verifyPacts(options: VerifyPactsOptions): Promise<VerificationReport> {
  const mock = options.createMock()
  const provider = options.provider ?? DEFAULT_PROVIDER
  const contexts: InteractionContext[] = []
  const current = (): InteractionContext | undefined => contexts.at(-1)
  const sign = signingRequestFilter()
  const server = await startServer({ mock, port: 0 })
  const local = await readLocalPacts(options.pactFiles ?? [])
  try {
    const verifierOptions: VerifierOptions = {
      provider,
      providerBaseUrl: server.url,
      logLevel: options.logLevel ?? 'error',
      stateHandlers: stateHandlersFor(mock, current),
      // Every interaction starts from nothing: reset before the first state and after the last.
      beforeEach: async () => {
        contexts.push({ stateErrors: [], problems: [], regions: [] })
        mock.reset()
      },
      afterEach: async () => mock.reset(),
      requestFilter: (req: ProxiedRequest, res: ServerResponse, next: (error?: unknown) => void) => {
        // State changes (setup, teardown) pass this filter too: they are pact-js's own, not the pact's.
        if ((req.originalUrl ?? req.url ?? '').startsWith(STATE_SETUP_PATH)) return next()
        const context = current()
        const refusal = context === undefined ? undefined : refuseRequest(context, req)
        if (refusal !== undefined) {
          if (context && context.stateErrors.length === 0) context.problems.push(refusal)
          const body = JSON.stringify({ message: refusal })
          res.writeHead(500, {
            'content-type': 'application/json',
            'x-amzn-errortype': 'ProviderStateFailure',
          })
          res.end(body)
          return
        }
        if (context !== undefined) recordResponse(res, context)
        sign(req, res, next)
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
      if (broker.includeWipPactsSince !== undefined)
        verifierOptions.includeWipPactsSince = broker.includeWipPactsSince
      if (broker.providerVersionTags !== undefined)
        verifierOptions.providerVersionTags = broker.providerVersionTags
    }
    if (options.publish) {
      const { publish } = options
      verifierOptions.publishVerificationResult = true
      verifierOptions.providerVersion = publish.providerVersion
      if (publish.providerBranch !== undefined) verifierOptions.providerVersionBranch = publish.providerBranch
      if (publish.providerVersionTags !== undefined)
        verifierOptions.providerVersionTags = publish.providerVersionTags
      if (publish.buildUrl !== undefined) verifierOptions.buildUrl = publish.buildUrl
    }

    const raw = await withoutBrokerEnvironment(options, async () => {
      try {
        return String(await new Verifier(verifierOptions).verifyProvider())
      } catch (error) {
        return error instanceof Error ? error.message : String(error)
      }
    })
    let report = toReport(raw, provider, contexts, local)
    if (report.interactions.length === 0 && report.errors.length === 0) {
      // A run that verified nothing proves nothing: a wrong file or an empty pact must not pass a CI gate.
      const where = options.pactFiles?.length ? ` in ${options.pactFiles.join(', ')}` : ''
      report = { ...report, passed: false, errors: [`no interactions to verify${where}`] }
    }
    return report
  } finally {
    await server.close()
  }
}

/**
 * Runs `verify` with the broker variables pact-core would read by itself removed from the
 * environment, unless the options ask for a broker (and for publishing): a verification of local
 * files never contacts a broker because of an exported `PACT_BROKER_BASE_URL`.
 */
async function withoutBrokerEnvironment<T>(options: VerifyPactsOptions, run: () => Promise<T>): Promise<T> {
  const saved = new Map<string, string>()
  for (const name of BROKER_ENV) {
    const wanted =
      name === 'PACT_BROKER_BASE_URL' ? options.broker !== undefined : options.publish !== undefined
    const value = process.env[name]
    if (!wanted && value !== undefined) {
      saved.set(name, value)
      delete process.env[name]
    }
  }
  try {
    return await run()
  } finally {
    for (const [name, value] of saved) process.env[name] = value
  }
}

/** Why the request of this interaction must not reach the mock: a failed state, or a region mismatch. */
function refuseRequest(context: InteractionContext, req: ProxiedRequest): string | undefined {
  if (context.stateErrors.length > 0) return `provider state failed: ${context.stateErrors.join('; ')}`
  const authorization = req.headers.authorization
  const signedFor = authorization && /Credential=[^/]+\/\d{8}\/([^/]+)\//.exec(authorization)?.[1]
  if (!signedFor) return undefined
  const other = context.regions.find((seeded) => seeded.region !== signedFor)
  if (other === undefined) return undefined
  return (
    `state "${other.state}" seeded region ${other.region} but the request is signed for ${signedFor} ` +
    `(the region of its Authorization credential scope): the mock keeps each region apart, so set the ` +
    `state's region parameter to the client's region`
  )
}

/** Keeps the status, `x-amzn-errortype` and `message` of the provider's answer to this interaction. */
function recordResponse(res: ServerResponse, context: InteractionContext): void {
  const chunks: Buffer[] = []
  const write = res.write.bind(res) as (...args: unknown[]) => boolean
  const end = res.end.bind(res) as (...args: unknown[]) => ServerResponse
  res.write = ((chunk: unknown, ...rest: unknown[]) => {
    if (typeof chunk === 'string' || Buffer.isBuffer(chunk)) chunks.push(Buffer.from(chunk))
    return write(chunk, ...rest)
  }) as ServerResponse['write']
  res.end = ((chunk?: unknown, ...rest: unknown[]) => {
    if (typeof chunk === 'string' || Buffer.isBuffer(chunk)) chunks.push(Buffer.from(chunk))
    const header = res.getHeader('x-amzn-errortype')
    let message: string | undefined
    try {
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as {
        message?: unknown
        Message?: unknown
      }
      const text = body.message ?? body.Message
      if (typeof text === 'string') message = text
    } catch {
      // Not JSON: no message to report.
    }
    context.response = {
      status: res.statusCode,
      ...(header === undefined ? {} : { errorType: String(header).split(':')[0] ?? '' }),
      ...(message === undefined ? {} : { message }),
    }
    return end(chunk, ...rest)
  }) as ServerResponse['end']
}

/**
 * The Verifier's state handlers: one per catalogued state. A state the catalogue does not know, or a
 * parameter it does not take (or of the wrong type), fails its interaction, naming the state and the
 * parameter, instead of running it against an unseeded mock.
 */
function stateHandlersFor(
  mock: SeedableMock,
  current: () => InteractionContext | undefined,
): NonNullable<VerifierOptions['stateHandlers']> {
  return new Proxy(
    {},
    {
      get(_target, name) {
        // pact-js JSON.stringify()s its options for a trace line: `toJSON` is not a state.
        if (typeof name !== 'string' || name === 'toJSON') return undefined
        // An interaction without states still gets a setup call, for state '' (beforeEach has reset the mock).
        if (name === '') return async () => ({})
        return async (params?: unknown) => {
          try {
            const resolved = resolveState(name, isRecord(params) ? params : {})
            if (resolved.region !== undefined)
              current()?.regions.push({ state: name, region: resolved.region })
            return await resolved.definition.setup(mock, resolved.params)
          } catch (error) {
            const message = error instanceof Error ? error.message : String(error)
            // pact-js answers a failed state setup with 200 and only logs it, so the interaction would run
            // against an unseeded mock: the failure is kept and the interaction's request answered 500.
            current()?.stateErrors.push(message.includes(name) ? message : `state "${name}": ${message}`)
            throw error
          }
        }
      },
    },
  )
}

/** One interaction as a local pact file holds it. */
interface LocalInteraction {
  consumer: string
  providerStates: string[]
  description: string
  /** True when the response states nothing but a status: no body, no header (it would pass anything). */
  expectsNothing: boolean
  /** Why provider-state expressions (`${name}`) of the request cannot be filled: names no state returns. */
  unfilled: string[]
}

/** The interactions of local pact files, in order (Pact specification V2, V3 and V4 layouts). */
async function readLocalPacts(files: string[]): Promise<LocalInteraction[]> {
  const interactions: LocalInteraction[] = []
  for (const file of files) {
    let pact: PactFile
    try {
      pact = JSON.parse(await readFile(file, 'utf8')) as PactFile
    } catch {
      continue // The Verifier reports unreadable files itself.
    }
    for (const interaction of pact.interactions ?? []) {
      const states = interaction.providerStates
        ? interaction.providerStates.map((state) => state.name)
        : interaction.providerState
          ? [interaction.providerState]
          : []
      interactions.push({
        consumer: pact.consumer?.name ?? '',
        providerStates: states,
        description: interaction.description ?? '',
        expectsNothing: expectsNothing(interaction.response),
        unfilled: unfilledExpressions(interaction, states),
      })
    }
  }
  return interactions
}

/**
 * The request's provider-state expressions (`${nextToken}`) that none of the interaction's catalogued
 * states returns: the verifier would silently keep the consumer's example there.
 */
function unfilledExpressions(interaction: PactInteraction, states: string[]): string[] {
  const returned = new Set<string>()
  for (const name of states) {
    try {
      for (const value of Object.keys(resolveState(name, {}).definition.returns)) returned.add(value)
    } catch {
      return [] // an unknown or mis-parameterised state fails the interaction by itself
    }
  }
  const names = new Set<string>()
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(visit)
    else if (isRecord(value)) {
      if (value['type'] === 'ProviderState' && typeof value['expression'] === 'string') {
        for (const match of value['expression'].matchAll(/\$\{([^}]+)\}/g)) if (match[1]) names.add(match[1])
      } else Object.values(value).forEach(visit)
    }
  }
  visit(interaction.request?.generators)
  return [...names]
    .filter((name) => !returned.has(name))
    .map(
      (name) =>
        `the request reads \${${name}} from the provider state, but ${
          states.length === 0
            ? 'the interaction has no provider state'
            : `its states return ${[...returned].join(', ') || 'nothing'}`
        }: the example would be sent unchanged`,
    )
}

function expectsNothing(response: PactInteraction['response']): boolean {
  if (response === undefined) return true
  const body =
    isRecord(response.body) && 'content' in response.body ? response.body['content'] : response.body
  const hasBody = body !== undefined && body !== null && body !== ''
  const hasHeaders = isRecord(response.headers) && Object.keys(response.headers).length > 0
  return !hasBody && !hasHeaders
}

/** The key an interaction's results are filed under: consumer, provider states and description. */
function interactionKey(consumer: string, states: readonly string[], description: string): string {
  return JSON.stringify([consumer, states, description])
}

/** Reads the Verifier's JSON result into one outcome per interaction. */
function toReport(
  raw: string,
  provider: string,
  contexts: InteractionContext[],
  local: LocalInteraction[],
): VerificationReport {
  let parsed: VerifierJson
  try {
    parsed = JSON.parse(raw) as VerifierJson
  } catch {
    return { passed: false, interactions: [], errors: [raw] }
  }
  const results = parsed.interactionResults ?? []
  const seen = identify(results, parsedOutput(parsed.output), local)
  const errors = (parsed.errors ?? []).map((error) => ({ ...error, pending: false }))
  const pendingErrors = (parsed.pendingErrors ?? []).map((error) => ({ ...error, pending: true }))
  const all = [...errors, ...pendingErrors]
  const used = new Set<number>()
  const unfilled = new Map(
    local
      .filter((item) => item.unfilled.length > 0)
      .map((item) => [interactionKey(item.consumer, item.providerStates, item.description), item.unfilled]),
  )
  const refused = new Set(
    local
      .filter((item) => item.expectsNothing)
      .map((item) => interactionKey(item.consumer, item.providerStates, item.description)),
  )

  const interactions = results.map((result, index): InteractionOutcome => {
    const who = seen[index] ?? { providerStates: [], description: result.description }
    const heading = verifierHeading(who.consumer, provider, who.providerStates, result.description)
    const mine = all
      .map((error, at) => ({ error, at }))
      .filter(
        ({ error, at }) =>
          !used.has(at) && matchesHeading(error.interaction, heading, who.consumer, result.description),
      )
    for (const { at } of mine) used.add(at)
    const context = contexts[index]
    const failures = mine.flatMap(({ error }) => describeMismatch(error.mismatch, context))
    for (const problem of [...(context?.stateErrors ?? []), ...(context?.problems ?? [])]) {
      if (!failures.some((line) => line.includes(problem))) failures.unshift(problem)
    }
    const key = interactionKey(who.consumer ?? '', who.providerStates, result.description)
    if (refused.has(key)) {
      failures.unshift(
        'the pact expects nothing of the response (no body, no header, only a status): it would pass ' +
          'whatever the provider answers, so it is refused. Was it written by a builder that threw?',
      )
    }
    failures.unshift(...(unfilled.get(key) ?? []))
    const failed = result.result === 'Error' || failures.length > 0
    const pending =
      failed &&
      mine.length > 0 &&
      mine.every(({ error }) => error.pending) &&
      !refused.has(key) &&
      !unfilled.has(key)
    const status = !failed ? 'passed' : pending ? 'pending' : 'failed'
    return {
      ...(who.consumer === undefined ? {} : { consumer: who.consumer }),
      providerStates: who.providerStates,
      description: result.description,
      status,
      passed: status === 'passed',
      failures,
    }
  })
  const unattached = all
    .filter((_, at) => !used.has(at))
    .flatMap((error) => describeMismatch(error.mismatch, undefined))
  const failed = interactions.some((outcome) => outcome.status === 'failed')
  return {
    // Pact's own result is false when a pending pact failed: that alone does not fail the run.
    passed:
      !failed &&
      unattached.length === 0 &&
      (parsed.result === true || interactions.some((outcome) => outcome.status === 'pending')),
    interactions,
    errors: unattached,
  }
}

/** How the Verifier names an interaction in its errors: `Verifying a pact between C and P Given S - D`. */
function verifierHeading(
  consumer: string | undefined,
  provider: string,
  states: string[],
  description: string,
): string | undefined {
  if (consumer === undefined) return undefined
  const given = states.length > 0 ? ` Given ${states.join(' And ')}` : ''
  return `Verifying a pact between ${consumer} and ${provider}${given} - ${description}`
}

function matchesHeading(
  interaction: string | undefined,
  heading: string | undefined,
  consumer: string | undefined,
  description: string,
): boolean {
  if (interaction === undefined) return false
  const text = stripAnsi(interaction)
  if (heading !== undefined && text === heading) return true
  if (heading !== undefined) return false
  return text.endsWith(` - ${description}`) && (consumer === undefined || text.includes(` ${consumer} and `))
}

/** Who each result belongs to: from the Verifier's printed report, else the local pact files. */
function identify(
  results: Array<{ description: string }>,
  printed: Array<{ consumer: string; providerStates: string[]; description: string }>,
  local: LocalInteraction[],
): Array<{ consumer?: string; providerStates: string[]; description: string }> {
  if (
    printed.length === results.length &&
    printed.every((item, i) => item.description === results[i]?.description)
  ) {
    return printed
  }
  if (
    local.length === results.length &&
    local.every((item, i) => item.description === results[i]?.description)
  ) {
    return local
  }
  return results.map((result) => {
    const candidates = local.filter((item) => item.description === result.description)
    return candidates.length === 1 && candidates[0]
      ? candidates[0]
      : { providerStates: [], description: result.description }
  })
}

/** The interactions of the Verifier's printed report: its pact headings, descriptions and states. */
function parsedOutput(
  output: string[] | undefined,
): Array<{ consumer: string; providerStates: string[]; description: string }> {
  const items: Array<{ consumer: string; providerStates: string[]; description: string }> = []
  let consumer: string | undefined
  let last: { consumer: string; providerStates: string[]; description: string } | undefined
  for (const line of stripAnsi((output ?? []).join('\n')).split('\n')) {
    if (/^\d+\) Verifying a pact between /.test(line) || /^Failures:/.test(line)) break
    const heading = /^Verifying a pact between (.+) and (.+?)(?: \[[A-Za-z ]+\])?$/.exec(line)
    if (heading) {
      consumer = heading[1]
      last = undefined
      continue
    }
    const interaction = /^ {2}(\S.*?)(?: \[PENDING\])? \([^()]*loading[^()]*\)$/.exec(line)
    if (interaction && consumer !== undefined) {
      last = { consumer, providerStates: [], description: interaction[1] ?? '' }
      items.push(last)
      continue
    }
    const state = /^ {5}(?:Given|And) (.+)$/.exec(line)
    if (state && last) last.providerStates.push(state[1] ?? '')
  }
  return items
}

function describeMismatch(
  mismatch: VerifierMismatch | undefined,
  context: InteractionContext | undefined,
): string[] {
  if (!mismatch) return []
  if (mismatch.type === 'error') return [mismatch.message ?? 'error']
  const lines: string[] = []
  for (const item of mismatch.mismatches ?? []) {
    const text = item.mismatch ?? item.type ?? 'mismatch'
    lines.push(item.path ? `${item.path}: ${text}` : text)
    if (item.type === 'StatusMismatch' && context?.response?.errorType) {
      const { status, errorType, message } = context.response
      lines.push(`the provider answered ${status} ${errorType}${message ? `: ${message}` : ''}`)
    }
    if (/Nom\(|datetime|date-time/i.test(text) && /\b\d{9,}(\.\d+)?\b/.test(text)) {
      lines.push(
        'hint: Clean Rooms sends timestamps as epoch seconds (a JSON number), so a datetime() matcher ' +
          'cannot parse them: match them with MatchersV3.number() (the builders do, for createTime and updateTime)',
      )
    }
  }
  return lines
}

function stripAnsi(text: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: ANSI colour codes start with ESC.
  return text.replace(/\u001b\[[0-9;]*m/g, '')
}

/** The parts of a pact file this module reads (V2/V3: `providerState(s)`, V4: `providerStates`). */
interface PactFile {
  consumer?: { name?: string }
  interactions?: PactInteraction[]
}

interface PactInteraction {
  description?: string
  request?: { generators?: unknown }
  providerState?: string
  providerStates?: Array<{ name: string }>
  response?: { status?: number; headers?: unknown; body?: unknown }
}

/** The parts of `pactffi_verifier_json` this report reads. */
interface VerifierJson {
  result?: boolean
  output?: string[]
  interactionResults?: Array<{ description: string; result?: string }>
  errors?: VerifierError[]
  pendingErrors?: VerifierError[]
}

interface VerifierError {
  interaction?: string
  mismatch?: VerifierMismatch
}

interface VerifierMismatch {
  type?: string
  message?: string
  mismatches?: Array<{ path?: string; mismatch?: string; type?: string }>
}
