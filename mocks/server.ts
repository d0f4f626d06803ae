/** Way in #3: a node:http server over the wire core, plus a control surface under /__mock/ for harnesses in any language. */
import { randomUUID } from 'node:crypto'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

import { toErrorResponse } from './protocol/error-response.ts'
import { ProtocolError } from './protocol/protocol-errors.ts'
import type { WireRequest, WireResponse } from './protocol/wire.ts'
import {
  createStateWriter,
  readStateFile,
  removeStaleTempFiles,
  StateFileError,
  type StateWriter,
} from './state-file.ts'

/** What the server needs from a mock: the sync core and the state controls. `createCleanRoomsMock()` fits. */
export interface ServableMock<Snapshot = unknown> {
  handle(request: WireRequest): WireResponse
  reset(): void
  snapshot(): Snapshot
  restore(snapshot: Snapshot): void
  onChange(listener: () => void): () => void
  /** Queues a fault (`POST /__mock/faults`); throws a TypeError on a fault it cannot inject. */
  injectFault?(fault: never): void
}

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
  /** Keep the state in this file: loaded at start, rewritten atomically after every change. */
  stateFile?: string
  /** Largest accepted request body in bytes. Default 1 MiB (docs/decisions/0003-server-limits.md). */
  maxBodyBytes?: number
  timeouts?: Partial<ServerTimeouts>
  /** Called when the state file cannot be written (the server keeps running and retries on the next change). */
  onStateWriteError?: (error: unknown) => void
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
/** Limit for `POST /__mock/restore`, whose body is a whole snapshot. */
const MAX_SNAPSHOT_BYTES = 256 * 1024 * 1024
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
  const timeouts = { ...DEFAULT_TIMEOUTS, ...options.timeouts }

  let restoredState = false
  let writer: StateWriter | undefined
  let unsubscribe = () => {}
  if (options.stateFile !== undefined) {
    const saved = await readStateFile(options.stateFile)
    if (saved !== undefined) {
      try {
        mock.restore(saved as Snapshot)
      } catch (error) {
        throw new StateFileError(
          `state file ${options.stateFile} is not a snapshot this mock can restore: ${(error as Error).message}`,
        )
      }
      restoredState = true
    }
    await removeStaleTempFiles(options.stateFile)
    // Subscribe after restoring: loading the file is not a change worth writing back.
    writer = createStateWriter(options.stateFile, () => mock.snapshot(), options.onStateWriteError)
    unsubscribe = mock.onChange(() => writer?.schedule())
  }

  let closing = false
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
        bodyIdleMs: timeouts.bodyIdleMs,
        closing: () => closing,
      }).catch((error) => {
        // serveRequest answers every failure itself; this only runs if writing the answer failed.
        res.destroy(error instanceof Error ? error : undefined)
      })
    },
  )
  // Garbage instead of HTTP, or headers/request too slow: node's own 400/431/408, then the socket is closed.

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? DEFAULT_PORT, host, () => {
      server.off('error', reject)
      resolve()
    })
  })
  const address = server.address() as AddressInfo
  const urlHost = address.family === 'IPv6' ? `[${address.address}]` : address.address

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
      await writer?.flush()
    })()
    return closed
  }

  return { url: `http://${urlHost}:${address.port}`, port: address.port, host, mock, restoredState, close }
}

interface RequestContext {
  mock: ServableMock<unknown>
  maxBodyBytes: number
  bodyIdleMs: number
  /** True once close() began: a request that was in flight then is answered, and its connection closed. */
  closing: () => boolean
}

async function serveRequest(
  req: IncomingMessage,
  res: ServerResponse,
  context: RequestContext,
): Promise<void> {
  // Browsers (an app under test calling the server directly) get what the service's CORS trait promises.
  if (req.headers.origin !== undefined) {
    for (const [name, value] of Object.entries(CORS_RESPONSE_HEADERS)) res.setHeader(name, value)
    if (isPreflight(req)) {
      req.resume()
      writePreflight(req, res)
      return
    }
  }
  const url = req.url ?? '/'
  const queryAt = url.indexOf('?')
  const path = queryAt === -1 ? url : url.slice(0, queryAt)
  const control = path.startsWith(CONTROL_PREFIX)
  let body: string | undefined
  try {
    // A snapshot for /__mock/restore can be large (tens of MB at 100 000 memberships); AWS paths cannot.
    body = await readBody(req, control ? MAX_SNAPSHOT_BYTES : context.maxBodyBytes, context.bodyIdleMs)
  } catch (error) {
    // The rest of the body was not read: the connection cannot carry another request.
    res.setHeader('connection', 'close')
    writeResponse(res, toErrorResponse(error, undefined, randomUUID()))
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
    response = control ? handleControl(request, context.mock) : context.mock.handle(request)
  } catch (error) {
    // A bug anywhere below, or a control-surface error: a restJson1 error, never a crashed process.
    response = toErrorResponse(error, undefined, randomUUID())
  }
  if (context.closing()) res.setHeader('connection', 'close')
  writeResponse(res, response)
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

/**
 * `GET /__mock/health`, `POST /__mock/reset`, `GET /__mock/snapshot`, `POST /__mock/restore` (body: a
 * snapshot), `POST /__mock/faults` (body: a fault, as `mock.injectFault` takes it). Unauthenticated on purpose: it is for local test harnesses. Errors keep the restJson1 shape.
 */
function handleControl(request: WireRequest, mock: ServableMock<unknown>): WireResponse {
  const action = `${request.method} ${request.path.slice(CONTROL_PREFIX.length)}`
  switch (action) {
    case 'GET health':
      return json(200, { status: 'ok' })
    case 'POST reset':
      mock.reset()
      return json(200, {})
    case 'GET snapshot':
      return json(200, mock.snapshot())
    case 'POST restore': {
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
    }
    case 'POST faults': {
      if (!mock.injectFault) break
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
    }
  }
  throw new ProtocolError(
    'UnknownOperationException',
    `No control action ${request.method} ${request.path}; try GET ${CONTROL_PREFIX}health, POST ${CONTROL_PREFIX}reset, GET ${CONTROL_PREFIX}snapshot, POST ${CONTROL_PREFIX}restore, POST ${CONTROL_PREFIX}faults`,
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
