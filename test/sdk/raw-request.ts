/** SDK test helpers for the wire: hand-made requests, and SDK middleware that edits or records what is sent. */
import type { CleanRoomsClient, ServiceInputTypes, ServiceOutputTypes } from '@aws-sdk/client-cleanrooms'
import type { FinalizeRequestMiddleware, HttpRequest, HttpResponse } from '@smithy/types'

/** The us-east-1 endpoint; a transport with its own address rewrites the origin. */
export const ENDPOINT = 'https://cleanrooms.us-east-1.amazonaws.com'

/**
 * An `Authorization` header shaped like SigV4 for `accessKeyId` in `region`. The mock reads the caller from it
 * (R-ID-1) and, unless secrets are configured (R-ID-4), does not check the signature.
 */
export function sigV4Authorization(accessKeyId: string, region = 'us-east-1'): string {
  return (
    `AWS4-HMAC-SHA256 Credential=${accessKeyId}/20250101/${region}/cleanrooms/aws4_request, ` +
    'SignedHeaders=host;x-amz-date, Signature=0123456789abcdef'
  )
}

export interface RawRequestInit {
  method?: string
  /** A JSON value (serialised) or a string (sent as is). */
  body?: unknown
  /** Default: a SigV4-shaped header for account 111111111111; `null` sends none. */
  authorization?: string | null
  headers?: Record<string, string>
}

/** A fetch Request to the Clean Rooms endpoint, for `h.raw(...)`. */
export function rawRequest(path: string, init: RawRequestInit = {}): Request {
  const headers: Record<string, string> = { ...init.headers }
  const authorization =
    init.authorization === undefined ? sigV4Authorization('111111111111') : init.authorization
  if (authorization !== null) headers['authorization'] = authorization
  let body: string | undefined
  if (init.body !== undefined) {
    body = typeof init.body === 'string' ? init.body : JSON.stringify(init.body)
    headers['content-type'] ??= 'application/json'
  }
  return new Request(`${ENDPOINT}${path}`, {
    method: init.method ?? (body === undefined ? 'GET' : 'POST'),
    headers,
    ...(body !== undefined && { body }),
  })
}

/** A raw response read whole: status, the headers a user checks, and the parsed JSON body. */
export async function readResponse(response: Response): Promise<{
  status: number
  contentType: string | null
  requestId: string | null
  errorType: string | null
  body: unknown
}> {
  return {
    status: response.status,
    contentType: response.headers.get('content-type'),
    requestId: response.headers.get('x-amzn-requestid'),
    errorType: response.headers.get('x-amzn-errortype'),
    body: JSON.parse(await response.text()),
  }
}

/**
 * Adds a middleware after the SDK signs the request, so a test can send what a signed SDK request would,
 * minus or plus one thing (e.g. no Authorization header). Real SDK serialisation, real signing, edited headers.
 */
export function editSignedRequest(
  client: CleanRoomsClient,
  edit: (request: HttpRequest) => void,
): CleanRoomsClient {
  const middleware: FinalizeRequestMiddleware<ServiceInputTypes, ServiceOutputTypes> =
    (next) => async (args) => {
      edit(args.request as HttpRequest)
      return next(args)
    }
  client.middlewareStack.addRelativeTo(middleware, {
    relation: 'after',
    toMiddleware: 'httpSigningMiddleware',
    name: 'testEditSignedRequest',
  })
  return client
}

/** Records every raw HTTP response the client receives (success or error), in order. */
export function recordResponses(client: CleanRoomsClient): HttpResponse[] {
  const responses: HttpResponse[] = []
  client.middlewareStack.add(
    (next) => async (args) => {
      try {
        const result = await next(args)
        responses.push(result.response as HttpResponse)
        return result
      } catch (error) {
        const response = (error as { $response?: HttpResponse }).$response
        if (response !== undefined) responses.push(response)
        throw error
      }
    },
    { step: 'deserialize', priority: 'low', name: 'testRecordResponses' },
  )
  return responses
}

/** The error a promise rejects with; fails the test when it resolves. */
export async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    (value) => {
      throw new Error(`expected a rejection, got ${JSON.stringify(value)}`)
    },
    (error: unknown) => error,
  )
}
