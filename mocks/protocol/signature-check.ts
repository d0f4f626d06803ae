/** Protocol layer: opt-in SigV4 signature verification (R-ID-4), synchronous and free of node:* so any way in can load it. */
import { Sha256 } from '@aws-crypto/sha256-js'
import { getCanonicalHeaders, getCanonicalQuery } from '@smithy/signature-v4'
import type { HeaderBag, HttpRequest, QueryParameterBag } from '@smithy/types'

import { type Authorization, parseAuthorization } from './authorization.ts'
import { ProtocolError } from './protocol-errors.ts'
import type { WireRequest } from './wire.ts'

export interface SignatureCheckOptions {
  /** Secret access key of each access key id. A key without a secret is refused while checking is on. */
  secrets: ReadonlyMap<string, string> | Readonly<Record<string, string>>
  /**
   * Current time in epoch milliseconds, for the clock-skew check. Default `Date.now`: the SDK signs with
   * the real clock, so the mock's injected (often fixed) clock is the wrong reference here.
   */
  now?: () => number
  /** Largest accepted difference between `x-amz-date` and `now`, in ms. Default 5 minutes, as AWS. */
  maxSkewMs?: number
  /** Signing name the credential scope must carry. Default `cleanrooms`. */
  service?: string
}

/** The hook `ProtocolOptions.checkSignature` takes: returns when the signature is right, throws otherwise. */
export type SignatureCheck = (request: WireRequest) => void

const FIVE_MINUTES = 5 * 60 * 1000
const UNSIGNED_PAYLOAD = 'UNSIGNED-PAYLOAD'
const AMZ_DATE = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/

/**
 * Builds the R-ID-4 check: recomputes the SigV4 signature of the incoming request with the caller's secret
 * (same signed headers, same `x-amz-date`, same credential scope) and compares it with the one sent.
 *
 * Header and query canonicalisation come from `@smithy/signature-v4`'s public helpers, so the mock and the
 * SDK cannot disagree on those rules; the canonical path and the HMAC chain are done here, with
 * `@aws-crypto/sha256-js`, because the library's own signer is asynchronous and the protocol core is not
 * (docs/decisions/0013-sigv4-public-api.md).
 *
 * @throws ProtocolError `InvalidSignatureException` (wrong signature, clock skew over 5 minutes, wrong
 *   scope, `host` or an `x-amz-*` header not signed, a signed header missing), `IncompleteSignatureException` (no `x-amz-date`, unparsable header), `UnrecognizedClientException`
 *   (an access key with no configured secret).
 * @example
 * const checkSignature = createSignatureCheck({ secrets: { AKIDALICE: 'alice-secret' } })
 */
export function createSignatureCheck(options: SignatureCheckOptions): SignatureCheck {
  const secrets = options.secrets instanceof Map ? options.secrets : new Map(Object.entries(options.secrets))
  const now = options.now ?? Date.now
  const maxSkewMs = options.maxSkewMs ?? FIVE_MINUTES
  const service = options.service ?? 'cleanrooms'
  const signingKeys = new Map<string, Uint8Array>()

  return (request) => {
    const auth = readSignedAuthorization(request.headers['authorization'])
    const secret = secrets.get(auth.accessKeyId)
    if (secret === undefined) {
      throw new ProtocolError(
        'UnrecognizedClientException',
        `The security token included in the request is invalid: access key ${auth.accessKeyId} has no secret configured in the mock.`,
      )
    }

    const amzDate = request.headers['x-amz-date']
    const signedAt = amzDate === undefined ? undefined : parseAmzDate(amzDate)
    if (amzDate === undefined || signedAt === undefined) {
      throw new ProtocolError(
        'IncompleteSignatureException',
        'The request must carry an x-amz-date header of the form YYYYMMDDTHHMMSSZ.',
      )
    }
    checkSkew(amzDate, signedAt, now(), maxSkewMs)
    // AWS's order: the date and its skew, then what SignedHeaders must cover, then the scope and the signature.
    checkSignedHeaders(request, auth.signedHeaders)
    if (auth.date !== amzDate.slice(0, 8)) {
      throw new ProtocolError(
        'InvalidSignatureException',
        `Credential scope date ${auth.date} does not match the date of x-amz-date ${amzDate}.`,
      )
    }
    if (auth.service !== service) {
      throw new ProtocolError(
        'InvalidSignatureException',
        `Credential scope names the service '${auth.service}'; requests to this service must be signed for '${service}'.`,
      )
    }

    const canonicalRequest = buildCanonicalRequest(request, auth.signedHeaders, payloadHash(request))
    const scope = `${auth.date}/${auth.region}/${auth.service}/aws4_request`
    const stringToSign = `AWS4-HMAC-SHA256\n${amzDate}\n${scope}\n${toHex(sha256(canonicalRequest))}`
    const keyId = `${secret}\n${scope}`
    let signingKey = signingKeys.get(keyId)
    if (!signingKey) {
      signingKey = deriveSigningKey(secret, auth.date, auth.region, auth.service)
      if (signingKeys.size > 64) signingKeys.clear()
      signingKeys.set(keyId, signingKey)
    }
    const expected = toHex(hmac(signingKey, stringToSign))
    if (!equalInConstantTime(expected, auth.signature)) {
      throw new ProtocolError(
        'InvalidSignatureException',
        `${SIGNATURE_MISMATCH} The mock used the secret key of ${auth.accessKeyId}.\n` +
          `Canonical request the mock signed:\n${canonicalRequest}\n\nString to sign:\n${stringToSign}`,
      )
    }
  }
}

/** AWS's first sentences when a signature does not match; tools match on them. */
const SIGNATURE_MISMATCH =
  'The request signature we calculated does not match the signature you provided. Check your AWS Secret ' +
  'Access Key and signing method. Consult the service documentation for details.'

/**
 * What AWS demands of SignedHeaders before it computes anything: `host` signed (so a signed request cannot be
 * replayed against another host), every `x-amz-*` header that was sent signed (so none can be added or
 * changed on the way), and every header SignedHeaders names actually present (a missing one would be signed
 * as empty, which AWS answers as a mismatch).
 * @throws ProtocolError InvalidSignatureException
 */
function checkSignedHeaders(request: WireRequest, signedHeaders: readonly string[]): void {
  const signed = new Set(signedHeaders)
  if (!signed.has('host')) {
    throw new ProtocolError(
      'InvalidSignatureException',
      "'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.",
    )
  }
  for (const name of Object.keys(request.headers)) {
    if (name.startsWith('x-amz-') && !signed.has(name)) {
      throw new ProtocolError(
        'InvalidSignatureException',
        `'${headerCase(name)}' must be a 'SignedHeader' in the AWS Authorization.`,
      )
    }
  }
  for (const name of signed) {
    if (request.headers[name] === undefined) {
      throw new ProtocolError(
        'InvalidSignatureException',
        `${SIGNATURE_MISMATCH} The header '${name}' is named in SignedHeaders but was not sent.`,
      )
    }
  }
}

/** `x-amz-date` → `X-Amz-Date`, as AWS names headers in its messages. */
function headerCase(name: string): string {
  return name.replace(/(^|-)([a-z])/g, (_, dash: string, letter: string) => dash + letter.toUpperCase())
}

/**
 * The Authorization header with every part the check needs (readCaller, which runs first, has accepted its
 * shape; the check also wants a SignedHeaders list and a hex signature).
 * @throws ProtocolError IncompleteSignatureException
 */
function readSignedAuthorization(header: string | undefined): Required<{
  [K in keyof Authorization]: NonNullable<Authorization[K]>
}> {
  const auth = header?.startsWith('AWS4-HMAC-SHA256 ') ? parseAuthorization(header) : undefined
  if (auth?.signedHeaders === undefined || auth.signature === undefined) {
    throw new ProtocolError(
      'IncompleteSignatureException',
      'Authorization header requires a SigV4 Credential, SignedHeaders and Signature',
    )
  }
  return { ...auth, signedHeaders: auth.signedHeaders, signature: auth.signature }
}

function parseAmzDate(value: string): number | undefined {
  const parts = AMZ_DATE.exec(value)
  if (!parts) return undefined
  const [year, month, day, hour, minute, second] = parts.slice(1).map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ]
  return Date.UTC(year, month - 1, day, hour, minute, second)
}

/** The message keeps AWS's prefixes ("Signature expired", "Signature not yet current"): tools match on them. */
function checkSkew(amzDate: string, signedAt: number, nowMs: number, maxSkewMs: number): void {
  const minutes = Math.round(maxSkewMs / 60_000)
  if (signedAt < nowMs - maxSkewMs) {
    throw new ProtocolError(
      'InvalidSignatureException',
      `Signature expired: ${amzDate} is now earlier than ${toAmzDate(nowMs - maxSkewMs)} (${toAmzDate(nowMs)} - ${minutes} min.)`,
    )
  }
  if (signedAt > nowMs + maxSkewMs) {
    throw new ProtocolError(
      'InvalidSignatureException',
      `Signature not yet current: ${amzDate} is still later than ${toAmzDate(nowMs + maxSkewMs)} (${toAmzDate(nowMs)} + ${minutes} min.)`,
    )
  }
}

function toAmzDate(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace(/[-:]/g, '').replace('.000', '')
}

/** The SDK sends `x-amz-content-sha256`; the mock hashes the body it received, so a changed body fails. */
function payloadHash(request: WireRequest): string {
  if (request.headers['x-amz-content-sha256'] === UNSIGNED_PAYLOAD) return UNSIGNED_PAYLOAD
  return toHex(sha256(request.body ?? ''))
}

/**
 * The SigV4 canonical request, from the library's public helpers (`getCanonicalHeaders`, `getCanonicalQuery`:
 * header and query canonicalisation exactly as the SDK signs them) and the canonical path below. No subclass of
 * the signer reaches its protected methods (decision 0013).
 */
function buildCanonicalRequest(request: WireRequest, signedHeaders: string[], payload: string): string {
  const headers: HeaderBag = {}
  for (const name of signedHeaders) headers[name] = request.headers[name] ?? ''
  const httpRequest: HttpRequest = {
    method: request.method,
    protocol: 'https:',
    hostname: '',
    path: request.path,
    query: toQueryBag(request.query),
    headers,
  }
  const canonicalHeaders = getCanonicalHeaders(httpRequest, undefined, new Set(signedHeaders))
  const names = Object.keys(canonicalHeaders).sort()
  return [
    request.method,
    canonicalPath(request.path),
    getCanonicalQuery(httpRequest),
    ...names.map((name) => `${name}:${canonicalHeaders[name]}`),
    '',
    names.join(';'),
    payload,
  ].join('\n')
}

/**
 * The canonical URI of SigV4 for every service but S3: empty, `.` and `..` segments normalised away, then each
 * segment URI-encoded twice (the path arrives encoded once), `/` kept. test/server/signature-check.test.ts
 * compares it with the library's own on awkward paths, so a change of the library's rules shows there.
 */
export function canonicalPath(path: string): string {
  const segments: string[] = []
  for (const segment of path.split('/')) {
    if (segment === '' || segment === '.') continue
    if (segment === '..') segments.pop()
    else segments.push(segment)
  }
  const normalized = `${path.startsWith('/') ? '/' : ''}${segments.join('/')}${segments.length > 0 && path.endsWith('/') ? '/' : ''}`
  return escapeUri(normalized).replace(/%2F/g, '/')
}

/** RFC 3986 escaping, as the AWS SDK's `escapeUri`: encodeURIComponent plus `!'()*`. */
function escapeUri(value: string): string {
  return encodeURIComponent(value).replace(
    /[!'()*]/g,
    (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`,
  )
}

function toQueryBag(query: URLSearchParams): QueryParameterBag {
  const bag: Record<string, string | string[]> = {}
  for (const [key, value] of query) {
    const existing = bag[key]
    if (existing === undefined) bag[key] = value
    else if (Array.isArray(existing)) existing.push(value)
    else bag[key] = [existing, value]
  }
  return bag
}

function deriveSigningKey(secret: string, date: string, region: string, service: string): Uint8Array {
  const dateKey = hmac(utf8.encode(`AWS4${secret}`), date)
  const regionKey = hmac(dateKey, region)
  const serviceKey = hmac(regionKey, service)
  return hmac(serviceKey, 'aws4_request')
}

const utf8 = new TextEncoder()

function sha256(data: string): Uint8Array {
  const hash = new Sha256()
  hash.update(utf8.encode(data))
  return hash.digestSync()
}

function hmac(key: Uint8Array, data: string): Uint8Array {
  const hash = new Sha256(key)
  hash.update(utf8.encode(data))
  return hash.digestSync()
}

function toHex(bytes: Uint8Array): string {
  let hex = ''
  for (const byte of bytes) hex += byte.toString(16).padStart(2, '0')
  return hex
}

/** Compares two hex strings without an early exit, so timing does not reveal how much matched. */
function equalInConstantTime(a: string, b: string): boolean {
  if (a.length !== b.length) return false
  let diff = 0
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i)
  return diff === 0
}
