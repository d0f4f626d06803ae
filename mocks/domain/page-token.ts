/** Domain layer: opaque, tamper-evident `nextToken`s bound to operation, caller and filter (R-LIST-3). */
import { ValidationException } from '../generated/errors.ts'
import { decisions } from './decisions.ts'

/** What a token is valid for: it is rejected anywhere else. */
export interface TokenBinding {
  operation: 'ListMembers' | 'ListMemberships'
  accountId: string
  region: string
  /** The filter of the listing: the collaboration id for ListMembers, the status (or '') for ListMemberships. */
  filter: string
}

const VERSION = 'v1'

/**
 * Issues a token carrying `position` (where the next page starts). Format: `v1.<base64url position>.<mac>`,
 * only URL-safe characters, where the mac is a keyed 64-bit hash of the secret, the binding and the position.
 * The binding is not in the token: a token reused elsewhere fails the mac check like a tampered one.
 */
export function issuePageToken(secret: string, binding: TokenBinding, position: string): string {
  return `${VERSION}.${encodeBase64Url(position)}.${mac(secret, binding, position)}`
}

/**
 * Returns the position a token carries, or throws ValidationException when the token is malformed, was
 * altered, or was issued for another operation, caller or filter.
 */
export function readPageToken(secret: string, binding: TokenBinding, token: string): string {
  const parts = token.split('.')
  const [version, encoded, checksum] = parts
  const position =
    parts.length === 3 && version === VERSION && encoded !== undefined ? decodeBase64Url(encoded) : undefined
  if (position === undefined || checksum === undefined) {
    throw invalidToken('The nextToken is malformed.')
  }
  if (checksum !== mac(secret, binding, position)) {
    throw invalidToken(
      'The nextToken is not valid for this request: it was altered, or issued for another operation, caller or filter.',
    )
  }
  return position
}

/** A ValidationException about `nextToken` (also for a position that does not parse). */
export function invalidToken(message: string): ValidationException {
  return new ValidationException({
    message,
    reason: decisions.invalidTokenReason,
    fieldList: [{ name: 'nextToken', message }],
  })
}

function mac(secret: string, binding: TokenBinding, position: string): string {
  const message = [
    VERSION,
    binding.operation,
    binding.region,
    binding.accountId,
    binding.filter,
    position,
  ].join('\n')
  // Hashing the secret on both sides of the message (as HMAC does) stops length-extension-style edits.
  return hash64(`${secret}\n${message}\n${secret}`)
}

/**
 * A small, pure, non-cryptographic 64-bit hash (two 32-bit multiply-xorshift lanes, cyrb53-style) as 16
 * hex digits. Enough to make an edited token fail with probability 1 - 2^-64; no `node:crypto` in the domain.
 */
export function hash64(text: string): string {
  let h1 = 0xdeadbeef
  let h2 = 0x41c6ce57
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i)
    h1 = Math.imul(h1 ^ code, 2654435761)
    h2 = Math.imul(h2 ^ code, 1597334677)
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909)
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909)
  return (h2 >>> 0).toString(16).padStart(8, '0') + (h1 >>> 0).toString(16).padStart(8, '0')
}

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'

/** base64url without padding, for ASCII text (positions are ASCII). */
function encodeBase64Url(text: string): string {
  let out = ''
  for (let i = 0; i < text.length; i += 3) {
    const a = text.charCodeAt(i)
    const b = i + 1 < text.length ? text.charCodeAt(i + 1) : 0
    const c = i + 2 < text.length ? text.charCodeAt(i + 2) : 0
    const bits = (a << 16) | (b << 8) | c
    const chars = Math.min(4, Math.ceil(((text.length - i) * 8) / 6))
    for (let k = 0; k < chars; k++) out += ALPHABET[(bits >>> (18 - 6 * k)) & 63]
  }
  return out
}

/** The inverse of encodeBase64Url; undefined for anything it could not have produced. */
function decodeBase64Url(encoded: string): string | undefined {
  if (encoded.length === 0 || encoded.length % 4 === 1) return undefined
  let out = ''
  for (let i = 0; i < encoded.length; i += 4) {
    const group = encoded.slice(i, i + 4)
    let bits = 0
    for (let k = 0; k < 4; k++) {
      const value = k < group.length ? ALPHABET.indexOf(group.charAt(k)) : 0
      if (value < 0) return undefined
      bits = (bits << 6) | value
    }
    const bytes = group.length - 1
    for (let k = 0; k < bytes; k++) out += String.fromCharCode((bits >>> (16 - 8 * k)) & 255)
  }
  if (encodeBase64Url(out) !== encoded) return undefined // non-canonical padding bits
  return out
}

/**
 * The page size for `maxResults` (R-LIST-3: 1–100, default 100). The protocol layer has validated the range
 * already; this guards direct callers, for whom 0 would mean pages that never advance.
 */
export function pageSize(maxResults: number | undefined): number {
  if (maxResults === undefined) return decisions.defaultMaxResults
  if (!Number.isInteger(maxResults) || maxResults < 1 || maxResults > 100) {
    const message = 'Member must have value between 1 and 100'
    throw new ValidationException({
      message: `1 validation error detected: Value at 'maxResults' failed to satisfy constraint: ${message}`,
      reason: 'FIELD_VALIDATION_FAILED',
      fieldList: [{ name: 'maxResults', message }],
    })
  }
  return maxResults
}
