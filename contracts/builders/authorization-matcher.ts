/** Contracts layer: the `Authorization` header as a matcher that pins the caller's account, not a signature. */
import { MatchersV3, type V3RegexMatcher } from '@pact-foundation/pact'

const ACCOUNT_ID = /^\d{12}$/

/**
 * A regex matcher for a SigV4 `Authorization` header whose access key id is `accountId` (the mock
 * maps a 12-digit key to that account, R-ID-2). Date, region, signed headers and signature vary per
 * request, so they are matched by form only; the example is well formed so the provider accepts it.
 */
export function authorizationMatcher(accountId: string): V3RegexMatcher {
  if (!ACCOUNT_ID.test(accountId)) throw new Error(`account must be a 12-digit account id, got ${accountId}`)
  const pattern = `^AWS4-HMAC-SHA256 Credential=${accountId}/\\d{8}/[a-z0-9-]+/cleanrooms/aws4_request, SignedHeaders=[^,]+, Signature=[0-9a-f]{64}$`
  const example = `AWS4-HMAC-SHA256 Credential=${accountId}/20240101/us-east-1/cleanrooms/aws4_request, SignedHeaders=host;x-amz-date, Signature=${'0'.repeat(64)}`
  return MatchersV3.regex(pattern, example)
}

/** The account pinned by an `Authorization` header (its SigV4 access key id), if it has one. */
export function accountOfAuthorization(header: string): string | undefined {
  return /Credential=(\d{12})\//.exec(header)?.[1]
}
