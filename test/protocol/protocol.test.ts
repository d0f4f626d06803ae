/** Protocol unit tests: routing, identity, error rendering and the order of checks, without the SDK. */
import { describe, expect, it } from 'vitest'
import type { DomainService } from '../../mocks/domain/index.ts'
import {
  ConflictException,
  ResourceNotFoundException,
  type ValidationException,
} from '../../mocks/generated/errors.ts'
import { operations } from '../../mocks/generated/operations.ts'
import { toErrorResponse } from '../../mocks/protocol/error-response.ts'
import { handleRequest, type ProtocolOptions } from '../../mocks/protocol/handle-request.ts'
import { ProtocolError } from '../../mocks/protocol/protocol-errors.ts'
import { matchRoute } from '../../mocks/protocol/router.ts'
import { readCaller } from '../../mocks/protocol/sigv4-identity.ts'
import type { WireRequest } from '../../mocks/protocol/wire.ts'

const auth = (akid: string, region = 'us-east-1') =>
  `AWS4-HMAC-SHA256 Credential=${akid}/20261128/${region}/cleanrooms/aws4_request, SignedHeaders=host;x-amz-date, Signature=${'0'.repeat(64)}`

const identity = {
  accounts: new Map([['AKIDCREATOR', '111111111111']]),
  strict: false,
  defaultAccountId: '123456789012',
  defaultRegion: 'us-east-1',
}

describe('matchRoute (R-WIRE-4)', () => {
  it.each([
    ['POST', '/collaborations', 'CreateCollaboration', {}],
    ['POST', '/memberships', 'CreateMembership', {}],
    ['GET', '/memberships', 'ListMemberships', {}],
    ['GET', '/memberships/abc', 'GetMembership', { membershipIdentifier: 'abc' }],
    ['PATCH', '/memberships/abc', 'UpdateMembership', { membershipIdentifier: 'abc' }],
    ['GET', '/collaborations/c%20d/members', 'ListMembers', { collaborationIdentifier: 'c d' }],
    ['GET', '/memberships/', 'GetMembership', { membershipIdentifier: '' }],
  ])('%s %s → %s', (method, path, name, labels) => {
    expect(matchRoute(method, path)).toMatchObject({ name, labels })
  })

  it.each([
    ['DELETE', '/memberships/abc'],
    ['GET', '/collaborations'],
    ['GET', '/memberships/abc/extra'],
    ['POST', '/nothing'],
  ])('%s %s matches nothing', (method, path) => {
    expect(matchRoute(method, path)).toBeUndefined()
  })
})

describe('readCaller (R-ID-1..3)', () => {
  it('R-ID-1: reads the access key and the region from the credential scope', () => {
    expect(readCaller(auth('AKIDCREATOR', 'eu-west-2'), identity)).toEqual({
      accountId: '111111111111',
      region: 'eu-west-2',
      accessKeyId: 'AKIDCREATOR',
    })
  })
  it('R-ID-2: a 12-digit key is its own account; any other unknown key is the default account', () => {
    expect(readCaller(auth('222222222222'), identity).accountId).toBe('222222222222')
    expect(readCaller(auth('AKIDOTHER'), identity).accountId).toBe('123456789012')
  })
  it('R-ID-3: strict mode refuses unknown keys, but not listed ones', () => {
    const strict = { ...identity, strict: true }
    expect(() => readCaller(auth('222222222222'), strict)).toThrow(
      expect.objectContaining({ name: 'UnrecognizedClientException' }),
    )
    expect(readCaller(auth('AKIDCREATOR'), strict).accountId).toBe('111111111111')
  })
  it('R-ID-3: no header is MissingAuthenticationTokenException; a non-SigV4 one is IncompleteSignatureException', () => {
    expect(() => readCaller(undefined, identity)).toThrow(
      expect.objectContaining({ name: 'MissingAuthenticationTokenException' }),
    )
    expect(() => readCaller('Bearer abc', identity)).toThrow(
      expect.objectContaining({ name: 'IncompleteSignatureException' }),
    )
  })
})

describe('toErrorResponse (R-WIRE-2)', () => {
  it('renders a modeled error with its status, x-amzn-errortype and modeled members', () => {
    const error = new ResourceNotFoundException({
      message: 'gone',
      resourceId: 'x',
      resourceType: 'MEMBERSHIP',
    })
    const response = toErrorResponse(error, operations.GetMembership, 'req-1')
    expect(response).toEqual({
      status: 404,
      headers: {
        'content-type': 'application/json',
        'x-amzn-requestid': 'req-1',
        'x-amzn-errortype': 'ResourceNotFoundException',
      },
      body: JSON.stringify({ message: 'gone', resourceId: 'x', resourceType: 'MEMBERSHIP' }),
    })
  })
  it('turns an error the operation does not declare into InternalServerException naming the bug', () => {
    const error = new ConflictException({ message: 'nope' })
    const response = toErrorResponse(error, operations.GetMembership, 'req-2')
    expect(response.status).toBe(500)
    expect(response.headers['x-amzn-errortype']).toBe('InternalServerException')
    expect(JSON.parse(response.body).message).toContain('GetMembership does not declare ConflictException')
  })
  it('renders protocol errors with their own status', () => {
    const response = toErrorResponse(new ProtocolError('SerializationException', 'bad'), undefined, 'r')
    expect([response.status, response.headers['x-amzn-errortype'], response.body]).toEqual([
      400,
      'SerializationException',
      '{"message":"bad"}',
    ])
  })
  it('turns an unexpected exception into a 500 InternalServerException', () => {
    const response = toErrorResponse(new TypeError('boom'), undefined, 'r')
    expect(response.status).toBe(500)
    expect(JSON.parse(response.body).message).toBe('Mock bug: unexpected failure: boom')
  })
})

describe('handleRequest: the order of checks (R-WIRE-7)', () => {
  const calls: string[] = []
  const service = new Proxy({} as DomainService, {
    get: (_, name: string) => () => {
      calls.push(name)
      if (name === 'GetMembership') {
        throw new ResourceNotFoundException({
          message: 'not found',
          resourceId: 'x',
          resourceType: 'MEMBERSHIP',
        })
      }
      return { ok: true }
    },
  })
  const options: ProtocolOptions = { ...identity, service, newRequestId: () => 'req' }
  const request = (overrides: Partial<WireRequest>): WireRequest => ({
    method: 'POST',
    path: '/memberships',
    query: new URLSearchParams(),
    headers: { authorization: auth('111111111111') },
    body: '{}',
    ...overrides,
  })
  const errorType = (overrides: Partial<WireRequest>) =>
    handleRequest(request(overrides), options).headers['x-amzn-errortype']

  it('identity before route', () => {
    expect(errorType({ headers: {}, path: '/nowhere' })).toBe('MissingAuthenticationTokenException')
  })
  it('route before body parsing', () => {
    expect(errorType({ path: '/nowhere', body: '{not json' })).toBe('UnknownOperationException')
  })
  it('body parsing before validation (R-WIRE-3)', () => {
    expect(errorType({ body: '{not json' })).toBe('SerializationException')
    expect(errorType({ body: '[1]' })).toBe('SerializationException')
    expect(errorType({ body: '{"queryLogStatus": true}' })).toBe('SerializationException')
  })
  it('validation before the operation: an empty body reads as {} and misses required members', () => {
    calls.length = 0
    const response = handleRequest(request({ body: '' }), options)
    expect(response.status).toBe(400)
    expect(JSON.parse(response.body)).toMatchObject({
      reason: 'FIELD_VALIDATION_FAILED',
      fieldList: [
        { name: 'collaborationIdentifier', message: 'Member must not be null' },
        { name: 'queryLogStatus', message: 'Member must not be null' },
      ],
    })
    expect(calls).toEqual([])
  })
  it('a query integer that is not a number is a SerializationException', () => {
    expect(errorType({ method: 'GET', query: new URLSearchParams('maxResults=ten'), body: undefined })).toBe(
      'SerializationException',
    )
  })
  it('then the operation, whose modeled error is rendered', () => {
    const id = '00000000-0000-4000-8000-000000000000'
    expect(errorType({ method: 'GET', path: `/memberships/${id}`, body: undefined })).toBe(
      'ResourceNotFoundException',
    )
  })
  it('a success is the operation status, JSON, and a request id', () => {
    const response = handleRequest(request({ method: 'GET', body: undefined }), options)
    expect(response).toEqual({
      status: 200,
      headers: { 'content-type': 'application/json', 'x-amzn-requestid': 'req' },
      body: '{"ok":true}',
    })
  })
  it('a validation failure message counts and lists every issue', () => {
    const response = handleRequest(
      request({ body: '{"collaborationIdentifier":"x","queryLogStatus":"ON"}' }),
      options,
    )
    const body = JSON.parse(response.body) as ValidationException['body']
    expect(body.message).toMatch(/^3 validation errors detected: Value at 'collaborationIdentifier' failed/)
    expect(body.fieldList?.map((field) => field.name)).toEqual([
      'collaborationIdentifier',
      'collaborationIdentifier',
      'queryLogStatus',
    ])
  })
})
