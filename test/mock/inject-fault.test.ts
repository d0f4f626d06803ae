/** Mock core: injected faults hit only matching calls of operations that declare the error (R-STATE-3, R-WIRE-2). */
import { describe, expect, it } from 'vitest'

import { createMockCore } from '../../mocks/core/create-mock.ts'
import type { WireRequest } from '../../mocks/protocol/wire.ts'

const AUTH =
  'AWS4-HMAC-SHA256 Credential=111111111111/20250101/us-east-1/cleanrooms/aws4_request, SignedHeaders=host, Signature=00'

function get(path: string): WireRequest {
  return {
    method: 'GET',
    path,
    query: new URLSearchParams(),
    headers: { authorization: AUTH },
    body: undefined,
  }
}

function createCollaboration(): WireRequest {
  const body = {
    name: 'n',
    description: 'd',
    creatorDisplayName: 'c',
    creatorMemberAbilities: [],
    members: [],
    queryLogStatus: 'DISABLED',
  }
  return { ...get('/collaborations'), method: 'POST', body: JSON.stringify(body) }
}

describe('injectFault', () => {
  it('R-STATE-3: a quota fault for every operation skips operations that do not declare it, and waits for one that does', () => {
    const mock = createMockCore()
    mock.injectFault({ error: 'ServiceQuotaExceededException' })
    // ListMemberships declares no ServiceQuotaExceededException: it answers normally, the fault stays queued.
    const list = mock.handle(get('/memberships'))
    expect(list.status).toBe(200)
    expect(JSON.parse(list.body)).toEqual({ membershipSummaries: [] })
    const create = mock.handle(createCollaboration())
    expect(create.status).toBe(402)
    expect(create.headers['x-amzn-errortype']).toBe('ServiceQuotaExceededException')
    expect(mock.handle(createCollaboration()).status).toBe(200)
  })

  it('R-WIRE-2: a fault named for an operation that does not declare its error is refused when injected', () => {
    const mock = createMockCore()
    expect(() =>
      mock.injectFault({ operation: 'GetMembership', error: 'ServiceQuotaExceededException' }),
    ).toThrow(
      new TypeError(
        'injectFault: GetMembership does not declare ServiceQuotaExceededException, so it can never fail with it',
      ),
    )
    expect(mock.handle(get('/memberships')).status).toBe(200)
  })
})
