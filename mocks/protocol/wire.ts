/** Protocol layer: the transport-free request and response every way in is adapted to. */

/**
 * One HTTP request, already read. Header names are lower-case.
 * Adapters: `fetch.ts` (MSW, node:http server) and `../smithy.ts` (in-process SDK handler).
 */
export interface WireRequest {
  method: string
  /** The path without the query string, still percent-encoded. */
  path: string
  query: URLSearchParams
  headers: Readonly<Record<string, string | undefined>>
  /** The body as text; undefined or '' when there is none. */
  body: string | undefined
}

/** One HTTP response, ready to be written by an adapter. */
export interface WireResponse {
  status: number
  headers: Record<string, string>
  body: string
}
