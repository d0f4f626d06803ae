/** Protocol layer: who is calling, read from the SigV4 Authorization header (identity, not authentication). */
import type { Caller } from '../domain/state.ts'
import { REGION_NAME } from '../internal/region-name.ts'
import { parseAuthorization } from './authorization.ts'
import { ProtocolError } from './protocol-errors.ts'

/** Maps access key ids to account ids (R-ID-2). */
export type AccountDirectory = ReadonlyMap<string, string>

export interface IdentityOptions {
  accounts: AccountDirectory
  /** R-ID-3: unknown access keys are refused instead of mapped to an account. */
  strict: boolean
  /** Account of a key that is neither in the directory nor 12 digits (R-ID-2 decision). */
  defaultAccountId: string
  /** Region used when the credential scope has none. */
  defaultRegion: string
}

const TWELVE_DIGITS = /^\d{12}$/

/**
 * AWS refuses a credential scope whose region is not a region name before it looks at anything else
 * (403 InvalidSignatureException, with or without signature checking).
 * @throws ProtocolError InvalidSignatureException
 */
export function assertRegionName(region: string): void {
  if (!REGION_NAME.test(region)) {
    throw new ProtocolError('InvalidSignatureException', 'Credential should be scoped to a valid region. ')
  }
}

/**
 * Reads the caller from `Authorization: AWS4-HMAC-SHA256 Credential=AKID/20250101/us-east-1/cleanrooms/aws4_request, …`.
 * The signature is not checked here (see R-ID-4, opt-in, in signature-check.ts).
 * @throws ProtocolError MissingAuthenticationTokenException, IncompleteSignatureException, UnrecognizedClientException
 */
export function readCaller(authorization: string | undefined, options: IdentityOptions): Caller {
  if (!authorization) {
    throw new ProtocolError('MissingAuthenticationTokenException', 'Missing Authentication Token')
  }
  const { accessKeyId, region } = parseAuthorization(authorization)
  assertRegionName(region)
  const known = options.accounts.get(accessKeyId)
  if (known) return { accountId: known, region, accessKeyId }
  if (options.strict) {
    throw new ProtocolError(
      'UnrecognizedClientException',
      'The security token included in the request is invalid.',
    )
  }
  const accountId = TWELVE_DIGITS.test(accessKeyId) ? accessKeyId : options.defaultAccountId
  return { accountId, region, accessKeyId }
}
