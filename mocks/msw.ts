/** Way in #1: MSW request handlers over the protocol layer (setupServer in Node, setupWorker in browsers). */
import type { HttpHandler } from 'msw'

import { loadMsw } from './internal/msw-module.ts'
import { toFetchResponse, toWireRequest } from './protocol/fetch.ts'
import type { WireRequest, WireResponse } from './protocol/wire.ts'

/**
 * Every AWS Clean Rooms endpoint of the aws, aws-cn and dual-stack partitions, FIPS included
 * (`https://cleanrooms.us-east-1.amazonaws.com`, `https://cleanrooms-fips.us-east-2.api.aws`, …).
 */
export const CLEANROOMS_ENDPOINTS =
  /^https?:\/\/cleanrooms(?:-fips)?\.[a-z0-9-]+\.(?:amazonaws\.com(?:\.cn)?|api\.aws)(?::\d+)?\//

export interface HandlerOptions {
  /**
   * Which URLs the mock answers. Default: every AWS Clean Rooms endpoint. Requests to other hosts are left to
   * MSW's `onUnhandledRequest`. A string is the SDK's `endpoint`; a path in it (`http://mock.test/cleanrooms`)
   * is a base path, taken off before routing, as the SDK puts the operation's path after it.
   */
  endpoint?: RegExp | string
}

/**
 * One MSW handler that routes by the operations table, instead of six handlers tried in turn: MSW clones
 * the request and parses cookies for every handler it tries, so one handler is measurably cheaper.
 * A user can still override a single operation: `server.use(http.get('https://cleanrooms.us-east-1.amazonaws.com/memberships/:id', …))`
 * is tried first because `server.use` prepends.
 */
export function createHandlers(
  handle: (request: WireRequest) => WireResponse,
  options: HandlerOptions = {},
): HttpHandler[] {
  const endpoint = toEndpointPattern(options.endpoint)
  const basePath =
    typeof options.endpoint === 'string' ? new URL(options.endpoint).pathname.replace(/\/+$/, '') : ''
  return [
    loadMsw().http.all(endpoint, async ({ request }) => {
      const wire = await toWireRequest(request)
      if (basePath !== '') wire.path = wire.path.slice(basePath.length) || '/'
      return toFetchResponse(handle(wire))
    }),
  ]
}

function toEndpointPattern(endpoint: RegExp | string | undefined): RegExp {
  if (endpoint === undefined) return CLEANROOMS_ENDPOINTS
  if (endpoint instanceof RegExp) return endpoint
  const base = endpoint.replace(/\/+$/, '').replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
  return new RegExp(`^${base}/`)
}
