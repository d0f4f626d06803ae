/** Deep snapshot checks (mocks/validation/snapshot.ts): a bad snapshot is refused whole, naming its first bad path. */
import { describe, expect, it } from 'vitest'

import { createCleanRoomsMock, type MockSnapshot } from '../../mocks/index.ts'

const ALICE = '111111111111'
const BOB = '222222222222'
const REGION = 'us-east-1'

/** A mock with one collaboration (Alice creator and member, Bob joined) and the snapshot of it. */
function seeded() {
  const mock = createCleanRoomsMock()
  const { collaborationId, membershipIds } = mock.seed.collaboration({
    creator: { accountId: ALICE, abilities: ['CAN_QUERY', 'CAN_RECEIVE_RESULTS'], membership: true },
    members: [{ accountId: BOB, membership: true }],
  })
  const snapshot = mock.snapshot()
  const region = snapshot.regions[REGION]!
  return {
    mock,
    snapshot,
    collaboration: region.collaborations[collaborationId]! as unknown as Record<string, unknown>,
    region,
    collaborationId,
    aliceMembership: membershipIds[ALICE]!,
    bobMembership: membershipIds[BOB]!,
  }
}

/** Restores `snapshot` into a fresh mock holding another state; returns the error and checks nothing changed. */
function refusal(snapshot: unknown): Error {
  const mock = createCleanRoomsMock()
  mock.seed.collaboration({ creator: { accountId: ALICE } })
  const before = mock.snapshot()
  let caught: unknown
  try {
    mock.restore(snapshot as MockSnapshot)
  } catch (error) {
    caught = error
  }
  expect(caught, 'restore should refuse the snapshot').toBeInstanceOf(TypeError)
  expect(mock.snapshot()).toEqual(before)
  return caught as Error
}

describe('snapshot validation (restore, --state)', () => {
  it('R-STATE-1: accepts the snapshots the mock itself makes', () => {
    const { snapshot } = seeded()
    const other = createCleanRoomsMock()
    other.restore(snapshot)
    expect(other.snapshot()).toEqual(snapshot)
  })

  it('R-STATE-1: refuses a collaboration without participants, naming the path', () => {
    const { snapshot, collaboration, collaborationId } = seeded()
    delete collaboration['participants']
    expect(refusal(snapshot).message).toBe(
      `regions.${REGION}.collaborations.${collaborationId}.participants: must list the creator, then the members`,
    )
  })

  it('R-STATE-1: refuses two memberships of one account in one collaboration', () => {
    const { snapshot, region, aliceMembership } = seeded()
    const copy = structuredClone(region.memberships[aliceMembership]!)
    copy.id = '00000000-0000-4000-8000-0000000000ff'
    copy.arn = `arn:aws:cleanrooms:${REGION}:${ALICE}:membership/${copy.id}`
    copy.sequence = region.lastSequence + 1
    region.lastSequence += 1
    region.memberships[copy.id] = copy
    expect(refusal(snapshot).message).toMatch(
      new RegExp(
        `^regions\\.${REGION}\\.memberships\\.${copy.id}: is a second membership of account ${ALICE}`,
      ),
    )
  })

  it('R-STATE-1: refuses unknown top-level members (junk is not carried into the state or the state file)', () => {
    const { snapshot } = seeded()
    expect(refusal({ ...snapshot, junk: 'x'.repeat(1000) }).message).toMatch(
      /^junk: is not a member of a snapshot/,
    )
  })

  it('R-STATE-1: refuses ids and ARNs outside their patterns, and a region that is not a region name', () => {
    const bad = seeded()
    bad.collaboration['arn'] =
      `arn:aws:cleanrooms:evil<script>|x:${ALICE}:collaboration/${bad.collaborationId}`
    expect(refusal(bad.snapshot).message).toMatch(
      new RegExp(`^regions\\.${REGION}\\.collaborations\\.${bad.collaborationId}\\.arn: `),
    )
    const badId = seeded()
    badId.region.collaborations['not-a-uuid'] = { ...badId.collaboration, id: 'not-a-uuid' } as never
    expect(refusal(badId.snapshot).message).toMatch(
      /collaborations\.not-a-uuid\.id: Member must have length greater than or equal to 36/,
    )
    const badRegion = seeded()
    badRegion.snapshot.regions['evil<script>'] = badRegion.region
    expect(refusal(badRegion.snapshot).message).toBe(
      'regions.evil<script>: is not a region name (like us-east-1)',
    )
  })

  it('R-PAY-3: refuses payers that the payer rules do not give for the participants', () => {
    const { snapshot, collaboration, collaborationId } = seeded()
    collaboration['payers'] = { queryCompute: BOB }
    expect(refusal(snapshot).message).toBe(
      `regions.${REGION}.collaborations.${collaborationId}.payers.queryCompute: is "${BOB}", but the payer rules give "${ALICE}" for these participants`,
    )
  })

  it('R-STATE-1: refuses a membership whose participant does not point back at it', () => {
    const { snapshot, collaboration, collaborationId } = seeded()
    const participants = collaboration['participants'] as Array<Record<string, unknown>>
    participants[1]!['membershipId'] = '00000000-0000-4000-8000-0000000000aa'
    expect(refusal(snapshot).message).toMatch(
      new RegExp(
        `^regions\\.${REGION}\\.collaborations\\.${collaborationId}\\.participants\\.1\\.membershipId: `,
      ),
    )
  })
})

describe("snapshot validation follows the snapshot's model profile (R-MODEL-1)", () => {
  /** A 2026-07-27 mock whose collaboration has two payer candidates for queries (R-CAND-1). */
  function withCandidates() {
    const mock = createCleanRoomsMock({ model: '2026-07-27' })
    const paying = { queryCompute: { isResponsible: true } }
    const { collaborationId } = mock.seed.collaboration({
      creator: { accountId: ALICE, abilities: ['CAN_QUERY'], paymentConfiguration: paying },
      members: [{ accountId: BOB, paymentConfiguration: paying }],
    })
    const snapshot = mock.snapshot()
    const collaboration = snapshot.regions[REGION]!.collaborations[collaborationId]! as unknown as Record<
      string,
      unknown
    >
    return { snapshot, collaboration, collaborationId }
  }

  it('R-CAND-1: a 2026-07-27 snapshot with payer candidates restores as it was', () => {
    const { snapshot, collaboration } = withCandidates()
    expect(collaboration['payerCandidates']).toEqual({ queryCompute: [ALICE, BOB] })
    const other = createCleanRoomsMock({ model: '2026-07-27' })
    other.restore(snapshot)
    expect(other.snapshot()).toEqual(snapshot)
  })

  it('R-CAND-1: refuses payer candidates that the payer rules do not give for the participants', () => {
    const { snapshot, collaboration, collaborationId } = withCandidates()
    collaboration['payerCandidates'] = { queryCompute: [BOB] }
    const mock = createCleanRoomsMock({ model: '2026-07-27' })
    const before = mock.snapshot()
    expect(() => mock.restore(snapshot)).toThrow(
      `regions.${REGION}.collaborations.${collaborationId}.payerCandidates: is {"queryCompute":["${BOB}"]}, but the payer rules give {"queryCompute":["${ALICE}","${BOB}"]} for these participants`,
    )
    expect(mock.snapshot()).toEqual(before)
  })

  it("R-MODEL-2: a record member the profile's model lacks is refused (jobLogStatus in a 2023-11-14 snapshot)", () => {
    const { snapshot, region, aliceMembership } = seeded()
    ;(region.memberships[aliceMembership] as unknown as Record<string, unknown>)['jobLogStatus'] = 'DISABLED'
    const old = createCleanRoomsMock({ model: '2023-11-14' })
    const before = old.snapshot()
    expect(() => old.restore({ ...snapshot, model: '2023-11-14' })).toThrow(
      `regions.${REGION}.memberships.${aliceMembership}.jobLogStatus: is not a member of this record`,
    )
    expect(old.snapshot()).toEqual(before)
  })
})
