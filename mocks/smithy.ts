/** Way in #2: an in-process `@smithy/types` HttpHandler, so the SDK runs against the mock with no socket. */
import type { HttpHandlerOptions, HttpRequest, HttpResponse, RequestHandler } from '@smithy/types'

import type { WireRequest, WireResponse } from './protocol/wire.ts'

/**
 * The `HttpHandler` contract of `@smithy/types` (a `RequestHandler` over HTTP requests and responses,
 * plus the two config hooks the SDK client calls), as `requestHandler` takes it.
 */
export interface MockRequestHandler extends RequestHandler<HttpRequest, HttpResponse, HttpHandlerOptions> {
  updateHttpClientConfig(key: never, value: never): void
  httpHandlerConfigs(): Record<string, never>
}

const encoder = new TextEncoder()
const decoder = new TextDecoder()

/**
 * Builds the request handler behind `mock.requestHandler`.
 *
 * The SDK does all its own work (serialization, signing, retries, parsing); only the network hop is
 * replaced by a direct call into the protocol layer. The response body is a `Uint8Array`, which the
 * SDK's body collector takes as is, without a stream.
 *
 * @example
 * const client = new CleanRoomsClient({ region: 'us-east-1', requestHandler: mock.requestHandler, credentials })
 */
export function createRequestHandler(handle: (request: WireRequest) => WireResponse): MockRequestHandler {
  return {
    async handle(request: HttpRequest, options?: HttpHandlerOptions): Promise<{ response: HttpResponse }> {
      // As the SDK's own HTTP handlers do: a request aborted before it is sent never reaches the service.
      if (options?.abortSignal?.aborted) throw abortError()
      const response = handle(toWireRequest(request))
      return {
        response: {
          statusCode: response.status,
          headers: response.headers,
          body: encoder.encode(response.body),
        },
      }
    },
    updateHttpClientConfig() {},
    httpHandlerConfigs() {
      return {}
    },
  }
}

function abortError(): Error {
  const error = new Error('Request aborted')
  error.name = 'AbortError'
  return error
}

function toWireRequest(request: HttpRequest): WireRequest {
  const headers: Record<string, string> = {}
  for (const name in request.headers) {
    const value = request.headers[name]
    if (value !== undefined) headers[name.toLowerCase()] = value
  }
  const query = new URLSearchParams()
  for (const key in request.query) {
    const value = request.query[key]
    if (Array.isArray(value)) for (const item of value) query.append(key, item)
    else if (value !== null && value !== undefined) query.append(key, value)
  }
  return { method: request.method, path: request.path, query, headers, body: readBody(request.body) }
}

function readBody(body: unknown): string | undefined {
  if (body === undefined || body === null) return undefined
  if (typeof body === 'string') return body
  if (body instanceof Uint8Array) return decoder.decode(body)
  throw new TypeError('cleanrooms-mock: streaming request bodies are not supported by the in-process handler')
}
