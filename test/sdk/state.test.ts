/** SDK suite: determinism and state (R-STATE-1..3): seeds, reset, snapshot/restore as JSON, rejected requests, unreachable states, faults. */
import {
  type CleanRoomsClient,
  ConflictException,
  CreateCollaborationCommand,
  CreateMembershipCommand,
  GetMembershipCommand,
  InternalServerException,
  ListMembersCommand,
  ListMembershipsCommand,
  ResourceNotFoundException,
  ServiceQuotaExceededException,
  ThrottlingException,
  UpdateMembershipCommand,
  ValidationException,
} from '@aws-sdk/client-cleanrooms'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'

import type { CleanRoomsMockOptions, MockSnapshot } from '../../mocks/index.ts'
import { rawRequest, recordResponses, rejectionOf } from './raw-request.ts'
import {
  A,
  B,
  C,
  collaborationInput,
  createCollaboration,
  expectRejected,
  join,
  MISSING,
  member,
  OUTSIDER,
  pay,
  T0,
  UUID,
} from './rule-helpers.ts'
import { type Harness, transports } from './transports.ts'

/** A small consumer flow through the SDK: create, two joins, an update. Returns every id it saw. */
async function flow(client: (account: string) => CleanRoomsClient) {
  const collaborationId = await createCollaboration(client(A), {
    creatorMemberAbilities: ['CAN_QUERY'],
    members: [member(B, [], pay({ queryCompute: true })), member(C, ['CAN_RECEIVE_RESULTS'])],
  })
  const paying = await join(client(B), collaborationId, { paymentConfiguration: pay({ queryCompute: true }) })
  const creator = await join(client(A), collaborationId)
  await client(B).send(
    new UpdateMembershipCommand({ membershipIdentifier: paying.id, queryLogStatus: 'DISABLED' }),
  )
  return { collaborationId, payingId: paying.id ?? '', creatorId: creator.id ?? '' }
}

describe.each(transports)('through $name', (transport) => {
  let h: Harness
  beforeEach(async () => {
    h = await transport.start({ clock: () => T0, seed: 7 })
  })
  afterEach(() => h.close())

  /**
   * Runs `body` against a fresh mock through the same transport, after closing `h` (two MSW servers cannot
   * intercept at once), and reopens `h` afterwards so afterEach can close it.
   */
  const withAnother = async <T>(options: CleanRoomsMockOptions, body: (other: Harness) => Promise<T>) => {
    await h.close()
    const other = await transport.start({ clock: () => T0, ...options })
    try {
      return await body(other)
    } finally {
      await other.close()
      h = await transport.start({ clock: () => T0, seed: 7 })
    }
  }

  describe('R-STATE-1 determinism, reset, snapshot and restore', () => {
    it('R-STATE-1: the same seed and the same calls give the same ids and the same state; another seed other ids', async () => {
      const first = await flow(h.client)
      const snapshot = h.mock.snapshot()
      for (const id of Object.values(first)) expect(id).toMatch(UUID)
      const twin = await withAnother({ seed: 7 }, async (other) => ({
        ids: await flow(other.client),
        snapshot: other.mock.snapshot(),
      }))
      expect(twin).toEqual({ ids: first, snapshot })

      const stranger = await withAnother({ seed: 8 }, (other) => flow(other.client))
      expect(stranger.collaborationId).not.toBe(first.collaborationId)
      expect(stranger.payingId).not.toBe(first.payingId)
    })

    it('R-STATE-1: reset empties the state and the queued faults; ids carry on from the seed’s sequence', async () => {
      const { collaborationId, payingId } = await flow(h.client)
      h.mock.injectFault({ error: 'ThrottlingException', times: 5 })
      h.mock.reset()
      expect(h.mock.snapshot()).toEqual({ version: 1, regions: {}, model: '2026-04-17' })
      const listed = await h.client(B).send(new ListMembershipsCommand({}))
      expect(listed.membershipSummaries).toEqual([])
      const gone = await rejectionOf(
        h.client(B).send(new GetMembershipCommand({ membershipIdentifier: payingId })),
      )
      expect(gone).toBeInstanceOf(ResourceNotFoundException)
      const again = await createCollaboration(h.client(A))
      expect(again).toMatch(UUID)
      expect(again).not.toBe(collaborationId)
    })

    it('R-STATE-1: a snapshot is plain JSON: it survives JSON.stringify and restores into another mock', async () => {
      const { collaborationId, payingId } = await flow(h.client)
      const snapshot = h.mock.snapshot()
      const text = JSON.stringify(snapshot)
      expect(JSON.parse(text)).toEqual(snapshot)
      const read = async (harness: Harness) => ({
        membership: (
          await harness.client(B).send(new GetMembershipCommand({ membershipIdentifier: payingId }))
        ).membership,
        members: (
          await harness.client(C).send(new ListMembersCommand({ collaborationIdentifier: collaborationId }))
        ).memberSummaries,
        memberships: (await harness.client(A).send(new ListMembershipsCommand({}))).membershipSummaries,
      })
      const original = await read(h)
      expect(original.memberships).toHaveLength(1)

      const restored = await withAnother({}, async (other) => {
        other.mock.restore(JSON.parse(text) as MockSnapshot)
        expect(other.mock.snapshot()).toEqual(snapshot)
        return read(other)
      })
      expect(restored).toEqual(original)
    })

    it('R-STATE-1: snapshot and restore copy: changing either object afterwards changes nothing in the mock', async () => {
      const { payingId } = await flow(h.client)
      const snapshot = h.mock.snapshot()
      const region = snapshot.regions['us-east-1']
      const membership = region?.memberships[payingId]
      if (membership === undefined) throw new Error('the flow’s membership is not in the snapshot')
      membership.status = 'REMOVED'
      expect(h.mock.snapshot().regions['us-east-1']?.memberships[payingId]?.status).toBe('ACTIVE')

      h.mock.restore(snapshot)
      membership.status = 'ACTIVE'
      const { membership: read } = await h
        .client(B)
        .send(new GetMembershipCommand({ membershipIdentifier: payingId }))
      expect(read?.status).toBe('REMOVED')
    })

    it('R-STATE-1: restore refuses a snapshot that is not consistent, and keeps the current state', async () => {
      await flow(h.client)
      const before = h.mock.snapshot()
      const broken = h.mock.snapshot()
      const region = broken.regions['us-east-1']
      if (region === undefined) throw new Error('no region in the snapshot')
      region.collaborations = {}
      expect(() => h.mock.restore(broken)).toThrow(TypeError)
      expect(h.mock.snapshot()).toEqual(before)
    })
  })

  describe('R-STATE-2 a rejected request changes nothing', () => {
    it('R-STATE-2: business-rule, not-found and conflict rejections of every operation leave the snapshot equal', async () => {
      const { collaborationId, payingId } = await flow(h.client)
      await expectRejected(
        h,
        () =>
          h.client(A).send(
            new CreateCollaborationCommand(
              collaborationInput({
                members: [
                  member(B, [], pay({ queryCompute: true })),
                  member(C, [], pay({ queryCompute: true })),
                ],
              }),
            ),
          ),
        ValidationException,
      )
      await expectRejected(
        h,
        () => join(h.client(C), collaborationId, { paymentConfiguration: pay({ queryCompute: true }) }),
        ValidationException,
      )
      await expectRejected(h, () => join(h.client(OUTSIDER), collaborationId), ResourceNotFoundException)
      await expectRejected(h, () => join(h.client(B), collaborationId), ConflictException)
      await expectRejected(
        h,
        () =>
          h
            .client(B)
            .send(new UpdateMembershipCommand({ membershipIdentifier: payingId, queryLogStatus: 'ENABLED' })),
        ValidationException,
      )
      await expectRejected(
        h,
        () =>
          h
            .client(C)
            .send(
              new UpdateMembershipCommand({ membershipIdentifier: payingId, queryLogStatus: 'DISABLED' }),
            ),
        ResourceNotFoundException,
      )
      await expectRejected(
        h,
        () => h.client(C).send(new GetMembershipCommand({ membershipIdentifier: payingId })),
        ResourceNotFoundException,
      )
      await expectRejected(
        h,
        () => h.client(OUTSIDER).send(new ListMembersCommand({ collaborationIdentifier: collaborationId })),
        ResourceNotFoundException,
      )
      await expectRejected(
        h,
        () => h.client(B).send(new ListMembershipsCommand({ nextToken: 'v1.AAAA.0000000000000000' })),
        ValidationException,
      )
    })

    it('R-STATE-2: validation failures, protocol errors and injected faults leave the snapshot equal', async () => {
      const { collaborationId } = await flow(h.client)
      await expectRejected(
        h,
        () =>
          h.client(C).send(
            new CreateMembershipCommand({
              collaborationIdentifier: collaborationId,
              queryLogStatus: 'LOUD' as 'ENABLED',
            }),
          ),
        ValidationException,
      )
      h.mock.injectFault({ operation: 'CreateMembership', error: 'ThrottlingException' })
      await expectRejected(h, () => join(h.client(C), collaborationId), ThrottlingException)
      h.mock.injectFault({ operation: 'CreateCollaboration', error: 'ServiceQuotaExceededException' })
      await expectRejected(h, () => createCollaboration(h.client(A)), ServiceQuotaExceededException)

      const before = h.mock.snapshot()
      for (const request of [
        rawRequest('/memberships', { body: `{"collaborationIdentifier":"${collaborationId}",` }),
        rawRequest('/memberships', {
          body: { collaborationIdentifier: collaborationId, queryLogStatus: 'DISABLED' },
          authorization: null,
        }),
        rawRequest('/no/such/operation', {
          body: { collaborationIdentifier: collaborationId, queryLogStatus: 'DISABLED' },
        }),
      ]) {
        const response = await h.raw(request)
        expect(response.status).toBeGreaterThanOrEqual(400)
      }
      expect(h.mock.snapshot()).toEqual(before)
      // The fault was spent, so the same join now succeeds and changes the state.
      await join(h.client(C), collaborationId)
      expect(h.mock.snapshot()).not.toEqual(before)
    })

    it('R-STATE-2: request ids are not state: reads with different request ids leave equal snapshots', async () => {
      await flow(h.client)
      const before = h.mock.snapshot()
      const client = h.client(B)
      const responses = recordResponses(client)
      await client.send(new ListMembershipsCommand({}))
      await client.send(new ListMembershipsCommand({}))
      expect(responses[0]?.headers['x-amzn-requestid']).not.toBe(responses[1]?.headers['x-amzn-requestid'])
      expect(h.mock.snapshot()).toEqual(before)
    })
  })

  describe('R-STATE-3 unreachable states and faults', () => {
    it('R-STATE-3: a seeded LEFT member cannot join again (409 INVALID_STATE) nor list the members (404)', async () => {
      const { collaborationId, membershipIds } = h.mock.seed.collaboration({
        creator: { accountId: A, abilities: ['CAN_QUERY'] },
        members: [
          { accountId: B, status: 'LEFT', membership: { status: 'REMOVED' } },
          { accountId: C, status: 'LEFT' },
        ],
      })
      const withMembership = await expectRejected(
        h,
        () => join(h.client(B), collaborationId),
        ConflictException,
      )
      expect(withMembership).toMatchObject({
        $metadata: { httpStatusCode: 409 },
        reason: 'INVALID_STATE',
        resourceType: 'MEMBERSHIP',
        resourceId: membershipIds[B],
      })
      const without = await expectRejected(h, () => join(h.client(C), collaborationId), ConflictException)
      expect(without).toMatchObject({
        reason: 'INVALID_STATE',
        resourceType: 'COLLABORATION',
        resourceId: collaborationId,
      })
      await expectRejected(
        h,
        () => h.client(B).send(new ListMembersCommand({ collaborationIdentifier: collaborationId })),
        ResourceNotFoundException,
      )
    })

    it('R-STATE-3: a state edited in a snapshot and restored obeys every rule (member REMOVED, membership REMOVED)', async () => {
      const { collaborationId, payingId } = await flow(h.client)
      const snapshot = h.mock.snapshot()
      const region = snapshot.regions['us-east-1']
      const participant = region?.collaborations[collaborationId]?.participants.find((p) => p.accountId === B)
      const membership = region?.memberships[payingId]
      if (participant === undefined || membership === undefined)
        throw new Error('the flow is not in the snapshot')
      participant.status = 'REMOVED'
      membership.status = 'REMOVED'
      h.mock.restore(JSON.parse(JSON.stringify(snapshot)) as MockSnapshot)

      const { membership: read } = await h
        .client(B)
        .send(new GetMembershipCommand({ membershipIdentifier: payingId }))
      expect(read?.status).toBe('REMOVED')
      await expectRejected(
        h,
        () =>
          h
            .client(B)
            .send(
              new UpdateMembershipCommand({ membershipIdentifier: payingId, queryLogStatus: 'DISABLED' }),
            ),
        ConflictException,
      )
      await expectRejected(h, () => join(h.client(B), collaborationId), ConflictException)
      await expectRejected(
        h,
        () => h.client(B).send(new ListMembersCommand({ collaborationIdentifier: collaborationId })),
        ResourceNotFoundException,
      )
      const removed = await h.client(B).send(new ListMembershipsCommand({ status: 'REMOVED' }))
      expect(removed.membershipSummaries?.map((m) => m.id)).toEqual([payingId])
      const { memberSummaries = [] } = await h
        .client(A)
        .send(new ListMembersCommand({ collaborationIdentifier: collaborationId }))
      expect(memberSummaries.find((m) => m.accountId === B)?.status).toBe('REMOVED')
    })

    it('R-STATE-3: without injected faults, 300 calls never see 402, 429 or 500', async () => {
      const client = h.client(B)
      const responses = recordResponses(client)
      const { collaborationId } = await flow(h.client)
      for (let i = 0; i < 100; i++) {
        await client.send(new ListMembershipsCommand({ maxResults: 1 }))
        await client.send(new ListMembersCommand({ collaborationIdentifier: collaborationId }))
        await rejectionOf(client.send(new GetMembershipCommand({ membershipIdentifier: MISSING })))
      }
      const statuses = new Set(responses.map((r) => r.statusCode))
      expect([...statuses].sort()).toEqual([200, 404])
      expect(responses).toHaveLength(300)
    })

    it('R-STATE-3: a fault hits only its operation and account, as many times as asked', async () => {
      const { collaborationId } = await flow(h.client)
      h.mock.injectFault({
        operation: 'ListMembers',
        accountId: C,
        error: 'InternalServerException',
        times: 2,
      })
      const list = (account: string) =>
        h.client(account).send(new ListMembersCommand({ collaborationIdentifier: collaborationId }))
      // Other accounts, and other operations of C, are untouched.
      await expect(list(A)).resolves.toBeDefined()
      await expect(h.client(C).send(new ListMembershipsCommand({}))).resolves.toBeDefined()
      expect(await rejectionOf(list(C))).toBeInstanceOf(InternalServerException)
      await expect(list(B)).resolves.toBeDefined()
      expect(await rejectionOf(list(C))).toBeInstanceOf(InternalServerException)
      await expect(list(C)).resolves.toBeDefined()
    })
  })
})
