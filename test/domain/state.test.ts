/** Domain unit tests: determinism, snapshots, rejected calls, seeding (R-STATE-1..3). */
import { describe, expect, it } from 'vitest'

import {
  createCollaboration,
  createDomainService,
  createMembership,
  createStore,
  type DomainState,
  getMembership,
  listMembers,
  listMemberships,
  seedCollaboration,
  updateMembership,
} from '../../mocks/domain/index.ts'
import {
  ConflictException,
  ResourceNotFoundException,
  ValidationException,
} from '../../mocks/generated/errors.ts'
import {
  B,
  C,
  CREATOR,
  collaborationInput,
  D,
  expectRejected,
  join,
  member,
  newCollaboration,
  OUTSIDER,
  pays,
  REGION,
  setup,
  testDeps,
} from './helpers.ts'

type Env = ReturnType<typeof setup>

/** A small consumer flow: create, join twice, update. */
function flow(env: Env): void {
  const id = newCollaboration(env, {
    creatorMemberAbilities: ['CAN_QUERY'],
    members: [member(B, [], pays(true)), member(C)],
  })
  env.deps.advance(10)
  const membership = join(env, B, id, { paymentConfiguration: pays(true) })
  join(env, CREATOR, id)
  updateMembership(
    env.store,
    env.as(B),
    { membershipIdentifier: membership.id, queryLogStatus: 'DISABLED' },
    env.deps,
  )
}

describe('determinism and snapshots', () => {
  it('R-STATE-1: the same deps and the same calls give the same state', () => {
    const one = setup()
    const two = setup()
    flow(one)
    flow(two)
    expect(one.store.snapshot()).toEqual(two.store.snapshot())
  })

  it('R-STATE-1: snapshot is plain JSON and a copy; restore copies too', () => {
    const env = setup()
    flow(env)
    const snapshot = env.store.snapshot()
    expect(JSON.parse(JSON.stringify(snapshot))).toEqual(snapshot)
    const region = snapshot.regions[REGION]
    if (region) region.collaborations = {}
    expect(Object.keys(env.store.state.regions[REGION]?.collaborations ?? {})).toHaveLength(1)

    const copy = env.store.snapshot()
    const restored = createStore()
    restored.restore(copy)
    const restoredRegion = copy.regions[REGION]
    if (restoredRegion) restoredRegion.memberships = {}
    expect(restored.snapshot()).toEqual(env.store.snapshot())
  })

  it('R-STATE-1: reset empties the state', () => {
    const env = setup()
    flow(env)
    env.store.reset()
    expect(env.store.snapshot()).toEqual({ version: 1, regions: {} })
    expect(listMemberships(env.store, env.as(B), {}).membershipSummaries).toEqual([])
  })

  it('R-STATE-1: after restore, listings, ids and sequences carry on where the snapshot was', () => {
    const env = setup()
    flow(env)
    const restored = {
      ...env,
      store: createStore({ tokenSecret: 'test-secret', state: env.store.snapshot() }),
    }
    expect(listMemberships(restored.store, env.as(B), {})).toEqual(listMemberships(env.store, env.as(B), {}))
    const id = newCollaboration(restored, { members: [member(B)] })
    const newest = join(restored, B, id)
    const listed = listMemberships(restored.store, env.as(B), {}).membershipSummaries.map((m) => m.id)
    expect(listed[0]).toBe(newest.id)
    expect(listed).toHaveLength(2)
  })

  it('R-STATE-1: restore refuses an inconsistent snapshot and keeps the current state', () => {
    const env = setup()
    flow(env)
    const before = env.store.snapshot()
    const dangling = env.store.snapshot()
    const region = dangling.regions[REGION]
    if (region) region.collaborations = {}
    expect(() => env.store.restore(dangling)).toThrow(/unknown collaboration/)
    expect(() => env.store.restore({ version: 2 } as unknown as DomainState)).toThrow(TypeError)
    expect(env.store.snapshot()).toEqual(before)
  })
})

describe('R-STATE-2: a rejected request changes nothing, for every operation', () => {
  /** One collaboration where B is ACTIVE (pays, no CAN_QUERY), C is INVITED, and D was REMOVED. */
  function world() {
    const env = setup()
    const seeded = seedCollaboration(
      env.store,
      {
        region: REGION,
        creator: { accountId: CREATOR, abilities: ['CAN_QUERY'] },
        members: [
          { accountId: B, paymentConfiguration: pays(true), status: 'ACTIVE' },
          { accountId: C },
          { accountId: D, status: 'REMOVED', membership: true },
        ],
      },
      env.deps,
    )
    return {
      env,
      collaborationId: seeded.collaborationId,
      bMembership: seeded.membershipIds[B] ?? '',
      dMembership: seeded.membershipIds[D] ?? '',
    }
  }

  const cases: Array<[string, (w: ReturnType<typeof world>) => unknown, new (...args: never[]) => Error]> = [
    [
      'CreateCollaboration, two payers',
      ({ env }) =>
        createCollaboration(
          env.store,
          env.as(OUTSIDER),
          collaborationInput({
            creatorPaymentConfiguration: pays(true),
            members: [member(B, [], pays(true))],
          }),
          env.deps,
        ),
      ValidationException,
    ],
    [
      'CreateMembership, not a participant',
      ({ env, collaborationId }) => join(env, OUTSIDER, collaborationId),
      ResourceNotFoundException,
    ],
    [
      'CreateMembership, already ACTIVE',
      ({ env, collaborationId }) => join(env, B, collaborationId),
      ConflictException,
    ],
    [
      'CreateMembership, REMOVED',
      ({ env, collaborationId }) => join(env, D, collaborationId),
      ConflictException,
    ],
    [
      'CreateMembership, claims to pay',
      ({ env, collaborationId }) => join(env, C, collaborationId, { paymentConfiguration: pays(true) }),
      ValidationException,
    ],
    [
      'GetMembership, in a region never used',
      ({ env, bMembership }) =>
        getMembership(env.store, env.as(B, 'ap-south-2'), { membershipIdentifier: bMembership }),
      ResourceNotFoundException,
    ],
    [
      'ListMembers, removed member',
      ({ env, collaborationId }) =>
        listMembers(env.store, env.as(D), { collaborationIdentifier: collaborationId }),
      ResourceNotFoundException,
    ],
    [
      'ListMemberships, bad token',
      ({ env }) => listMemberships(env.store, env.as(B), { nextToken: 'v1.AAAA.0123456789abcdef' }),
      ValidationException,
    ],
    [
      'UpdateMembership, not the owner',
      ({ env, bMembership }) =>
        updateMembership(
          env.store,
          env.as(C),
          { membershipIdentifier: bMembership, queryLogStatus: 'DISABLED' },
          env.deps,
        ),
      ResourceNotFoundException,
    ],
    [
      'UpdateMembership, REMOVED membership',
      ({ env, dMembership }) =>
        updateMembership(
          env.store,
          env.as(D),
          { membershipIdentifier: dMembership, queryLogStatus: 'DISABLED' },
          env.deps,
        ),
      ConflictException,
    ],
    [
      'UpdateMembership, logging the collaboration does not allow',
      ({ env, bMembership }) =>
        updateMembership(
          env.store,
          env.as(B),
          { membershipIdentifier: bMembership, queryLogStatus: 'ENABLED' },
          env.deps,
        ),
      ValidationException,
    ],
  ]

  it.each(cases)('R-STATE-2: %s', (_name, call, errorClass) => {
    const w = world()
    const idsBefore = w.env.deps.issued()
    expectRejected(w.env.store, () => call(w), errorClass)
    expect(w.env.deps.issued()).toBe(idsBefore)
  })
})

describe('R-STATE-3: seeding', () => {
  it('R-STATE-3: seeds statuses no operation reaches, and returns the ids the operations then see', () => {
    const env = setup()
    const seeded = seedCollaboration(
      env.store,
      {
        region: REGION,
        name: 'Seeded',
        creator: { accountId: CREATOR, abilities: ['CAN_QUERY'], status: 'ACTIVE' },
        members: [
          { accountId: B, status: 'LEFT' },
          { accountId: C, status: 'REMOVED', membership: true },
          { accountId: D, abilities: ['CAN_RECEIVE_RESULTS'] },
        ],
      },
      env.deps,
    )
    expect(Object.keys(seeded.membershipIds)).toEqual([CREATOR, C])
    const listed = listMembers(env.store, env.as(CREATOR), {
      collaborationIdentifier: seeded.collaborationId,
    })
    expect(listed.memberSummaries.map((m) => [m.accountId, m.status, m.membershipId])).toEqual([
      [CREATOR, 'ACTIVE', seeded.membershipIds[CREATOR]],
      [B, 'LEFT', undefined],
      [C, 'REMOVED', seeded.membershipIds[C]],
      [D, 'INVITED', undefined],
    ])
    const removed = getMembership(env.store, env.as(C), {
      membershipIdentifier: seeded.membershipIds[C] ?? '',
    }).membership
    expect(removed).toMatchObject({
      status: 'REMOVED',
      collaborationName: 'Seeded',
      paymentConfiguration: pays(false),
    })
    // D is still INVITED and joins through the operation.
    expect(join(env, D, seeded.collaborationId).status).toBe('ACTIVE')
  })

  it('R-STATE-3: seeding computes payers like CreateCollaboration, so a seeded payer must accept to join', () => {
    const env = setup()
    const { collaborationId, membershipIds } = seedCollaboration(
      env.store,
      {
        region: REGION,
        creator: { accountId: CREATOR, abilities: ['CAN_QUERY'], status: 'ACTIVE' },
        members: [{ accountId: B, paymentConfiguration: pays(true) }],
      },
      env.deps,
    )
    const creator = getMembership(env.store, env.as(CREATOR), {
      membershipIdentifier: membershipIds[CREATOR] ?? '',
    })
    expect(creator.membership.paymentConfiguration).toEqual(pays(false))
    expectRejected(env.store, () => join(env, B, collaborationId), ValidationException)
    expect(join(env, B, collaborationId, { paymentConfiguration: pays(true) }).paymentConfiguration).toEqual(
      pays(true),
    )
  })

  it('R-STATE-3: a seed that breaks a payer rule is rejected like CreateCollaboration, and stores nothing', () => {
    const env = setup()
    const error = expectRejected(
      env.store,
      () =>
        seedCollaboration(
          env.store,
          {
            region: REGION,
            creator: { accountId: CREATOR, paymentConfiguration: pays(true) },
            members: [{ accountId: B, paymentConfiguration: pays(true), status: 'ACTIVE' }],
          },
          env.deps,
        ),
      ValidationException,
    )
    expect(error.body.reason).toBe('INVALID_CONFIGURATION')
  })

  it('R-STATE-3: a seeded membership must satisfy R-MEM-3 and R-MEM-4 too', () => {
    const env = setup()
    expectRejected(
      env.store,
      () =>
        seedCollaboration(
          env.store,
          {
            region: REGION,
            creator: { accountId: CREATOR },
            members: [{ accountId: B, membership: { queryLogStatus: 'ENABLED' } }],
          },
          env.deps,
        ),
      ValidationException,
    )
  })

  it('R-STATE-3: contradictory seeds are TypeErrors and store nothing', () => {
    const env = setup()
    const contradictions = [
      {
        region: REGION,
        creator: { accountId: CREATOR },
        members: [{ accountId: B, status: 'INVITED' as const, membership: true }],
      },
      { region: REGION, creator: { accountId: CREATOR, status: 'ACTIVE' as const, membership: false } },
      {
        region: REGION,
        creator: { accountId: CREATOR, membership: { id: '0aaaaaaa-0000-4000-8000-000000000000' } },
        members: [{ accountId: B, membership: { id: '0aaaaaaa-0000-4000-8000-000000000000' } }],
      },
    ]
    for (const spec of contradictions) {
      expectRejected(env.store, () => seedCollaboration(env.store, spec, env.deps), TypeError)
    }
  })

  it('R-STATE-3: fixed ids and older create times are honoured; listings stay newest first', () => {
    const env = setup()
    join(env, B, newCollaboration(env, { members: [member(B)] }))
    const { collaborationId, membershipIds } = seedCollaboration(
      env.store,
      {
        region: REGION,
        id: '0ccccccc-0000-4000-8000-000000000000',
        creator: { accountId: CREATOR },
        members: [
          {
            accountId: B,
            membership: { id: '0bbbbbbb-0000-4000-8000-000000000000', createTime: 1_600_000_000 },
          },
        ],
      },
      env.deps,
    )
    expect(collaborationId).toBe('0ccccccc-0000-4000-8000-000000000000')
    expect(membershipIds[B]).toBe('0bbbbbbb-0000-4000-8000-000000000000')
    const listed = listMemberships(env.store, env.as(B), {}).membershipSummaries
    expect(listed.map((m) => m.createTime)).toEqual([1_700_000_000, 1_600_000_000])
    expectRejected(
      env.store,
      () =>
        seedCollaboration(
          env.store,
          { region: REGION, id: collaborationId, creator: { accountId: CREATOR } },
          env.deps,
        ),
      TypeError,
    )
  })
})

describe('createDomainService', () => {
  it('binds the six operations to one store and one set of deps, by operation name', () => {
    const store = createStore()
    const service = createDomainService(store, testDeps())
    const caller = { accountId: CREATOR, region: REGION }
    const { collaboration } = service.CreateCollaboration(
      caller,
      collaborationInput({ creatorMemberAbilities: ['CAN_QUERY'] }),
    )
    const { membership } = service.CreateMembership(caller, {
      collaborationIdentifier: collaboration.id,
      queryLogStatus: 'DISABLED',
    })
    expect(service.GetMembership(caller, { membershipIdentifier: membership.id }).membership).toEqual(
      membership,
    )
    expect(
      service.ListMembers(caller, { collaborationIdentifier: collaboration.id }).memberSummaries,
    ).toHaveLength(1)
    expect(service.ListMemberships(caller, {}).membershipSummaries).toHaveLength(1)
    expect(service.UpdateMembership(caller, { membershipIdentifier: membership.id }).membership.id).toBe(
      membership.id,
    )
    expect(() =>
      createMembership(
        store,
        caller,
        { collaborationIdentifier: collaboration.id, queryLogStatus: 'DISABLED' },
        testDeps(),
      ),
    ).toThrow(ConflictException)
  })
})
