/** Protocol layer: the one parser of the SigV4 `Authorization` header (identity and the opt-in signature check read it). */
import { ProtocolError } from './protocol-errors.ts'

/** The parts of `AWS4-HMAC-SHA256 Credential=AKID/20250101/us-east-1/cleanrooms/aws4_request, SignedHeaders=…, Signature=…`. */
export interface Authorization {
  accessKeyId: string
  /** The credential scope's date, `YYYYMMDD`. */
  date: string
  region: string
  service: string
  /** Lower-cased names, or `undefined` when `SignedHeaders=` carries no value. */
  signedHeaders: string[] | undefined
  /** Lower-case hex, or `undefined` when `Signature=` carries no hex digits. */
  signature: string | undefined
}

const CREDENTIAL =
  /^AWS4-HMAC-SHA256\s+Credential=([^/\s,]+)\/(\d{8})\/([^/\s,]+)\/([^/\s,]+)\/aws4_request\s*,/
const SIGNED_HEADERS = /SignedHeaders=([^,\s]+)/
const SIGNATURE = /Signature=([0-9a-fA-F]+)/

/**
 * Reads a SigV4 Authorization header. Only the shape is checked here: what the values must be is for the
 * reader (`readCaller` for the identity, `createSignatureCheck` for the signature).
 * @throws ProtocolError IncompleteSignatureException when the credential, `SignedHeaders=` or `Signature=` is missing
 */
export function parseAuthorization(header: string): Authorization {
  const credential = CREDENTIAL.exec(header)
  if (!credential || !header.includes('SignedHeaders=') || !header.includes('Signature=')) {
    throw new ProtocolError(
      'IncompleteSignatureException',
      'Authorization header requires a SigV4 Credential, SignedHeaders and Signature',
    )
  }
  const [, accessKeyId = '', date = '', region = '', service = ''] = credential
  const signedHeaders = SIGNED_HEADERS.exec(header)?.[1]
  const signature = SIGNATURE.exec(header)?.[1]
  return {
    accessKeyId,
    date,
    region,
    service,
    signedHeaders: signedHeaders?.toLowerCase().split(';'),
    signature: signature?.toLowerCase(),
  }
}
