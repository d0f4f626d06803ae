/** Domain unit tests: GetMembership and UpdateMembership (R-GET-1, R-UPD-1, R-UPD-2). */
import { describe, expect, it } from 'vitest'

import { getMembership, seedCollaboration, updateMembership } from '../../mocks/domain/index.ts'
import {
  ConflictException,
  ResourceNotFoundException,
  ValidationException,
} from '../../mocks/generated/errors.ts'
import {
  B,
  C,
  CREATOR,
  expectRejected,
  join,
  member,
  newCollaboration,
  REGION,
  setup,
  T0,
} from './helpers.ts'

const S3_RESULTS = {
  outputConfiguration: { s3: { resultFormat: 'PARQUET' as const, bucket: 'results-bucket' } },
}

function joined(
  options: { abilities?: Parameters<typeof member>[1]; queryLogStatus?: 'ENABLED' | 'DISABLED' } = {},
) {
  const env = setup()
  const id = newCollaboration(env, {
    members: [member(B, options.abilities ?? ['CAN_RECEIVE_RESULTS'])],
    queryLogStatus: options.queryLogStatus ?? 'ENABLED',
  })
  const membership = join(env, B, id)
  return { env, membership }
}

describe('GetMembership', () => {
  it('R-GET-1: the owner gets its membership, as CreateMembership returned it', () => {
    const { env, membership } = joined()
    expect(getMembership(env.store, env.as(B), { membershipIdentifier: membership.id }).membership).toEqual(
      membership,
    )
  })

  it('R-GET-1: another account, even the collaboration creator, gets 404 MEMBERSHIP', () => {
    const { env, membership } = joined()
    const error = expectRejected(
      env.store,
      () => getMembership(env.store, env.as(CREATOR), { membershipIdentifier: membership.id }),
      ResourceNotFoundException,
    )
    expect(error.body).toEqual({
      message: `Membership ${membership.id} was not found`,
      resourceId: membership.id,
      resourceType: 'MEMBERSHIP',
    })
  })

  it('R-GET-1: an unknown id, another region, or an id like "constructor" is 404 MEMBERSHIP', () => {
    const { env, membership } = joined()
    for (const [caller, id] of [
      [env.as(B), '0fffffff-0000-4000-8000-000000000000'],
      [env.as(B, 'eu-west-1'), membership.id],
      [env.as(B), 'constructor'],
      [env.as(B), '__proto__'],
    ] as const) {
      const error = expectRejected(
        env.store,
        () => getMembership(env.store, caller, { membershipIdentifier: id }),
        ResourceNotFoundException,
      )
      expect(error.body.resourceType).toBe('MEMBERSHIP')
    }
  })
})

describe('UpdateMembership', () => {
  it('R-UPD-1: members present replace, absent ones stay; createTime stays and updateTime moves forward', () => {
    const { env, membership } = joined()
    env.deps.advance(60_000)
    const updated = updateMembership(
      env.store,
      env.as(B),
      { membershipIdentifier: membership.id, queryLogStatus: 'ENABLED' },
      env.deps,
    ).membership
    expect(updated).toEqual({ ...membership, queryLogStatus: 'ENABLED', updateTime: T0 / 1000 + 60 })
    const again = updateMembership(
      env.store,
      env.as(B),
      { membershipIdentifier: membership.id, defaultResultConfiguration: S3_RESULTS },
      env.deps,
    ).membership
    expect(again.queryLogStatus).toBe('ENABLED')
    expect(again.defaultResultConfiguration).toEqual(S3_RESULTS)
    expect(again.createTime).toBe(membership.createTime)
    expect(getMembership(env.store, env.as(B), { membershipIdentifier: membership.id }).membership).toEqual(
      again,
    )
  })

  it('R-UPD-1: updateTime moves forward even when the clock has not moved', () => {
    const { env, membership } = joined()
    const first = updateMembership(
      env.store,
      env.as(B),
      { membershipIdentifier: membership.id },
      env.deps,
    ).membership
    const second = updateMembership(
      env.store,
      env.as(B),
      { membershipIdentifier: membership.id },
      env.deps,
    ).membership
    expect(first.updateTime).toBeGreaterThan(membership.updateTime)
    expect(second.updateTime).toBeGreaterThan(first.updateTime)
    expect(second.updateTime).toBe(T0 / 1000 + 0.002)
  })

  it('R-UPD-1: another account gets 404 MEMBERSHIP and nothing changes', () => {
    const { env, membership } = joined()
    const error = expectRejected(
      env.store,
      () =>
        updateMembership(
          env.store,
          env.as(C),
          { membershipIdentifier: membership.id, queryLogStatus: 'DISABLED' },
          env.deps,
        ),
      ResourceNotFoundException,
    )
    expect(error.body.resourceType).toBe('MEMBERSHIP')
  })

  it('R-UPD-2: R-MEM-3 applies after the update: a result configuration without CAN_RECEIVE_RESULTS is rejected', () => {
    const { env, membership } = joined({ abilities: ['CAN_QUERY'] })
    const error = expectRejected(
      env.store,
      () =>
        updateMembership(
          env.store,
          env.as(B),
          { membershipIdentifier: membership.id, defaultResultConfiguration: S3_RESULTS },
          env.deps,
        ),
      ValidationException,
    )
    expect(error.body.reason).toBe('INVALID_CONFIGURATION')
    expect(error.body.fieldList?.map((f) => f.name)).toEqual(['defaultResultConfiguration'])
  })

  it('R-UPD-2: R-MEM-4 applies after the update: enabling query logging needs the collaboration’s', () => {
    const { env, membership } = joined({ queryLogStatus: 'DISABLED' })
    const error = expectRejected(
      env.store,
      () =>
        updateMembership(
          env.store,
          env.as(B),
          { membershipIdentifier: membership.id, queryLogStatus: 'ENABLED' },
          env.deps,
        ),
      ValidationException,
    )
    expect(error.body.fieldList?.map((f) => f.name)).toEqual(['queryLogStatus'])
  })

  it.each(['REMOVED', 'COLLABORATION_DELETED'] as const)(
    'R-UPD-2: a %s membership is ConflictException INVALID_STATE, and GetMembership still shows it',
    (status) => {
      const env = setup()
      const { membershipIds } = seedCollaboration(
        env.store,
        {
          region: REGION,
          creator: { accountId: CREATOR },
          members: [
            { accountId: B, status: status === 'REMOVED' ? 'REMOVED' : 'ACTIVE', membership: { status } },
          ],
        },
        env.deps,
      )
      const id = membershipIds[B] ?? ''
      const error = expectRejected(
        env.store,
        () =>
          updateMembership(
            env.store,
            env.as(B),
            { membershipIdentifier: id, queryLogStatus: 'DISABLED' },
            env.deps,
          ),
        ConflictException,
      )
      expect(error.body).toEqual({
        message: expect.stringContaining(status),
        reason: 'INVALID_STATE',
        resourceId: id,
        resourceType: 'MEMBERSHIP',
      })
      expect(getMembership(env.store, env.as(B), { membershipIdentifier: id }).membership.status).toBe(status)
    },
  )
})
