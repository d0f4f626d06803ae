/** Server layer (node only): way in #3, a node:http server over the wire core, with the `/__mock/` control surface. */
import { randomUUID } from 'node:crypto'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

import { toErrorResponse } from '../protocol/error-response.ts'
import type { WireRequest, WireResponse } from '../protocol/wire.ts'
import { CONTROL_PREFIX, serveControl } from './control.ts'
import { type ControlContext, createControlContext } from './control-access.ts'
import { CORS_RESPONSE_HEADERS, isPreflight, writePreflight } from './cors.ts'
import { readBody, refuseUnread, toHeaderRecord, writeResponse } from './http-io.ts'
import { durable, type RequestContext } from './request-context.ts'
import type { ServableMock } from './servable-mock.ts'
import { openStateStore, StateFileError, type StateStore } from './state-file.ts'

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
  control = createControlContext(host, address, options.controlToken)

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
