/** Protocol layer: adapts fetch `Request`/`Response` (MSW, node:http) to the wire core. */
import type { WireRequest, WireResponse } from './wire.ts'

/** Reads a fetch Request into a WireRequest (consumes the body). */
export async function toWireRequest(request: Request): Promise<WireRequest> {
  const url = new URL(request.url)
  const headers: Record<string, string> = {}
  request.headers.forEach((value, name) => {
    headers[name] = value
  })
  // fetch keeps Host out of its headers; on the wire it is the URL's authority, and SigV4 signs it.
  headers['host'] ??= url.host
  const body = request.method === 'GET' || request.method === 'HEAD' ? undefined : await request.text()
  return { method: request.method, path: url.pathname, query: url.searchParams, headers, body }
}

/** Builds a fetch Response from a WireResponse. */
export function toFetchResponse(response: WireResponse): Response {
  return new Response(response.body, { status: response.status, headers: response.headers })
}
