/** createCleanRoomsMock: ids stay unique across restore (R-STATE-1, R-STATE-3). */
import { describe, expect, it } from 'vitest'

import { createCleanRoomsMock } from '../../mocks/index.ts'

const spec = {
  creator: {
    accountId: '111111111111',
    abilities: ['CAN_QUERY' as const],
    status: 'ACTIVE' as const,
    membership: true,
  },
}

describe('ids', () => {
  it('R-STATE-1: the same seed gives the same ids', () => {
    const a = createCleanRoomsMock({ seed: 7 }).seed.collaboration(spec)
    const b = createCleanRoomsMock({ seed: 7 }).seed.collaboration(spec)
    expect(a).toEqual(b)
  })

  it('R-STATE-3: a mock restored from a snapshot with the same seed never hands out an id already in it', () => {
    const first = createCleanRoomsMock({ seed: 7 })
    const seeded = first.seed.collaboration(spec)
    const restarted = createCleanRoomsMock({ seed: 7 })
    restarted.restore(first.snapshot())
    const next = restarted.seed.collaboration(spec)
    expect(next.collaborationId).not.toBe(seeded.collaborationId)
    expect(Object.values(next.membershipIds)).not.toContain(seeded.membershipIds['111111111111'])
    const regions = restarted.snapshot().regions['us-east-1']
    expect(Object.keys(regions?.collaborations ?? {})).toHaveLength(2)
    expect(Object.keys(regions?.memberships ?? {})).toHaveLength(2)
  })
})
