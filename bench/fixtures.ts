/** Bench: requests and data shared by the benchmarks, built through the wire API so they follow every rule. */
import type { WireRequest, WireResponse } from '../mocks/protocol/wire.ts'

export const OWNER = '111111111111'
export const PARTNER = '222222222222'
export const REGION = 'us-east-1'
export const ENDPOINT = `https://cleanrooms.${REGION}.amazonaws.com`
export const CREDENTIALS = { accessKeyId: OWNER, secretAccessKey: 'bench-secret' }

/** A SigV4-shaped Authorization header: the mock reads the caller from it and (by default) checks nothing else. */
export function authorization(accessKeyId = OWNER): string {
  return (
    `AWS4-HMAC-SHA256 Credential=${accessKeyId}/20260101/${REGION}/cleanrooms/aws4_request, ` +
    `SignedHeaders=host;x-amz-date, Signature=${'0'.repeat(64)}`
  )
}

/** A request as the core sees it. */
export function wire(method: string, path: string, body?: unknown, query = ''): WireRequest {
  return {
    method,
    path,
    query: new URLSearchParams(query),
    headers: {
      authorization: authorization(),
      host: `cleanrooms.${REGION}.amazonaws.com`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  }
}

interface Handles {
  handle(request: WireRequest): WireResponse
}

/**
 * Creates `count` collaborations (OWNER creates, PARTNER invited) and OWNER's membership in each, through
 * the wire core. Returns the id of the last membership.
 */
export function populate(mock: Handles, count: number): string {
  return createMemberships(mock, createCollaborations(mock, count)).at(-1) ?? ''
}

/** Creates `count` collaborations as OWNER (who can query and receive results), PARTNER invited. */
export function createCollaborations(mock: Handles, count: number): string[] {
  const ids: string[] = []
  for (let i = 0; i < count; i++) {
    const created = expectOk(
      mock.handle(
        wire('POST', '/collaborations', {
          name: `bench ${i}`,
          description: 'benchmark collaboration',
          creatorDisplayName: 'owner',
          creatorMemberAbilities: ['CAN_QUERY', 'CAN_RECEIVE_RESULTS'],
          members: [{ accountId: PARTNER, memberAbilities: [], displayName: 'partner' }],
          queryLogStatus: 'DISABLED',
        }),
      ),
    ) as { collaboration: { id: string } }
    ids.push(created.collaboration.id)
  }
  return ids
}

/** Creates OWNER's membership in each collaboration; returns the membership ids in creation order. */
export function createMemberships(mock: Handles, collaborationIds: readonly string[]): string[] {
  return collaborationIds.map((collaborationIdentifier) => {
    const created = expectOk(
      mock.handle(wire('POST', '/memberships', { collaborationIdentifier, queryLogStatus: 'DISABLED' })),
    ) as { membership: { id: string } }
    return created.membership.id
  })
}

export function expectOk(response: WireResponse): unknown {
  if (response.status !== 200) {
    throw new Error(
      `bench setup: ${response.status} ${response.headers['x-amzn-errortype']}: ${response.body}`,
    )
  }
  return JSON.parse(response.body)
}
