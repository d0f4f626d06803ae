/** SDK suite: ListMembers and ListMemberships (R-LIST-1..3): who may list, order, own-only, filters, and pagination with the SDK's paginators. */
import {
  type CleanRoomsClient,
  ListMembersCommand,
  ListMembershipsCommand,
  type ListMembershipsCommandInput,
  type MembershipStatus,
  paginateListMembers,
  paginateListMemberships,
  ResourceNotFoundException,
  ValidationException,
} from '@aws-sdk/client-cleanrooms'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'

import { rejectionOf } from './raw-request.ts'
import { A, B, C, D, OUTSIDER, T0 } from './rule-helpers.ts'
import { type Harness, transports } from './transports.ts'

const E = '555555555555'
const T0_SECONDS = T0 / 1000

const MALFORMED = 'The nextToken is malformed.'
const NOT_VALID_HERE =
  'The nextToken is not valid for this request: it was altered, or issued for another operation, caller or filter.'

/** What a user checks on a rejected page token (R-LIST-3). */
function expectBadToken(error: unknown, message: string): void {
  expect(error).toBeInstanceOf(ValidationException)
  expect(error).toMatchObject({
    $metadata: { httpStatusCode: 400 },
    reason: 'FIELD_VALIDATION_FAILED',
    message,
    fieldList: [{ name: 'nextToken', message }],
  })
}

/** Every page of ListMemberships as `client`, via the SDK's paginator. */
async function walkMemberships(
  client: CleanRoomsClient,
  input: ListMembershipsCommandInput = {},
  pageSize?: number,
) {
  const pages: Array<{ ids: string[]; nextToken: string | undefined }> = []
  for await (const page of paginateListMemberships(
    { client, ...(pageSize !== undefined && { pageSize }) },
    input,
  )) {
    pages.push({ ids: (page.membershipSummaries ?? []).map((m) => m.id ?? ''), nextToken: page.nextToken })
  }
  return pages
}

describe.each(transports)('through $name', (transport) => {
  let h: Harness
  beforeEach(async () => {
    h = await transport.start({ clock: () => T0 })
  })
  afterEach(() => h.close())

  describe('ListMembers', () => {
    /**
     * A (creator, INVITED), then members in this input order: C INVITED, B ACTIVE, D LEFT, E REMOVED.
     * The order is deliberately not sorted by account id.
     */
    const seedStatuses = () =>
      h.mock.seed.collaboration({
        creator: { accountId: A, abilities: ['CAN_QUERY'], displayName: 'Creator' },
        members: [
          { accountId: C, displayName: 'Cee' },
          { accountId: B, abilities: ['CAN_RECEIVE_RESULTS'], displayName: 'Bee', membership: true },
          { accountId: D, status: 'LEFT', membership: { status: 'REMOVED' } },
          { accountId: E, status: 'REMOVED' },
        ],
      })

    it('R-LIST-1: the creator, INVITED and ACTIVE members see the same list: creator first, then the input order', async () => {
      const { collaborationId } = seedStatuses()
      for (const caller of [A, B, C]) {
        const { memberSummaries, nextToken } = await h
          .client(caller)
          .send(new ListMembersCommand({ collaborationIdentifier: collaborationId }))
        expect([caller, memberSummaries?.map((m) => [m.accountId, m.status])]).toEqual([
          caller,
          [
            [A, 'INVITED'],
            [C, 'INVITED'],
            [B, 'ACTIVE'],
            [D, 'LEFT'],
            [E, 'REMOVED'],
          ],
        ])
        expect(nextToken).toBeUndefined()
      }
    })

    it('R-LIST-1: a summary has display name, abilities, status, times, payment, and the membership once ACTIVE', async () => {
      const { collaborationId, membershipIds } = seedStatuses()
      const { memberSummaries = [] } = await h
        .client(A)
        .send(new ListMembersCommand({ collaborationIdentifier: collaborationId }))
      expect(memberSummaries.slice(1, 3)).toEqual([
        {
          accountId: C,
          displayName: 'Cee',
          abilities: [],
          status: 'INVITED',
          createTime: new Date(T0),
          updateTime: new Date(T0),
          paymentConfiguration: { queryCompute: { isResponsible: false } },
        },
        {
          accountId: B,
          displayName: 'Bee',
          abilities: ['CAN_RECEIVE_RESULTS'],
          status: 'ACTIVE',
          createTime: new Date(T0),
          updateTime: new Date(T0),
          membershipId: membershipIds[B],
          membershipArn: `arn:aws:cleanrooms:us-east-1:${B}:membership/${membershipIds[B]}`,
          paymentConfiguration: { queryCompute: { isResponsible: false } },
        },
      ])
    })

    it('R-LIST-1: members who LEFT or were REMOVED, and outsiders, get 404 COLLABORATION', async () => {
      const { collaborationId } = seedStatuses()
      for (const caller of [D, E, OUTSIDER]) {
        const error = await rejectionOf(
          h.client(caller).send(new ListMembersCommand({ collaborationIdentifier: collaborationId })),
        )
        expect(error).toBeInstanceOf(ResourceNotFoundException)
        expect([caller, error]).toMatchObject([
          caller,
          {
            $metadata: { httpStatusCode: 404 },
            message: `Collaboration ${collaborationId} was not found`,
            resourceId: collaborationId,
            resourceType: 'COLLABORATION',
          },
        ])
      }
    })

    it('R-LIST-1: an unknown collaboration gets the same 404 as a hidden one', async () => {
      const unknown = '00000000-0000-4000-8000-000000000000'
      const error = await rejectionOf(
        h.client(A).send(new ListMembersCommand({ collaborationIdentifier: unknown })),
      )
      expect(error).toBeInstanceOf(ResourceNotFoundException)
      expect(error).toMatchObject({ resourceId: unknown, resourceType: 'COLLABORATION' })
    })
  })

  describe('ListMemberships', () => {
    it('R-LIST-2: only the caller’s own memberships, only in the caller’s region, newest first', async () => {
      const seeded = [0, 1, 2].map((i) =>
        h.mock.seed.collaboration({
          creator: { accountId: A, abilities: ['CAN_QUERY'] },
          members: [
            { accountId: B, membership: { createTime: T0_SECONDS + i * 60 } },
            { accountId: C, membership: true },
          ],
          createTime: T0_SECONDS + i * 60,
        }),
      )
      h.mock.seed.collaboration({
        region: 'eu-west-1',
        creator: { accountId: A },
        members: [{ accountId: B, membership: true }],
      })
      const { membershipSummaries = [], nextToken } = await h.client(B).send(new ListMembershipsCommand({}))
      expect(membershipSummaries.map((m) => m.id)).toEqual([2, 1, 0].map((i) => seeded[i]?.membershipIds[B]))
      expect(membershipSummaries.map((m) => m.createTime?.getTime())).toEqual([T0 + 120_000, T0 + 60_000, T0])
      expect(nextToken).toBeUndefined()
      expect(membershipSummaries[0]).toEqual({
        id: seeded[2]?.membershipIds[B],
        arn: `arn:aws:cleanrooms:us-east-1:${B}:membership/${seeded[2]?.membershipIds[B]}`,
        collaborationId: seeded[2]?.collaborationId,
        collaborationArn: seeded[2]?.collaborationArn,
        collaborationCreatorAccountId: A,
        collaborationCreatorDisplayName: `Account ${A}`,
        collaborationName: 'Seeded collaboration',
        createTime: new Date(T0 + 120_000),
        updateTime: new Date(T0 + 120_000),
        status: 'ACTIVE',
        memberAbilities: [],
        paymentConfiguration: { queryCompute: { isResponsible: false } },
      })
      const inEurope = await h.client(B, { region: 'eu-west-1' }).send(new ListMembershipsCommand({}))
      expect(inEurope.membershipSummaries).toHaveLength(1)
      const outsider = await h.client(OUTSIDER).send(new ListMembershipsCommand({}))
      expect(outsider.membershipSummaries).toEqual([])
    })

    it('R-LIST-2: the status filter returns only memberships in that status', async () => {
      const active = h.mock.seed.collaboration({
        creator: { accountId: A },
        members: [{ accountId: B, membership: true }],
      })
      const removed = h.mock.seed.collaboration({
        creator: { accountId: A },
        members: [{ accountId: B, status: 'REMOVED', membership: { status: 'REMOVED' } }],
      })
      const deleted = h.mock.seed.collaboration({
        creator: { accountId: A },
        members: [{ accountId: B, status: 'ACTIVE', membership: { status: 'COLLABORATION_DELETED' } }],
      })
      const ids = async (status?: MembershipStatus) => {
        const { membershipSummaries = [] } = await h
          .client(B)
          .send(new ListMembershipsCommand(status === undefined ? {} : { status }))
        return membershipSummaries.map((m) => [m.id, m.status])
      }
      expect(await ids('ACTIVE')).toEqual([[active.membershipIds[B], 'ACTIVE']])
      expect(await ids('REMOVED')).toEqual([[removed.membershipIds[B], 'REMOVED']])
      expect(await ids('COLLABORATION_DELETED')).toEqual([
        [deleted.membershipIds[B], 'COLLABORATION_DELETED'],
      ])
      expect(await ids()).toEqual([
        [deleted.membershipIds[B], 'COLLABORATION_DELETED'],
        [removed.membershipIds[B], 'REMOVED'],
        [active.membershipIds[B], 'ACTIVE'],
      ])
    })
  })

  describe('R-LIST-3 pagination', () => {
    /** 260 collaborations, each with a membership of B (seeded oldest first); returns B's ids newest first. */
    const seedManyMemberships = (count = 260) => {
      const ids: string[] = []
      for (let i = 0; i < count; i++) {
        const { membershipIds } = h.mock.seed.collaboration({
          creator: { accountId: A },
          members: [{ accountId: B, membership: true }],
        })
        ids.push(membershipIds[B] ?? '')
      }
      return ids.reverse()
    }

    /** One collaboration with the creator and 259 members; returns the account ids in list order. */
    const seedManyMembers = () => {
      const members = Array.from({ length: 259 }, (_, i) => ({
        accountId: String(200_000_000_000 + i * 7919),
      }))
      const { collaborationId } = h.mock.seed.collaboration({ creator: { accountId: A }, members })
      return { collaborationId, accounts: [A, ...members.map((m) => m.accountId)] }
    }

    it('R-LIST-3: paginateListMemberships walks 260 memberships in pages of 100, each once, newest first; the last page has no token', async () => {
      const expected = seedManyMemberships()
      const pages = await walkMemberships(h.client(B), {}, 100)
      expect(pages.map((p) => p.ids.length)).toEqual([100, 100, 60])
      expect(pages.map((p) => typeof p.nextToken)).toEqual(['string', 'string', 'undefined'])
      const walked = pages.flatMap((p) => p.ids)
      expect(new Set(walked).size).toBe(260)
      expect(walked).toEqual(expected)
    })

    it('R-LIST-3: without maxResults a page holds 100 (the default)', async () => {
      const expected = seedManyMemberships(150)
      const first = await h.client(B).send(new ListMembershipsCommand({}))
      expect(first.membershipSummaries?.map((m) => m.id)).toEqual(expected.slice(0, 100))
      expect(first.nextToken).toEqual(expect.any(String))
      const second = await h.client(B).send(new ListMembershipsCommand({ nextToken: first.nextToken }))
      expect(second.membershipSummaries?.map((m) => m.id)).toEqual(expected.slice(100))
      expect(second.nextToken).toBeUndefined()
    })

    it('R-LIST-3: paginateListMembers walks 260 participants in order, each once; the last page has no token', async () => {
      const { collaborationId, accounts } = seedManyMembers()
      const pages: Array<{ accounts: string[]; nextToken: string | undefined }> = []
      for await (const page of paginateListMembers(
        { client: h.client(A), pageSize: 100 },
        { collaborationIdentifier: collaborationId },
      )) {
        pages.push({
          accounts: (page.memberSummaries ?? []).map((m) => m.accountId ?? ''),
          nextToken: page.nextToken,
        })
      }
      expect(pages.map((p) => p.accounts.length)).toEqual([100, 100, 60])
      expect(pages.at(-1)?.nextToken).toBeUndefined()
      expect(pages.flatMap((p) => p.accounts)).toEqual(accounts)
    })

    it('R-LIST-3: maxResults may change from page to page; an exact fit ends without a token', async () => {
      const expected = seedManyMemberships()
      const client = h.client(B)
      const sizes = [1, 7, 50, 100, 42, 60]
      const pages: Array<{ count: number; hasToken: boolean }> = []
      const walked: string[] = []
      let nextToken: string | undefined
      for (const maxResults of sizes) {
        const page = await client.send(
          new ListMembershipsCommand({ maxResults, ...(nextToken && { nextToken }) }),
        )
        walked.push(...(page.membershipSummaries ?? []).map((m) => m.id ?? ''))
        pages.push({ count: page.membershipSummaries?.length ?? 0, hasToken: page.nextToken !== undefined })
        nextToken = page.nextToken
      }
      // 1 + 7 + 50 + 100 + 42 + 60 = 260: the last page fits exactly and carries no token.
      expect(pages).toEqual(sizes.map((count, i) => ({ count, hasToken: i < sizes.length - 1 })))
      expect(walked).toEqual(expected)
    })

    it('R-LIST-3: ListMembers with changing maxResults gives the same order as one big walk', async () => {
      const { collaborationId, accounts } = seedManyMembers()
      const walked: string[] = []
      let nextToken: string | undefined
      let pages = 0
      do {
        const maxResults = [3, 100, 17][pages % 3]
        const page = await h.client(A).send(
          new ListMembersCommand({
            collaborationIdentifier: collaborationId,
            maxResults,
            ...(nextToken && { nextToken }),
          }),
        )
        walked.push(...(page.memberSummaries ?? []).map((m) => m.accountId ?? ''))
        nextToken = page.nextToken
        pages += 1
      } while (nextToken)
      expect(walked).toEqual(accounts)
      expect(pages).toBe(8) // 3 + 100 + 17 + 3 + 100 + 17 + 3 + 17 (the rest)
    })

    it('R-LIST-3: tampered, truncated and invented tokens are ValidationException on nextToken', async () => {
      seedManyMemberships(5)
      const client = h.client(B)
      const { nextToken = '' } = await client.send(new ListMembershipsCommand({ maxResults: 2 }))
      const [version, position, checksum = ''] = nextToken.split('.')
      const lastChar = checksum.at(-1) === '0' ? '1' : '0'
      const cases: Array<[string, string]> = [
        [`${version}.${position}.${checksum.slice(0, -1)}${lastChar}`, NOT_VALID_HERE],
        [`${version}.${position}.${checksum.slice(0, -1)}`, NOT_VALID_HERE],
        [`${version}.${Buffer.from('0:0').toString('base64url')}.${checksum}`, NOT_VALID_HERE],
        [`v2.${position}.${checksum}`, MALFORMED],
        [nextToken.slice(0, 5), MALFORMED],
        ['not-a-token', MALFORMED],
      ]
      for (const [token, message] of cases) {
        expectBadToken(
          await rejectionOf(client.send(new ListMembershipsCommand({ nextToken: token }))),
          message,
        )
      }
      // The genuine token still works after all that.
      const page = await client.send(new ListMembershipsCommand({ maxResults: 2, nextToken }))
      expect(page.membershipSummaries).toHaveLength(2)
    })

    it('R-LIST-3: a token reused for another operation, caller, region, filter or collaboration is rejected', async () => {
      seedManyMemberships(5)
      const { collaborationId } = seedManyMembers()
      const other = seedManyMembers().collaborationId
      const { nextToken: membershipsToken = '' } = await h
        .client(B)
        .send(new ListMembershipsCommand({ maxResults: 1 }))
      const { nextToken: activeToken = '' } = await h
        .client(B)
        .send(new ListMembershipsCommand({ maxResults: 1, status: 'ACTIVE' }))
      const { nextToken: membersToken = '' } = await h
        .client(A)
        .send(new ListMembersCommand({ collaborationIdentifier: collaborationId, maxResults: 1 }))

      const rejected: Array<() => Promise<unknown>> = [
        // another operation
        () => h.client(B).send(new ListMembershipsCommand({ nextToken: membersToken })),
        () =>
          h.client(A).send(
            new ListMembersCommand({
              collaborationIdentifier: collaborationId,
              nextToken: membershipsToken,
            }),
          ),
        // another caller
        () => h.client(C).send(new ListMembershipsCommand({ nextToken: membershipsToken })),
        () =>
          h
            .client(String(200_000_000_000))
            .send(
              new ListMembersCommand({ collaborationIdentifier: collaborationId, nextToken: membersToken }),
            ),
        // another region
        () =>
          h
            .client(B, { region: 'eu-west-1' })
            .send(new ListMembershipsCommand({ nextToken: membershipsToken })),
        // another filter
        () => h.client(B).send(new ListMembershipsCommand({ nextToken: activeToken })),
        () => h.client(B).send(new ListMembershipsCommand({ nextToken: membershipsToken, status: 'ACTIVE' })),
        () => h.client(B).send(new ListMembershipsCommand({ nextToken: activeToken, status: 'REMOVED' })),
        () =>
          h
            .client(A)
            .send(new ListMembersCommand({ collaborationIdentifier: other, nextToken: membersToken })),
      ]
      for (const call of rejected) expectBadToken(await rejectionOf(call()), NOT_VALID_HERE)

      // Each token works where it was issued.
      await expect(
        h.client(B).send(new ListMembershipsCommand({ nextToken: activeToken, status: 'ACTIVE' })),
      ).resolves.toBeDefined()
      await expect(
        h
          .client(A)
          .send(
            new ListMembersCommand({ collaborationIdentifier: collaborationId, nextToken: membersToken }),
          ),
      ).resolves.toBeDefined()
    })
  })
})
