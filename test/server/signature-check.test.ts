/** R-ID-4: opt-in SigV4 signature checking, unit by unit. */
import { Sha256 } from '@aws-crypto/sha256-js'
import { SignatureV4, SignatureV4Base } from '@smithy/signature-v4'
import type { HttpRequest } from '@smithy/types'
import { describe, expect, it } from 'vitest'

import { ProtocolError } from '../../mocks/protocol/protocol-errors.ts'
import { canonicalPath, createSignatureCheck } from '../../mocks/protocol/signature-check.ts'
import type { WireRequest } from '../../mocks/protocol/wire.ts'

const SIGNED_AT = Date.UTC(2026, 0, 15, 12, 0, 0)
const secrets = { AKIDALICE: 'alice-secret' }

/** Signs a request the way the SDK does (same library, same options) and returns it as the core sees it. */
async function signed(
  init: { method: string; path: string; query?: Record<string, string>; body?: string },
  credentials = { accessKeyId: 'AKIDALICE', secretAccessKey: 'alice-secret' },
  service = 'cleanrooms',
): Promise<WireRequest> {
  const signer = new SignatureV4({ service, region: 'eu-west-2', credentials, sha256: Sha256 })
  const request: HttpRequest = {
    method: init.method,
    protocol: 'https:',
    hostname: 'cleanrooms.eu-west-2.amazonaws.com',
    path: init.path,
    query: init.query ?? {},
    headers: {
      host: 'cleanrooms.eu-west-2.amazonaws.com',
      'x-amz-user-agent': 'aws-sdk-js/3',
      ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: init.body,
  }
  const out = await signer.sign(request, { signingDate: new Date(SIGNED_AT) })
  const headers: Record<string, string> = {}
  for (const [name, value] of Object.entries(out.headers)) headers[name.toLowerCase()] = value
  return {
    method: init.method,
    path: init.path,
    query: new URLSearchParams(init.query),
    headers,
    body: init.body,
  }
}

const check = createSignatureCheck({ secrets, now: () => SIGNED_AT + 60_000 })

function failure(run: () => void): ProtocolError {
  try {
    run()
  } catch (error) {
    if (error instanceof ProtocolError) return error
    throw error
  }
  throw new Error('expected the signature check to fail')
}

describe('signature check (R-ID-4)', () => {
  it('R-ID-4: accepts requests signed by @smithy/signature-v4 with the configured secret', async () => {
    const requests = [
      await signed({ method: 'GET', path: '/memberships', query: { maxResults: '5', status: 'ACTIVE' } }),
      await signed({
        method: 'GET',
        path: '/memberships',
        query: { nextToken: 'a+b/c==&d e', maxResults: '100' },
      }),
      await signed({
        method: 'POST',
        path: '/collaborations',
        body: JSON.stringify({ name: 'Zoë ☃ “quoted”' }),
      }),
      await signed({ method: 'PATCH', path: '/memberships/1c2d%20x', body: '{}' }),
      await signed({ method: 'GET', path: '/collaborations/0a1b2c3d-0000-4000-8000-000000000000/members' }),
    ]
    for (const request of requests) expect(() => check(request)).not.toThrow()
  })

  it('R-ID-4: rejects a signature made with another secret as InvalidSignatureException', async () => {
    const request = await signed(
      { method: 'GET', path: '/memberships' },
      { accessKeyId: 'AKIDALICE', secretAccessKey: 'not-alice-secret' },
    )
    const error = failure(() => check(request))
    expect(error.name).toBe('InvalidSignatureException')
    expect(error.message).toContain('does not match')
    expect(error.message).toContain('GET\n/memberships\n')
  })

  it('R-ID-4: rejects a body changed after signing', async () => {
    const request = await signed({ method: 'POST', path: '/collaborations', body: '{"name":"a"}' })
    expect(failure(() => check({ ...request, body: '{"name":"b"}' })).name).toBe('InvalidSignatureException')
  })

  it('R-ID-4: rejects a query changed after signing', async () => {
    const request = await signed({ method: 'GET', path: '/memberships', query: { maxResults: '5' } })
    const error = failure(() => check({ ...request, query: new URLSearchParams({ maxResults: '6' }) }))
    expect(error.name).toBe('InvalidSignatureException')
  })

  it('R-ID-4: rejects a clock skewed by more than 5 minutes with "Signature expired"', async () => {
    const request = await signed({ method: 'GET', path: '/memberships' })
    const late = createSignatureCheck({ secrets, now: () => SIGNED_AT + 5 * 60_000 + 1_000 })
    const error = failure(() => late(request))
    expect(error.name).toBe('InvalidSignatureException')
    expect(error.message).toMatch(/^Signature expired: 20260115T120000Z is now earlier than 20260115T120001Z/)
    const early = createSignatureCheck({ secrets, now: () => SIGNED_AT - 6 * 60_000 })
    expect(failure(() => early(request)).message).toMatch(/^Signature not yet current/)
    const withinSkew = createSignatureCheck({ secrets, now: () => SIGNED_AT - 4 * 60_000 })
    expect(() => withinSkew(request)).not.toThrow()
  })

  it('R-ID-4: refuses an access key that has no secret configured', async () => {
    const request = await signed(
      { method: 'GET', path: '/memberships' },
      { accessKeyId: 'AKIDMALLORY', secretAccessKey: 'x' },
    )
    expect(failure(() => check(request)).name).toBe('UnrecognizedClientException')
  })

  it('R-ID-4: rejects a request signed for another service', async () => {
    const request = await signed({ method: 'GET', path: '/memberships' }, undefined, 's3')
    const error = failure(() => check(request))
    expect(error.name).toBe('InvalidSignatureException')
    expect(error.message).toContain("'s3'")
  })

  it('R-ID-4: asks for x-amz-date when it is missing', async () => {
    const request = await signed({ method: 'GET', path: '/memberships' })
    const { 'x-amz-date': _, ...headers } = request.headers
    expect(failure(() => check({ ...request, headers })).name).toBe('IncompleteSignatureException')
  })

  describe('what SignedHeaders must cover, as AWS demands it', () => {
    /** Signs GET /memberships with exactly these headers present, leaving `unsigned` out of SignedHeaders. */
    async function signedWith(
      headers: Record<string, string>,
      unsigned: string[] = [],
    ): Promise<WireRequest> {
      const signer = new SignatureV4({
        service: 'cleanrooms',
        region: 'eu-west-2',
        credentials: { accessKeyId: 'AKIDALICE', secretAccessKey: 'alice-secret' },
        sha256: Sha256,
      })
      const out = await signer.sign(
        { method: 'GET', protocol: 'https:', hostname: 'h', path: '/memberships', query: {}, headers },
        { signingDate: new Date(SIGNED_AT), unsignableHeaders: new Set(unsigned) },
      )
      const wire: Record<string, string> = {}
      for (const [name, value] of Object.entries(out.headers)) wire[name.toLowerCase()] = value
      return {
        method: 'GET',
        path: '/memberships',
        query: new URLSearchParams(),
        headers: wire,
        body: undefined,
      }
    }

    it('R-ID-4: refuses a request whose host is not signed (it could be replayed against another host)', async () => {
      const request = await signedWith({ 'x-amz-user-agent': 'aws-sdk-js/3' })
      // Signed without host: the signature itself is right for what was signed.
      const error = failure(() =>
        check({ ...request, headers: { ...request.headers, host: 'other.example' } }),
      )
      expect([error.name, error.message]).toEqual([
        'InvalidSignatureException',
        "'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.",
      ])
    })

    it('R-ID-4: refuses an x-amz-* header that was sent but not signed (x-amz-date included)', async () => {
      const dateUnsigned = await signedWith({ host: 'h' }, ['x-amz-date'])
      const error = failure(() => check(dateUnsigned))
      expect([error.name, error.message]).toEqual([
        'InvalidSignatureException',
        "'X-Amz-Date' must be a 'SignedHeader' in the AWS Authorization.",
      ])
      const signedRequest = await signedWith({ host: 'h' })
      const added = { ...signedRequest.headers, 'x-amz-security-token': 'added-later' }
      expect(failure(() => check({ ...signedRequest, headers: added })).message).toBe(
        "'X-Amz-Security-Token' must be a 'SignedHeader' in the AWS Authorization.",
      )
    })

    it('R-ID-4: refuses a request missing a header that SignedHeaders names, as a signature mismatch', async () => {
      const request = await signedWith({ host: 'h', 'x-custom': 'value' })
      const { 'x-custom': _, ...headers } = request.headers
      const error = failure(() => check({ ...request, headers }))
      expect(error.name).toBe('InvalidSignatureException')
      expect(error.message).toMatch(
        /^The request signature we calculated does not match the signature you provided\./,
      )
      expect(error.message).toContain("'x-custom' is named in SignedHeaders but was not sent")
    })
  })
})

describe('canonical path (decision 0013)', () => {
  /** The library's own rule, reached through its protected method here only, to catch a change in a new version. */
  class LibraryPath extends SignatureV4Base {
    constructor() {
      super({
        service: 'cleanrooms',
        region: 'us-east-1',
        credentials: { accessKeyId: 'a', secretAccessKey: 'b' },
        sha256: Sha256,
      })
    }
    of(path: string): string {
      // A private member in the typings: cast, in this test only.
      return (this as unknown as { getCanonicalPath(request: { path: string }): string }).getCanonicalPath({
        path,
      })
    }
  }
  const library = new LibraryPath()

  it.each([
    '/memberships',
    '/collaborations/11111111-2222-3333-4444-555555555555/memberships',
    '/memberships/a%2Fb/',
    '/x/./y/../z',
    '//double//slash/',
    "/quote's(paren)*star!",
    '/space%20and%25percent',
    '/unicode/%C3%A9t%C3%A9',
    '/',
    '',
  ])('R-ID-4: the canonical path of %j is the one @smithy/signature-v4 signs', (path) => {
    expect(canonicalPath(path)).toBe(library.of(path))
  })
})
