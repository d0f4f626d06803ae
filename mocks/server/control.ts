/** Server layer (node only): the `/__mock/` control surface (health, reset, snapshot, restore, faults). */
import { randomUUID } from 'node:crypto'
import type { IncomingMessage, ServerResponse } from 'node:http'

import { toErrorResponse } from '../protocol/error-response.ts'
import { ProtocolError } from '../protocol/protocol-errors.ts'
import type { WireRequest, WireResponse } from '../protocol/wire.ts'
import { checkControlAccess } from './control-access.ts'
import { hasBody, readBody, refuseUnread, toHeaderRecord, writeResponse } from './http-io.ts'
import { durable, type RequestContext } from './request-context.ts'
import type { ServableMock } from './servable-mock.ts'

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
export async function serveControl(
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

/** `application/json; charset=utf-8` → `application/json`. */
function mediaType(header: string | undefined): string {
  return (header ?? '').split(';')[0]?.trim().toLowerCase() ?? ''
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
