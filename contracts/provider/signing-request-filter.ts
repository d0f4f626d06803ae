/** Contracts layer: re-signs each replayed request for the account its pact pinned, and fixes its length. */
import type { IncomingMessage, ServerResponse } from 'node:http'
import { Sha256 } from '@aws-crypto/sha256-js'
import { SignatureV4 } from '@smithy/signature-v4'
import { accountOfAuthorization } from '../builders/authorization-matcher.ts'

/** The verifier proxy's request (an express request): node's, plus the body it already parsed. */
export type ProxiedRequest = IncomingMessage & { body?: unknown; originalUrl?: string }

/** Secret the filter signs with; the mock checks signatures only when told to (R-ID-4). */
export const VERIFY_SECRET = 'cleanrooms-mock-verify'

/**
 * An express middleware for the Pact Verifier's `requestFilter`. A pact holds an example
 * `Authorization` header (its account pinned by the builders' regex, its signature zeros): this signs
 * the request afresh as that account (access key id = account id), in the region of the example's
 * credential scope, with {@link VERIFY_SECRET}. The proxy re-serialises a JSON body it parsed, so the
 * `content-length` is recomputed from the bytes that will be sent, or the proxy's request breaks.
 */
export function signingRequestFilter(
  secret: string = VERIFY_SECRET,
): (req: ProxiedRequest, res: ServerResponse, next: (error?: unknown) => void) => void {
  return (req, _res, next) => {
    sign(req, secret).then(() => next(), next)
  }
}

async function sign(req: ProxiedRequest, secret: string): Promise<void> {
  const body = bodyBytes(req.body)
  if (body.length > 0 || req.headers['content-length'] !== undefined) {
    req.headers['content-length'] = String(body.length)
  }
  const authorization = req.headers.authorization
  const accountId = authorization === undefined ? undefined : accountOfAuthorization(authorization)
  if (authorization === undefined || accountId === undefined) return // nothing to sign as: left as the pact says
  const region = /Credential=[^/]+\/\d{8}\/([^/]+)\//.exec(authorization)?.[1] ?? 'us-east-1'
  const host = req.headers.host ?? 'localhost'
  const url = new URL(req.originalUrl ?? req.url ?? '/', `http://${host}`)
  const headers: Record<string, string> = { host }
  const contentType = req.headers['content-type']
  if (contentType !== undefined) headers['content-type'] = contentType
  const signer = new SignatureV4({
    service: 'cleanrooms',
    region,
    credentials: { accessKeyId: accountId, secretAccessKey: secret },
    sha256: Sha256,
  })
  const signed = await signer.sign({
    method: req.method ?? 'GET',
    protocol: 'http:',
    hostname: url.hostname,
    path: url.pathname,
    query: Object.fromEntries(url.searchParams),
    headers,
    body,
  })
  for (const name of ['authorization', 'x-amz-date', 'x-amz-content-sha256']) {
    const value = signed.headers[name]
    if (value !== undefined) req.headers[name] = value
  }
}

/** The bytes the proxy will forward (it sends a parsed JSON body as `JSON.stringify` of it). */
function bodyBytes(body: unknown): Buffer {
  if (body === undefined || body === null) return Buffer.alloc(0)
  if (Buffer.isBuffer(body)) return body
  if (typeof body === 'object') return Buffer.from(JSON.stringify(body))
  return Buffer.alloc(0)
}
