/** SDK suite: GetMembership and UpdateMembership (R-GET-1, R-UPD-1, R-UPD-2): owner-only visibility, PATCH semantics, times, rules after the update, state. */
import {
  ConflictException,
  GetMembershipCommand,
  type Membership,
  ResourceNotFoundException,
  UpdateMembershipCommand,
  type UpdateMembershipCommandInput,
  ValidationException,
} from '@aws-sdk/client-cleanrooms'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'

import { rejectionOf } from './raw-request.ts'
import {
  A,
  B,
  C,
  createCollaboration,
  expectBusinessRule,
  expectRejected,
  join,
  MISSING,
  member,
  OUTSIDER,
  pay,
  T0,
} from './rule-helpers.ts'
import { type Harness, transports } from './transports.ts'

const resultsTo = (bucket: string, keyPrefix?: string) => ({
  outputConfiguration: {
    s3: { bucket, resultFormat: 'CSV' as const, ...(keyPrefix !== undefined && { keyPrefix }) },
  },
  roleArn: `arn:aws:iam::${B}:role/cleanrooms-results`,
})

const jobResultsTo = (bucket: string) => ({
  outputConfiguration: { s3: { bucket } },
  roleArn: `arn:aws:iam::${B}:role/cleanrooms-jobs`,
})

describe.each(transports)('through $name', (transport) => {
  let h: Harness
  let now = T0
  beforeEach(async () => {
    now = T0
    h = await transport.start({ clock: () => now })
  })
  afterEach(() => h.close())

  /**
   * A collaboration with query and job logging enabled: A queries and runs jobs, B receives results,
   * C pays for queries. Returns its id.
   */
  const collaboration = () =>
    createCollaboration(h.client(A), {
      creatorMemberAbilities: ['CAN_QUERY', 'CAN_RUN_JOB'],
      members: [member(B, ['CAN_RECEIVE_RESULTS']), member(C, [], pay({ queryCompute: true }))],
      queryLogStatus: 'ENABLED',
      jobLogStatus: 'ENABLED',
    })

  const update = (accountId: string, input: UpdateMembershipCommandInput) =>
    h.client(accountId).send(new UpdateMembershipCommand(input))

  const get = async (accountId: string, membershipIdentifier: string): Promise<Membership> => {
    const { membership } = await h.client(accountId).send(new GetMembershipCommand({ membershipIdentifier }))
    if (membership === undefined) throw new Error('GetMembership returned no membership')
    return membership
  }

  describe('GetMembership', () => {
    it('R-GET-1: the owner reads its membership exactly as CreateMembership returned it', async () => {
      const id = await collaboration()
      const created = await join(h.client(B), id, {
        queryLogStatus: 'ENABLED',
        defaultResultConfiguration: resultsTo('results-bucket', 'out/'),
      })
      expect(await get(B, created.id ?? '')).toEqual(created)
      expect(created).toEqual({
        id: created.id,
        arn: `arn:aws:cleanrooms:us-east-1:${B}:membership/${created.id}`,
        collaborationArn: `arn:aws:cleanrooms:us-east-1:${A}:collaboration/${id}`,
        collaborationId: id,
        collaborationCreatorAccountId: A,
        collaborationCreatorDisplayName: 'Creator',
        collaborationName: 'Shared audience',
        createTime: new Date(T0),
        updateTime: new Date(T0),
        status: 'ACTIVE',
        memberAbilities: ['CAN_RECEIVE_RESULTS'],
        queryLogStatus: 'ENABLED',
        defaultResultConfiguration: resultsTo('results-bucket', 'out/'),
        paymentConfiguration: {
          queryCompute: { isResponsible: false },
          jobCompute: { isResponsible: false },
        },
      })
    })

    it('R-GET-1: every other account, the collaboration’s creator included, gets 404 MEMBERSHIP', async () => {
      const id = await collaboration()
      const membership = await join(h.client(B), id)
      for (const other of [A, C, OUTSIDER]) {
        const error = await rejectionOf(
          h.client(other).send(new GetMembershipCommand({ membershipIdentifier: membership.id })),
        )
        expect(error).toBeInstanceOf(ResourceNotFoundException)
        expect(error).toMatchObject({
          $metadata: { httpStatusCode: 404 },
          message: `Membership ${membership.id} was not found`,
          resourceId: membership.id,
          resourceType: 'MEMBERSHIP',
        })
      }
    })

    it('R-GET-1: an unknown id gets the same 404 as another account’s membership', async () => {
      const error = await rejectionOf(
        h.client(B).send(new GetMembershipCommand({ membershipIdentifier: MISSING })),
      )
      expect(error).toBeInstanceOf(ResourceNotFoundException)
      expect(error).toMatchObject({
        message: `Membership ${MISSING} was not found`,
        resourceId: MISSING,
        resourceType: 'MEMBERSHIP',
      })
    })

    it('R-GET-1: the owner also reads its REMOVED and COLLABORATION_DELETED memberships (R-STATE-3)', async () => {
      const { membershipIds } = h.mock.seed.collaboration({
        creator: {
          accountId: A,
          abilities: ['CAN_QUERY'],
          status: 'REMOVED',
          membership: { status: 'COLLABORATION_DELETED' },
        },
        members: [{ accountId: B, status: 'REMOVED', membership: { status: 'REMOVED' } }],
      })
      expect((await get(B, membershipIds[B] ?? '')).status).toBe('REMOVED')
      expect((await get(A, membershipIds[A] ?? '')).status).toBe('COLLABORATION_DELETED')
    })
  })

  describe('UpdateMembership', () => {
    it('R-UPD-1: another account gets 404 MEMBERSHIP and the membership is unchanged', async () => {
      const id = await collaboration()
      const membership = await join(h.client(B), id)
      for (const other of [A, C, OUTSIDER]) {
        const error = await expectRejected(
          h,
          () => update(other, { membershipIdentifier: membership.id ?? '', queryLogStatus: 'ENABLED' }),
          ResourceNotFoundException,
        )
        expect(error).toMatchObject({ resourceId: membership.id, resourceType: 'MEMBERSHIP' })
      }
      expect(await get(B, membership.id ?? '')).toEqual(membership)
    })

    it('R-UPD-1: an unknown id is 404 MEMBERSHIP', async () => {
      const error = await expectRejected(
        h,
        () => update(B, { membershipIdentifier: MISSING, queryLogStatus: 'DISABLED' }),
        ResourceNotFoundException,
      )
      expect(error).toMatchObject({ resourceId: MISSING, resourceType: 'MEMBERSHIP' })
    })

    it('R-UPD-1: members absent from the request stay; present ones are replaced whole', async () => {
      const id = await collaboration()
      const created = await join(h.client(B), id, {
        queryLogStatus: 'ENABLED',
        jobLogStatus: 'ENABLED',
        defaultResultConfiguration: resultsTo('first-bucket', 'first/'),
        defaultJobResultConfiguration: jobResultsTo('job-bucket'),
      })
      const membershipIdentifier = created.id ?? ''

      now = T0 + 5_000
      const { membership: first } = await update(B, { membershipIdentifier, queryLogStatus: 'DISABLED' })
      expect(first).toEqual({ ...created, queryLogStatus: 'DISABLED', updateTime: new Date(T0 + 5_000) })

      now = T0 + 9_000
      // The new result configuration has no keyPrefix and no roleArn: replaced whole, not merged.
      const replacement = {
        outputConfiguration: { s3: { bucket: 'second-bucket', resultFormat: 'PARQUET' as const } },
      }
      const { membership: second } = await update(B, {
        membershipIdentifier,
        defaultResultConfiguration: replacement,
      })
      expect(second).toEqual({
        ...first,
        defaultResultConfiguration: replacement,
        updateTime: new Date(T0 + 9_000),
      })
      expect(await get(B, membershipIdentifier)).toEqual(second)
    })

    it('R-UPD-1: createTime never changes and updateTime moves forward, even when the clock stands still', async () => {
      const id = await collaboration()
      const created = await join(h.client(C), id, { paymentConfiguration: pay({ queryCompute: true }) })
      const membershipIdentifier = created.id ?? ''
      const times: Array<[number | undefined, number | undefined]> = []
      for (let i = 0; i < 3; i++) {
        const { membership } = await update(C, { membershipIdentifier, queryLogStatus: 'DISABLED' })
        times.push([membership?.createTime?.getTime(), membership?.updateTime?.getTime()])
      }
      // The clock is frozen at T0: each update moves updateTime by the decided minimum step, 1 ms.
      expect(times).toEqual([
        [T0, T0 + 1],
        [T0, T0 + 2],
        [T0, T0 + 3],
      ])
      now = T0 + 60_000
      const { membership } = await update(C, { membershipIdentifier, queryLogStatus: 'ENABLED' })
      expect(membership?.createTime).toEqual(new Date(T0))
      expect(membership?.updateTime).toEqual(new Date(T0 + 60_000))
    })

    it('R-UPD-1: an update with no members set changes nothing but updateTime', async () => {
      const id = await collaboration()
      const created = await join(h.client(B), id)
      now = T0 + 1_000
      const { membership } = await update(B, { membershipIdentifier: created.id ?? '' })
      expect(membership).toEqual({ ...created, updateTime: new Date(T0 + 1_000) })
    })

    it('R-UPD-2: R-MEM-3 after the update: a member without CAN_RECEIVE_RESULTS cannot set result configurations', async () => {
      const id = await collaboration()
      const payer = await join(h.client(C), id, { paymentConfiguration: pay({ queryCompute: true }) })
      const error = await expectRejected(
        h,
        () =>
          update(C, {
            membershipIdentifier: payer.id ?? '',
            defaultResultConfiguration: resultsTo('results-bucket'),
            defaultJobResultConfiguration: jobResultsTo('job-bucket'),
          }),
        ValidationException,
      )
      expectBusinessRule(
        error,
        ['defaultResultConfiguration', 'defaultJobResultConfiguration'],
        new RegExp(
          `^Only a member with CAN_RECEIVE_RESULTS can set defaultResultConfiguration; account ${C} does not have it\\.`,
        ),
      )
    })

    it('R-UPD-2: R-MEM-4 after the update: logging ENABLED needs the collaboration’s logging ENABLED', async () => {
      const id = await createCollaboration(h.client(A), {
        creatorMemberAbilities: ['CAN_QUERY'],
        members: [member(B, ['CAN_RECEIVE_RESULTS'])],
        queryLogStatus: 'DISABLED',
      })
      const membership = await join(h.client(B), id)
      const error = await expectRejected(
        h,
        () =>
          update(B, {
            membershipIdentifier: membership.id ?? '',
            queryLogStatus: 'ENABLED',
            jobLogStatus: 'ENABLED',
          }),
        ValidationException,
      )
      expectBusinessRule(
        error,
        ['queryLogStatus', 'jobLogStatus'],
        /^Query logging cannot be ENABLED for a membership: /,
      )
      expect(error.message).toBe(
        `Query logging cannot be ENABLED for a membership: collaboration ${id} has query logging DISABLED. ` +
          `Job logging cannot be ENABLED for a membership: collaboration ${id} does not have job logging ENABLED.`,
      )
      // The member who can receive results may still change what the rules allow.
      const { membership: updated } = await update(B, {
        membershipIdentifier: membership.id ?? '',
        queryLogStatus: 'DISABLED',
        defaultResultConfiguration: resultsTo('results-bucket'),
      })
      expect(updated?.defaultResultConfiguration).toEqual(resultsTo('results-bucket'))
    })

    it('R-UPD-2: a membership that is not ACTIVE (seeded REMOVED, COLLABORATION_DELETED) is 409 INVALID_STATE', async () => {
      const { membershipIds } = h.mock.seed.collaboration({
        creator: {
          accountId: A,
          abilities: ['CAN_QUERY'],
          status: 'ACTIVE',
          membership: { status: 'COLLABORATION_DELETED' },
        },
        members: [{ accountId: B, status: 'REMOVED', membership: { status: 'REMOVED' } }],
      })
      for (const [account, status] of [
        [B, 'REMOVED'],
        [A, 'COLLABORATION_DELETED'],
      ] as const) {
        const id = membershipIds[account] ?? ''
        const error = await expectRejected(
          h,
          () => update(account, { membershipIdentifier: id, queryLogStatus: 'DISABLED' }),
          ConflictException,
        )
        expect(error).toMatchObject({
          $metadata: { httpStatusCode: 409 },
          reason: 'INVALID_STATE',
          resourceId: id,
          resourceType: 'MEMBERSHIP',
          message: `Membership ${id} cannot be updated: its status is ${status}`,
        })
      }
    })
  })
})
