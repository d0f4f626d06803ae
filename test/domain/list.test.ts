/** Domain unit tests: ListMembers and ListMemberships, pagination and page tokens (R-LIST-1..3). */
import { describe, expect, it } from 'vitest'

import { listMembers, listMemberships, seedCollaboration } from '../../mocks/domain/index.ts'
import { ResourceNotFoundException, ValidationException } from '../../mocks/generated/errors.ts'
import type { ListMembershipsInput } from '../../mocks/generated/types.ts'
import {
  B,
  C,
  CREATOR,
  D,
  expectRejected,
  join,
  member,
  newCollaboration,
  OUTSIDER,
  REGION,
  setup,
} from './helpers.ts'

type Env = ReturnType<typeof setup>

/** A 12-digit account id for the n-th generated member. */
const account = (n: number) => String(500_000_000_000 + n)

/** Walks every page of ListMemberships and returns the ids in order, with the page sizes. */
function walkMemberships(env: Env, accountId: string, input: ListMembershipsInput = {}) {
  const ids: string[] = []
  const pages: number[] = []
  let nextToken: string | undefined
  do {
    const page = listMemberships(env.store, env.as(accountId), {
      ...input,
      ...(nextToken !== undefined && { nextToken }),
    })
    ids.push(...page.membershipSummaries.map((m) => m.id))
    pages.push(page.membershipSummaries.length)
    nextToken = page.nextToken
  } while (nextToken !== undefined)
  return { ids, pages }
}

/** B joins `count` collaborations (one per tick of the clock) and returns the membership ids, oldest first. */
function joinMany(env: Env, count: number): string[] {
  const ids: string[] = []
  for (let i = 0; i < count; i++) {
    const id = newCollaboration(env, { members: [member(B)] })
    ids.push(join(env, B, id).id)
    env.deps.advance(1000)
  }
  return ids
}

describe('ListMembers', () => {
  it('R-LIST-1: lists the creator first, then the members in input order, to the creator and each member', () => {
    const env = setup()
    const id = newCollaboration(env, { members: [member(D), member(B), member(C)] })
    for (const caller of [CREATOR, B, C, D]) {
      const { memberSummaries, nextToken } = listMembers(env.store, env.as(caller), {
        collaborationIdentifier: id,
      })
      expect(memberSummaries.map((m) => m.accountId)).toEqual([CREATOR, D, B, C])
      expect(nextToken).toBeUndefined()
    }
  })

  it('R-LIST-1: summaries carry display name, abilities, status and times', () => {
    const env = setup()
    const id = newCollaboration(env, { creatorMemberAbilities: ['CAN_QUERY', 'CAN_RECEIVE_RESULTS'] })
    expect(listMembers(env.store, env.as(CREATOR), { collaborationIdentifier: id }).memberSummaries).toEqual([
      {
        accountId: CREATOR,
        displayName: 'Creator',
        abilities: ['CAN_QUERY', 'CAN_RECEIVE_RESULTS'],
        status: 'INVITED',
        createTime: 1_700_000_000,
        updateTime: 1_700_000_000,
        paymentConfiguration: { queryCompute: { isResponsible: true } },
      },
    ])
  })

  it('R-LIST-1: an outsider, and members who LEFT or were REMOVED, get 404 COLLABORATION', () => {
    const env = setup()
    const { collaborationId } = seedCollaboration(
      env.store,
      {
        region: REGION,
        creator: { accountId: CREATOR, status: 'LEFT' },
        members: [
          { accountId: B, status: 'LEFT' },
          { accountId: C, status: 'REMOVED' },
          { accountId: D, status: 'ACTIVE' },
        ],
      },
      env.deps,
    )
    for (const caller of [OUTSIDER, B, C]) {
      const error = expectRejected(
        env.store,
        () => listMembers(env.store, env.as(caller), { collaborationIdentifier: collaborationId }),
        ResourceNotFoundException,
      )
      expect(error.body).toEqual({
        message: expect.any(String),
        resourceId: collaborationId,
        resourceType: 'COLLABORATION',
      })
    }
    // The creator may always list; ACTIVE members may.
    expect(
      listMembers(env.store, env.as(CREATOR), { collaborationIdentifier: collaborationId }).memberSummaries,
    ).toHaveLength(4)
    expect(
      listMembers(env.store, env.as(D), { collaborationIdentifier: collaborationId }).memberSummaries,
    ).toHaveLength(4)
  })

  it('R-LIST-1: a collaboration of another region is not found', () => {
    const env = setup()
    const id = newCollaboration(env, { members: [member(B)] })
    expectRejected(
      env.store,
      () => listMembers(env.store, env.as(B, 'eu-west-1'), { collaborationIdentifier: id }),
      ResourceNotFoundException,
    )
  })

  it('R-LIST-3: 261 participants come back in pages of 100 by default, in order, the last page without a token', () => {
    const env = setup()
    const members = Array.from({ length: 260 }, (_, i) => member(account(i)))
    const id = newCollaboration(env, { members })
    const seen: string[] = []
    const sizes: number[] = []
    let nextToken: string | undefined
    do {
      const page = listMembers(env.store, env.as(account(7)), {
        collaborationIdentifier: id,
        ...(nextToken !== undefined && { nextToken }),
      })
      seen.push(...page.memberSummaries.map((m) => m.accountId))
      sizes.push(page.memberSummaries.length)
      nextToken = page.nextToken
    } while (nextToken !== undefined)
    expect(sizes).toEqual([100, 100, 61])
    expect(seen).toEqual([CREATOR, ...members.map((m) => m.accountId)])
  })

  it('R-LIST-3: maxResults may change between pages', () => {
    const env = setup()
    const id = newCollaboration(env, { members: [member(B), member(C), member(D)] })
    const first = listMembers(env.store, env.as(B), { collaborationIdentifier: id, maxResults: 1 })
    const rest = listMembers(env.store, env.as(B), {
      collaborationIdentifier: id,
      maxResults: 3,
      nextToken: first.nextToken ?? '',
    })
    expect([...first.memberSummaries, ...rest.memberSummaries].map((m) => m.accountId)).toEqual([
      CREATOR,
      B,
      C,
      D,
    ])
    expect(rest.nextToken).toBeUndefined()
  })

  it('R-LIST-3: a token from another collaboration, caller or region is rejected', () => {
    const env = setup()
    const one = newCollaboration(env, { members: [member(B), member(C)] })
    const other = newCollaboration(env, { members: [member(B), member(C)] })
    const token =
      listMembers(env.store, env.as(B), { collaborationIdentifier: one, maxResults: 1 }).nextToken ?? ''
    expect(token).not.toBe('')
    for (const [caller, collaborationIdentifier] of [
      [env.as(B), other],
      [env.as(C), one],
    ] as const) {
      const error = expectRejected(
        env.store,
        () => listMembers(env.store, caller, { collaborationIdentifier, nextToken: token }),
        ValidationException,
      )
      expect(error.body.fieldList?.map((f) => f.name)).toEqual(['nextToken'])
    }
  })
})

describe('ListMemberships', () => {
  it('R-LIST-2: only the caller’s own memberships, in the caller’s region, newest first', () => {
    const env = setup()
    const first = newCollaboration(env, { members: [member(B), member(C)] })
    env.deps.advance(1000)
    const second = newCollaboration(env, { members: [member(B)] })
    const older = join(env, B, first)
    join(env, C, first)
    env.deps.advance(1000)
    const newer = join(env, B, second)
    const { membershipSummaries } = listMemberships(env.store, env.as(B), {})
    expect(membershipSummaries.map((m) => m.id)).toEqual([newer.id, older.id])
    expect(listMemberships(env.store, env.as(B, 'eu-west-1'), {}).membershipSummaries).toEqual([])
    expect(listMemberships(env.store, env.as(OUTSIDER), {}).membershipSummaries).toEqual([])
  })

  it('R-LIST-2: a summary has the membership’s list fields and no settings', () => {
    const env = setup()
    const id = newCollaboration(env, { queryLogStatus: 'ENABLED', members: [member(B, ['CAN_QUERY'])] })
    const membership = join(env, B, id, { queryLogStatus: 'ENABLED' })
    const [summary] = listMemberships(env.store, env.as(B), {}).membershipSummaries
    const { queryLogStatus: _log, ...expected } = membership
    expect(summary).toEqual(expected)
  })

  it('R-LIST-2: memberships created in the same instant keep their creation order (newest first)', () => {
    const env = setup()
    const ids = [1, 2, 3].map(() => join(env, B, newCollaboration(env, { members: [member(B)] })).id)
    expect(listMemberships(env.store, env.as(B), {}).membershipSummaries.map((m) => m.id)).toEqual(
      ids.reverse(),
    )
  })

  it('R-LIST-2: the status filter returns only memberships in that status, seeded ones included', () => {
    const env = setup()
    const active = join(env, B, newCollaboration(env, { members: [member(B)] })).id
    const removed = seedCollaboration(
      env.store,
      {
        region: REGION,
        creator: { accountId: CREATOR },
        members: [{ accountId: B, status: 'REMOVED', membership: true }],
      },
      env.deps,
    ).membershipIds[B]
    const deleted = seedCollaboration(
      env.store,
      {
        region: REGION,
        creator: { accountId: CREATOR },
        members: [{ accountId: B, membership: { status: 'COLLABORATION_DELETED' } }],
      },
      env.deps,
    ).membershipIds[B]
    const ids = (status: ListMembershipsInput['status']) =>
      listMemberships(env.store, env.as(B), status === undefined ? {} : { status }).membershipSummaries.map(
        (m) => m.id,
      )
    expect(ids('ACTIVE')).toEqual([active])
    expect(ids('REMOVED')).toEqual([removed])
    expect(ids('COLLABORATION_DELETED')).toEqual([deleted])
    expect(ids(undefined)).toEqual([deleted, removed, active])
  })

  it('R-LIST-3: 260 memberships walked in pages of 100 (default), each once, newest first', () => {
    const env = setup()
    const ids = joinMany(env, 260)
    const walk = walkMemberships(env, B)
    expect(walk.pages).toEqual([100, 100, 60])
    expect(walk.ids).toEqual([...ids].reverse())
  })

  it('R-LIST-3: maxResults may change between pages; an exact fit ends without a token', () => {
    const env = setup()
    const ids = joinMany(env, 250).reverse()
    const first = listMemberships(env.store, env.as(B), { maxResults: 7 })
    const second = listMemberships(env.store, env.as(B), {
      maxResults: 100,
      nextToken: first.nextToken ?? '',
    })
    const third = listMemberships(env.store, env.as(B), { maxResults: 43, nextToken: second.nextToken ?? '' })
    const fourth = listMemberships(env.store, env.as(B), {
      maxResults: 100,
      nextToken: third.nextToken ?? '',
    })
    const all = [first, second, third, fourth].flatMap((page) => page.membershipSummaries.map((m) => m.id))
    expect(all).toEqual(ids)
    expect(fourth.membershipSummaries).toHaveLength(100)
    expect(fourth.nextToken).toBeUndefined()
  })

  it('R-LIST-3: the walk stays correct when memberships are added between pages', () => {
    const env = setup()
    const ids = joinMany(env, 150).reverse()
    const first = listMemberships(env.store, env.as(B), { maxResults: 100 })
    joinMany(env, 5) // newer than the first page: not part of this walk
    const second = listMemberships(env.store, env.as(B), { nextToken: first.nextToken ?? '' })
    expect([...first.membershipSummaries, ...second.membershipSummaries].map((m) => m.id)).toEqual(ids)
  })

  it('R-LIST-3: tokens survive URL query encoding unchanged', () => {
    const env = setup()
    joinMany(env, 3)
    const token = listMemberships(env.store, env.as(B), { maxResults: 1 }).nextToken ?? ''
    expect(token).toMatch(/^[A-Za-z0-9._~-]+$/)
    expect(encodeURIComponent(token)).toBe(token)
  })

  it('R-LIST-3: tampered, truncated and malformed tokens are ValidationException on nextToken', () => {
    const env = setup()
    joinMany(env, 5)
    const token = listMemberships(env.store, env.as(B), { maxResults: 2 }).nextToken ?? ''
    const [version, position, checksum] = token.split('.')
    const flip = (text: string, at: number) =>
      text.slice(0, at) + (text.charAt(at) === 'A' ? 'B' : 'A') + text.slice(at + 1)
    const bad = [
      flip(token, token.length - 1), // checksum edited
      `${version}.${flip(position ?? '', 0)}.${checksum}`, // position edited, checksum kept
      token.slice(0, -1), // truncated
      `${token}x`,
      'not-a-token',
      'v2.AAAA.0000000000000000',
      '....',
      '%%%',
    ]
    for (const nextToken of bad) {
      const error = expectRejected(
        env.store,
        () => listMemberships(env.store, env.as(B), { nextToken }),
        ValidationException,
      )
      expect(error.body.reason).toBe('FIELD_VALIDATION_FAILED')
      expect(error.body.fieldList).toEqual([{ name: 'nextToken', message: expect.any(String) }])
    }
  })

  it('R-LIST-3: a token reused for another operation, caller, region or status filter is rejected', () => {
    const env = setup()
    const collaborationId = newCollaboration(env, { members: [member(B), member(C)] })
    joinMany(env, 3)
    const token = listMemberships(env.store, env.as(B), { maxResults: 1 }).nextToken ?? ''
    expect(listMemberships(env.store, env.as(B), { nextToken: token }).membershipSummaries).toHaveLength(2)
    const reuses = [
      () => listMemberships(env.store, env.as(C), { nextToken: token }),
      () => listMemberships(env.store, env.as(B, 'eu-west-1'), { nextToken: token }),
      () => listMemberships(env.store, env.as(B), { nextToken: token, status: 'ACTIVE' }),
      () => listMembers(env.store, env.as(B), { collaborationIdentifier: collaborationId, nextToken: token }),
    ]
    for (const reuse of reuses) expectRejected(env.store, reuse, ValidationException)
  })

  it('R-LIST-3: a token from another store (another secret) is rejected', async () => {
    const { createStore } = await import('../../mocks/domain/index.ts')
    const env = setup()
    joinMany(env, 3)
    const token = listMemberships(env.store, env.as(B), { maxResults: 1 }).nextToken ?? ''
    const other = createStore({ tokenSecret: 'another-secret', state: env.store.snapshot() })
    expect(() => listMemberships(other, env.as(B), { nextToken: token })).toThrow(ValidationException)
  })

  it('R-LIST-3: maxResults outside 1..100 is rejected even when called directly', () => {
    const env = setup()
    for (const maxResults of [0, 101, 1.5]) {
      expectRejected(
        env.store,
        () => listMemberships(env.store, env.as(B), { maxResults }),
        ValidationException,
      )
    }
  })
})
