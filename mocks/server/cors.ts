/** Server layer (node only): CORS for pages that call the server's AWS paths directly (never the control surface). */
import type { IncomingMessage, ServerResponse } from 'node:http'

/**
 * CORS as the service model's `smithy.api#cors` trait describes it: any origin, preflights cached 600 s, every
 * requested header allowed (its allowed headers include `*`), and the error type and request id readable.
 */
export const CORS_RESPONSE_HEADERS = {
  'access-control-allow-origin': '*',
  'access-control-expose-headers': 'x-amzn-errortype,x-amzn-requestid,x-amzn-trace-id',
}

/** A CORS preflight, which carries no credentials: answered here, before the mock asks for a signature. */
export function isPreflight(req: IncomingMessage): boolean {
  return req.method === 'OPTIONS' && req.headers['access-control-request-method'] !== undefined
}

export function writePreflight(req: IncomingMessage, res: ServerResponse): void {
  res.writeHead(204, {
    'access-control-allow-methods': 'GET,POST,PATCH,PUT,DELETE,HEAD,OPTIONS',
    // Echoed rather than `*`: a wildcard does not cover Authorization, which every SDK request carries.
    'access-control-allow-headers': req.headers['access-control-request-headers'] ?? '',
    'access-control-max-age': '600',
    'content-length': 0,
  })
  res.end()
}
