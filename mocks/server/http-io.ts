/** Server layer (node only): node:http in and out: the body read within limits, headers, the response written. */
import { randomUUID } from 'node:crypto'
import type { IncomingMessage, ServerResponse } from 'node:http'

import { toErrorResponse } from '../protocol/error-response.ts'
import { ProtocolError } from '../protocol/protocol-errors.ts'
import type { WireResponse } from '../protocol/wire.ts'

/**
 * Reads the body as text, refusing it before it is buffered whole: first on a declared `content-length`
 * over the limit, then by counting bytes as they arrive (chunked bodies declare nothing).
 */
export function readBody(req: IncomingMessage, limit: number, idleMs: number): Promise<string | undefined> {
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

export function toHeaderRecord(req: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {}
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value
  }
  return headers
}

/** Whether the request declares a body (which must then be read or the connection closed). */
export function hasBody(req: IncomingMessage): boolean {
  return (
    (req.headers['content-length'] !== undefined && req.headers['content-length'] !== '0') ||
    req.headers['transfer-encoding'] !== undefined
  )
}

export function writeResponse(res: ServerResponse, response: WireResponse): void {
  if (res.headersSent || res.destroyed) return
  res.writeHead(response.status, {
    ...response.headers,
    'content-length': Buffer.byteLength(response.body),
  })
  res.end(response.body)
}

/** Answers an error for a request whose body was not read: the connection cannot carry another request. */
export function refuseUnread(res: ServerResponse, error: unknown): void {
  res.setHeader('connection', 'close')
  writeResponse(res, toErrorResponse(error, undefined, randomUUID()))
}
