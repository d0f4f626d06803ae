/** Way in #3: a node:http server over the wire core, plus a control surface under /__mock/ for harnesses in any language. */
import { randomUUID, timingSafeEqual } from 'node:crypto'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import { type AddressInfo, isIP } from 'node:net'

import { toErrorResponse } from './protocol/error-response.ts'
import { ProtocolError } from './protocol/protocol-errors.ts'
import type { WireRequest, WireResponse } from './protocol/wire.ts'
import { openStateStore, StateFileError, type StateStore, type StateWrite } from './state-file.ts'

/** What the server needs from a mock: the sync core and the state controls. `createCleanRoomsMock()` fits. */
export interface ServableMock<Snapshot = unknown> {
  handle(request: WireRequest): WireResponse
  reset(): void
  snapshot(): Snapshot
  restore(snapshot: Snapshot): void
  /**
   * Calls `listener` after every change. With `--state`, a `write` change is journalled record by record; a
   * mock that says nothing (`undefined`) or `replace` has its whole snapshot written instead.
   */
  onChange(listener: (change?: ServableChange) => void): () => void
  /** Queues a fault (`POST /__mock/faults`); throws a TypeError on a fault it cannot inject. */
  injectFault?(fault: never): void
}

/** What a mock tells the server about a change (`StateChange` of `createCleanRoomsMock()` fits). */
export type ServableChange = { kind: 'write'; writes: readonly StateWrite[] } | { kind: 'replace' }

/** Limits that keep one slow, abandoned or oversized request from hurting the others. */
export interface ServerTimeouts {
  /** Time to receive the request headers (`server.headersTimeout`). Default 10 s. */
  headersMs: number
  /** Time to receive the whole request (`server.requestTimeout`). Default 30 s. */
  requestMs: number
  /** Longest pause between two chunks of a body before the request is dropped with a 408. Default 10 s. */
  bodyIdleMs: number
  /** How long an idle keep-alive connection stays open (`server.keepAliveTimeout`). Default 5 s. */
  keepAliveMs: number
  /** On close, how long in-flight requests may take before their connections are cut. Default 10 s. */
  shutdownMs: number
}

export interface ServerOptions<Snapshot = unknown> {
  /** The mock to serve. */
  mock: ServableMock<Snapshot>
  /** Default 4566 (LocalStack's port, so existing endpoint settings work); 0 picks a free port. */
  port?: number
  /** Default 127.0.0.1. The mock does no real authentication: bind elsewhere only on purpose. */
  host?: string
  /**
   * Keep the state in this file (plus `<file>.journal` and, while running, `<file>.lock`): loaded at start; a
   * change is acknowledged only once it is on disk (decision 0008). Its directory must exist.
   */
  stateFile?: string
  /** Largest accepted request body in bytes. Default 1 MiB (docs/decisions/0003-server-limits.md). */
  maxBodyBytes?: number
  /** Largest accepted `POST /__mock/restore` body (a whole snapshot) in bytes. Default {@link DEFAULT_MAX_RESTORE_BYTES}. */
  maxRestoreBytes?: number
  /**
   * When set, every `/__mock/` request must carry it in the `x-cleanrooms-mock-token` header (403 otherwise).
   * `cleanrooms-mock serve` takes it from `--control-token` or `CLEANROOMS_MOCK_CONTROL_TOKEN`.
   */
  controlToken?: string
  /** Journal size that triggers a compaction of the state file (see StateStoreOptions). Default 8 MiB. */
  compactAtBytes?: number
  timeouts?: Partial<ServerTimeouts>
  /**
   * Called when the state file cannot be written: the requests whose changes were not written are answered
   * 500, and the next change rewrites the whole state file.
   */
  onStateWriteError?: (error: unknown) => void
  /** Called with what the state store did on its own at start (a torn last journal line dropped, say). */
  onStateWarning?: (message: string) => void
}

/** A running server. */
export interface MockServer<Snapshot = unknown> {
  /** `http://127.0.0.1:4566`: pass it as the SDK's `endpoint`. */
  url: string
  port: number
  host: string
  mock: ServableMock<Snapshot>
  /** Whether the state was loaded from `stateFile` (false: a fresh start). */
  restoredState: boolean
  /**
   * Stops accepting connections, lets in-flight requests finish (up to `timeouts.shutdownMs`), then
   * writes the state file one last time. Safe to call twice.
   */
  close(): Promise<void>
}

export const DEFAULT_PORT = 4566
export const DEFAULT_HOST = '127.0.0.1'
export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024
/**
 * Default limit of `POST /__mock/restore`, whose body is a whole snapshot: 256 MiB. The largest state the bench
 * builds (bench/scale.ts: 100 000 collaborations of 2 participants, each with a membership) is a snapshot of
 * 143 188 343 bytes (137 MiB), so the default takes it with room to spare; `--max-restore-bytes` moves it.
 */
export const DEFAULT_MAX_RESTORE_BYTES = 256 * 1024 * 1024
/** The header that carries `controlToken`. */
export const CONTROL_TOKEN_HEADER = 'x-cleanrooms-mock-token'
const DEFAULT_TIMEOUTS: ServerTimeouts = {
  headersMs: 10_000,
  requestMs: 30_000,
  bodyIdleMs: 10_000,
  keepAliveMs: 5_000,
  shutdownMs: 10_000,
}

/**
 * Starts the standalone server. Every AWS request goes through `mock.handle`, the same synchronous core
 * the in-process handler and MSW use, so the three ways in behave alike.
 *
 * @throws StateFileError when `stateFile` exists but cannot be read or is not a snapshot (the file is left untouched).
 * @example
 * const server = await startServer({ mock: createCleanRoomsMock(), port: 0 })
 * const client = new CleanRoomsClient({ endpoint: server.url, region: 'us-east-1', credentials })
 * await server.close()
 */
export async function startServer<Snapshot>(options: ServerOptions<Snapshot>): Promise<MockServer<Snapshot>> {
  const { mock } = options
  const host = options.host ?? DEFAULT_HOST
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES
  const maxRestoreBytes = options.maxRestoreBytes ?? DEFAULT_MAX_RESTORE_BYTES
  const timeouts = { ...DEFAULT_TIMEOUTS, ...options.timeouts }

  let restoredState = false
  let store: StateStore | undefined
  let unsubscribe = () => {}
  if (options.stateFile !== undefined) {
    store = await openStateStore(options.stateFile, {
      ...(options.compactAtBytes === undefined ? {} : { compactAtBytes: options.compactAtBytes }),
      ...(options.onStateWarning === undefined ? {} : { onWarning: options.onStateWarning }),
      ...(options.onStateWriteError === undefined ? {} : { onError: options.onStateWriteError }),
    })
    try {
      if (store.loaded !== undefined) {
        try {
          mock.restore(store.loaded as Snapshot)
        } catch (error) {
          throw new StateFileError(
            `state file ${options.stateFile} is not a snapshot this mock can restore: ${(error as Error).message}`,
          )
        }
        restoredState = true
      }
      await store.start(() => mock.snapshot())
    } catch (error) {
      await store.close().catch(() => {})
      throw error
    }
    // Subscribe after restoring: loading the file is not a change worth writing back.
    const opened = store
    unsubscribe = mock.onChange((change) => {
      if (change?.kind !== 'write') opened.replace()
      else if (change.writes.length > 0) opened.write(change.writes)
    })
  }

  let closing = false
  let control: ControlContext | undefined
  const server = createServer(
    {
      requestTimeout: timeouts.requestMs,
      headersTimeout: timeouts.headersMs,
      keepAliveTimeout: timeouts.keepAliveMs,
      // How often node checks requestTimeout/headersTimeout; its default (30 s) is too coarse for short limits.
      connectionsCheckingInterval: Math.max(100, Math.min(timeouts.headersMs, timeouts.requestMs, 5_000) / 2),
    },
    (req, res) => {
      serveRequest(req, res, {
        mock,
        maxBodyBytes,
        maxRestoreBytes,
        bodyIdleMs: timeouts.bodyIdleMs,
        closing: () => closing,
        store,
        control: control as ControlContext,
      }).catch((error) => {
        // serveRequest answers every failure itself; this only runs if writing the answer failed.
        res.destroy(error instanceof Error ? error : undefined)
      })
    },
  )
  // Garbage instead of HTTP, or headers/request too slow: node's own 400/431/408, then the socket is closed.

  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject)
      server.listen(options.port ?? DEFAULT_PORT, host, () => {
        server.off('error', reject)
        resolve()
      })
    })
  } catch (error) {
    unsubscribe()
    await store?.close().catch(() => {})
    throw error
  }
  const address = server.address() as AddressInfo
  const urlHost = address.family === 'IPv6' ? `[${address.address}]` : address.address
  control = {
    hosts: allowedHosts(host, address),
    anyAddress: isWildcard(address.address),
    port: address.port,
    token: options.controlToken,
  }

  let closed: Promise<void> | undefined
  const close = (): Promise<void> => {
    closed ??= (async () => {
      closing = true
      const stopped = new Promise<void>((resolve) => server.close(() => resolve()))
      server.closeIdleConnections()
      const cut = setTimeout(() => server.closeAllConnections(), timeouts.shutdownMs)
      await stopped
      clearTimeout(cut)
      unsubscribe()
      await store?.close()
    })()
    return closed
  }

  return { url: `http://${urlHost}:${address.port}`, port: address.port, host, mock, restoredState, close }
}

/** Who may use the control surface: the Host values that name this server, and the token if one is set. */
interface ControlContext {
  /** `host:port` values (lower case) that name the listening address. */
  hosts: ReadonlySet<string>
  /** Listening on every address (0.0.0.0, ::): any IP literal with our port names us, a DNS name does not. */
  anyAddress: boolean
  port: number
  token: string | undefined
}

const LOOPBACK_NAMES = ['127.0.0.1', 'localhost', '[::1]']

function isWildcard(address: string): boolean {
  return address === '0.0.0.0' || address === '::'
}

function allowedHosts(host: string, address: AddressInfo): Set<string> {
  const port = address.port
  const names = new Set<string>([host.includes(':') && !host.startsWith('[') ? `[${host}]` : host])
  names.add(address.family === 'IPv6' ? `[${address.address}]` : address.address)
  if ([...names].some((name) => LOOPBACK_NAMES.includes(name) || name === '::1')) {
    for (const name of LOOPBACK_NAMES) names.add(name)
  }
  const hosts = new Set<string>()
  for (const name of names) {
    hosts.add(`${name.toLowerCase()}:${port}`)
    if (port === 80) hosts.add(name.toLowerCase())
  }
  return hosts
}

interface RequestContext {
  mock: ServableMock<unknown>
  maxBodyBytes: number
  maxRestoreBytes: number
  bodyIdleMs: number
  /** True once close() began: a request that was in flight then is answered, and its connection closed. */
  closing: () => boolean
  store: StateStore | undefined
  control: ControlContext
}

async function serveRequest(
  req: IncomingMessage,
  res: ServerResponse,
  context: RequestContext,
): Promise<void> {
  const url = req.url ?? '/'
  const queryAt = url.indexOf('?')
  const path = queryAt === -1 ? url : url.slice(0, queryAt)
  if (path.startsWith(CONTROL_PREFIX)) {
    await serveControl(req, res, path, context)
    return
  }
  // Browsers (an app under test calling the server directly) get what the service's CORS trait promises.
  if (req.headers.origin !== undefined) {
    for (const [name, value] of Object.entries(CORS_RESPONSE_HEADERS)) res.setHeader(name, value)
    if (isPreflight(req)) {
      req.resume()
      writePreflight(req, res)
      return
    }
  }
  let body: string | undefined
  try {
    body = await readBody(req, context.maxBodyBytes, context.bodyIdleMs)
  } catch (error) {
    refuseUnread(res, error)
    return
  }
  let response: WireResponse
  try {
    const request: WireRequest = {
      method: req.method ?? 'GET',
      path,
      query: new URLSearchParams(queryAt === -1 ? '' : url.slice(queryAt + 1)),
      headers: toHeaderRecord(req),
      body,
    }
    const before = context.store?.lastTicket ?? 0
    response = context.mock.handle(request)
    // Only a request that changed the state waits (for the disk); the others are answered at once.
    if (context.store !== undefined && context.store.lastTicket !== before)
      await durable(context.store, before)
  } catch (error) {
    // A bug anywhere below, or a change that could not be written: a restJson1 error, never a crashed process.
    response = toErrorResponse(error, undefined, randomUUID())
  }
  if (context.closing()) res.setHeader('connection', 'close')
  writeResponse(res, response)
}

/** Waits until the changes the request made (tickets after `before`) are on disk. */
async function durable(store: StateStore | undefined, before: number): Promise<void> {
  if (store === undefined || store.lastTicket === before) return
  try {
    await store.durable(store.lastTicket)
  } catch (error) {
    throw new Error(
      `the change was made in memory but could not be written to the state file (${(error as Error).message}); ` +
        'the next change rewrites the whole file',
    )
  }
}

/** Answers an error for a request whose body was not read: the connection cannot carry another request. */
function refuseUnread(res: ServerResponse, error: unknown): void {
  res.setHeader('connection', 'close')
  writeResponse(res, toErrorResponse(error, undefined, randomUUID()))
}

/**
 * CORS as the service model's `smithy.api#cors` trait describes it: any origin, preflights cached 600 s, every
 * requested header allowed (its allowed headers include `*`), and the error type and request id readable.
 */
const CORS_RESPONSE_HEADERS = {
  'access-control-allow-origin': '*',
  'access-control-expose-headers': 'x-amzn-errortype,x-amzn-requestid,x-amzn-trace-id',
}

/** A CORS preflight, which carries no credentials: answered here, before the mock asks for a signature. */
function isPreflight(req: IncomingMessage): boolean {
  return req.method === 'OPTIONS' && req.headers['access-control-request-method'] !== undefined
}

function writePreflight(req: IncomingMessage, res: ServerResponse): void {
  res.writeHead(204, {
    'access-control-allow-methods': 'GET,POST,PATCH,PUT,DELETE,HEAD,OPTIONS',
    // Echoed rather than `*`: a wildcard does not cover Authorization, which every SDK request carries.
    'access-control-allow-headers': req.headers['access-control-request-headers'] ?? '',
    'access-control-max-age': '600',
    'content-length': 0,
  })
  res.end()
}

function writeResponse(res: ServerResponse, response: WireResponse): void {
  if (res.headersSent || res.destroyed) return
  res.writeHead(response.status, {
    ...response.headers,
    'content-length': Buffer.byteLength(response.body),
  })
  res.end(response.body)
}

/**
 * Reads the body as text, refusing it before it is buffered whole: first on a declared `content-length`
 * over the limit, then by counting bytes as they arrive (chunked bodies declare nothing).
 */
function readBody(req: IncomingMessage, limit: number, idleMs: number): Promise<string | undefined> {
  const declared = Number(req.headers['content-length'] ?? 0)
  if (declared > limit) return Promise.reject(tooLarge(limit))
  if (req.headers['content-length'] === undefined && req.headers['transfer-encoding'] === undefined) {
    // No body framing: HTTP/1.1 says there is no body. Nothing to wait for.
    req.resume()
    return Promise.resolve(undefined)
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    let idle = setTimeout(onIdle, idleMs)
    function onIdle() {
      finish()
      reject(new ProtocolError('RequestTimeoutException', `No request body data for ${idleMs} ms`))
    }
    function onData(chunk: Buffer) {
      size += chunk.length
      if (size > limit) {
        finish()
        reject(tooLarge(limit))
        return
      }
      chunks.push(chunk)
      clearTimeout(idle)
      idle = setTimeout(onIdle, idleMs)
    }
    function onEnd() {
      finish()
      resolve(Buffer.concat(chunks, size).toString('utf8'))
    }
    function onError(error: Error) {
      finish()
      reject(error)
    }
    function finish() {
      clearTimeout(idle)
      req.off('data', onData).off('end', onEnd).off('error', onError)
    }
    req.on('data', onData).on('end', onEnd).on('error', onError)
  })
}

function tooLarge(limit: number): ProtocolError {
  return new ProtocolError(
    'RequestEntityTooLargeException',
    `Request body is larger than the mock's limit of ${limit} bytes`,
  )
}

function toHeaderRecord(req: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {}
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value
  }
  return headers
}

/** The control surface lives outside every AWS path, so it can never shadow an operation. */
export const CONTROL_PREFIX = '/__mock/'

interface ControlAction {
  /** Changes the state: needs `content-type: application/json` (so a browser must preflight, and is refused). */
  changes: boolean
  /** Largest body, in bytes. */
  maxBody: (context: RequestContext) => number
  run(request: WireRequest, mock: ServableMock<unknown>): WireResponse
}

const SMALL_BODY = (context: RequestContext) => context.maxBodyBytes

/**
 * `GET /__mock/health`, `POST /__mock/reset`, `GET /__mock/snapshot`, `POST /__mock/restore` (body: a
 * snapshot), `POST /__mock/faults` (body: a fault, as `mock.injectFault` takes it). For test harnesses, not
 * for web pages (docs/server.md): no CORS, Host and Origin checked, JSON content type for changes, and a
 * token when one is set. Errors keep the restJson1 shape.
 */
const CONTROL_ACTIONS: Record<string, ControlAction> = {
  'GET health': { changes: false, maxBody: SMALL_BODY, run: () => json(200, { status: 'ok' }) },
  'POST reset': {
    changes: true,
    maxBody: SMALL_BODY,
    run: (_, mock) => {
      mock.reset()
      return json(200, {})
    },
  },
  'GET snapshot': { changes: false, maxBody: SMALL_BODY, run: (_, mock) => json(200, mock.snapshot()) },
  'POST restore': {
    changes: true,
    maxBody: (context) => context.maxRestoreBytes,
    run: (request, mock) => {
      const snapshot = parseJsonObject(request.body, 'Snapshot')
      try {
        mock.restore(snapshot)
      } catch (error) {
        // The harness sent a wrong body (restore checks it before touching the state): a 400, not a mock bug.
        throw new ProtocolError(
          'SerializationException',
          `Not a snapshot this mock can restore: ${(error as Error).message}`,
        )
      }
      return json(200, {})
    },
  },
  'POST faults': {
    changes: true,
    maxBody: SMALL_BODY,
    run: (request, mock) => {
      if (!mock.injectFault) throw unknownAction(request.method, request.path)
      const fault = parseJsonObject(request.body, 'Fault')
      try {
        mock.injectFault(fault as never)
      } catch (error) {
        throw new ProtocolError(
          'SerializationException',
          `Not a fault this mock can inject: ${(error as Error).message}`,
        )
      }
      return json(200, {})
    },
  },
}

/**
 * The control surface: who may call it first (before anything is read), then the action (an unknown one is
 * refused before its body is read), its content type, its body (within the action's limit), and the answer
 * once the change is on disk.
 */
async function serveControl(
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
  context: RequestContext,
): Promise<void> {
  const method = req.method ?? 'GET'
  const action = CONTROL_ACTIONS[`${method} ${path.slice(CONTROL_PREFIX.length)}`]
  let body: string | undefined
  try {
    checkControlAccess(req, context.control)
    if (!action) throw unknownAction(method, path)
    if (action.changes && mediaType(req.headers['content-type']) !== 'application/json') {
      throw new ProtocolError(
        'UnsupportedMediaTypeException',
        `${method} ${path} changes the mock's state, so it takes content-type: application/json ` +
          `(got ${req.headers['content-type'] === undefined ? 'none' : `'${req.headers['content-type']}'`}); ` +
          'a web page cannot send that without a CORS preflight, which the control surface refuses',
      )
    }
    body = await readBody(req, action.maxBody(context), context.bodyIdleMs)
  } catch (error) {
    if (hasBody(req)) refuseUnread(res, error)
    else writeResponse(res, toErrorResponse(error, undefined, randomUUID()))
    return
  }
  let response: WireResponse
  try {
    const request: WireRequest = {
      method,
      path,
      query: new URLSearchParams(),
      headers: toHeaderRecord(req),
      body,
    }
    const before = context.store?.lastTicket ?? 0
    response = action.run(request, context.mock)
    await durable(context.store, before)
  } catch (error) {
    response = toErrorResponse(error, undefined, randomUUID())
  }
  if (context.closing()) res.setHeader('connection', 'close')
  writeResponse(res, response)
}

/**
 * A web page can send requests to any address, and since DNS rebinding even make them same-site: so the
 * control surface refuses a Host that does not name this server (a rebinding page sends its own name), any
 * Origin but this server's own (every cross-site fetch carries one, preflights included), and, with a token
 * set, a request without it.
 * @throws ProtocolError ForbiddenException (403)
 */
function checkControlAccess(req: IncomingMessage, control: ControlContext): void {
  const host = (req.headers.host ?? '').toLowerCase()
  if (!namesThisServer(host, control)) {
    throw new ProtocolError(
      'ForbiddenException',
      `The control surface answers only requests addressed to this server by its listening address ` +
        `(Host ${[...control.hosts].join(' or ')}), not Host '${req.headers.host ?? ''}': a page reaching it through ` +
        'another name (DNS rebinding) is refused',
    )
  }
  const origin = req.headers.origin
  if (
    origin !== undefined &&
    !(origin.toLowerCase().startsWith('http://') && namesThisServer(origin.slice(7).toLowerCase(), control))
  ) {
    throw new ProtocolError(
      'ForbiddenException',
      `The control surface is not for web pages: a request from Origin ${origin} is refused (call it from a test harness, not a browser)`,
    )
  }
  if (control.token !== undefined && !sameToken(req.headers[CONTROL_TOKEN_HEADER], control.token)) {
    throw new ProtocolError(
      'ForbiddenException',
      `The control surface needs the control token in the ${CONTROL_TOKEN_HEADER} header (the server was started with one)`,
    )
  }
}

function namesThisServer(host: string, control: ControlContext): boolean {
  if (control.hosts.has(host)) return true
  if (!control.anyAddress) return false
  // Listening everywhere: any IP literal of this port (the machine's addresses), never a DNS name.
  const portAt = host.lastIndexOf(':')
  if (portAt === -1 || host.slice(portAt + 1) !== String(control.port)) return false
  const name = host.slice(0, portAt).replace(/^\[(.*)\]$/, '$1')
  return isIP(name) !== 0 || name === 'localhost'
}

function sameToken(sent: string | string[] | undefined, token: string): boolean {
  if (typeof sent !== 'string') return false
  const a = Buffer.from(sent)
  const b = Buffer.from(token)
  return a.length === b.length && timingSafeEqual(a, b)
}

/** `application/json; charset=utf-8` → `application/json`. */
function mediaType(header: string | undefined): string {
  return (header ?? '').split(';')[0]?.trim().toLowerCase() ?? ''
}

function hasBody(req: IncomingMessage): boolean {
  return (
    (req.headers['content-length'] !== undefined && req.headers['content-length'] !== '0') ||
    req.headers['transfer-encoding'] !== undefined
  )
}

function unknownAction(method: string, path: string): ProtocolError {
  return new ProtocolError(
    'UnknownOperationException',
    `No control action ${method} ${path}; try ${Object.keys(CONTROL_ACTIONS)
      .map((action) => action.replace(' ', ` ${CONTROL_PREFIX}`))
      .join(', ')}`,
  )
}

/** The JSON object of a control request's body; a 400 SerializationException otherwise. */
function parseJsonObject(body: string | undefined, what: string): object {
  let value: unknown
  try {
    value = JSON.parse(body ?? '')
  } catch (error) {
    throw new ProtocolError(
      'SerializationException',
      `${what} is not valid JSON: ${(error as Error).message}`,
    )
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ProtocolError('SerializationException', `${what} must be a JSON object`)
  }
  return value
}

function json(status: number, body: unknown): WireResponse {
  return {
    status,
    headers: { 'content-type': 'application/json', 'x-amzn-requestid': randomUUID() },
    body: JSON.stringify(body),
  }
}
