/** Domain unit tests: a page of ListMemberships costs O(page size), even among 100 000 memberships (R-LIST-3). */
import { beforeAll, describe, expect, it } from 'vitest'

import { createStore, listMemberships, type Store } from '../../mocks/domain/index.ts'
import { B, CREATOR, REGION } from './helpers.ts'

const COUNT = 100_000

/**
 * A store with COUNT memberships of B, one per collaboration, created one second apart (every tenth REMOVED).
 * Built through the store's own add functions rather than restore(), to keep the test's memory low.
 */
function bigStore(): Store {
  const store = createStore()
  for (let i = 1; i <= COUNT; i++) {
    const suffix = i.toString(16).padStart(12, '0')
    const collaborationId = `00000000-0000-4000-8000-${suffix}`
    const membershipId = `11111111-0000-4000-8000-${suffix}`
    const time = 1_600_000_000 + i
    store.addCollaboration(REGION, {
      id: collaborationId,
      arn: `arn:aws:cleanrooms:${REGION}:${CREATOR}:collaboration/${collaborationId}`,
      name: `Collaboration ${i}`,
      creatorAccountId: CREATOR,
      creatorDisplayName: 'Creator',
      createTime: time,
      updateTime: time,
      queryLogStatus: 'DISABLED',
      participants: [],
      payers: { queryCompute: null },
    })
    store.addMembership(REGION, {
      id: membershipId,
      arn: `arn:aws:cleanrooms:${REGION}:${B}:membership/${membershipId}`,
      accountId: B,
      collaborationId,
      status: i % 10 === 0 ? 'REMOVED' : 'ACTIVE',
      memberAbilities: [],
      queryLogStatus: 'DISABLED',
      paymentConfiguration: { queryCompute: { isResponsible: false } },
      createTime: time,
      updateTime: time,
    })
  }
  return store
}

describe('R-LIST-3: pagination at scale', () => {
  let store: Store
  let buildMs = 0
  beforeAll(() => {
    const start = performance.now()
    store = bigStore()
    buildMs = performance.now() - start
  })

  it('R-LIST-3: walks 100 000 memberships in 1 000 pages, each once, and a page deep in the list is as cheap as the first', () => {
    const caller = { accountId: B, region: REGION }

    const timings: number[] = []
    const seen = new Set<string>()
    let previousTime = Number.POSITIVE_INFINITY
    let ordered = true
    let nextToken: string | undefined
    let pages = 0
    const walkStart = performance.now()
    do {
      const start = performance.now()
      const page = listMemberships(store, caller, {
        maxResults: 100,
        ...(nextToken !== undefined && { nextToken }),
      })
      timings.push(performance.now() - start)
      for (const summary of page.membershipSummaries) {
        ordered &&= summary.createTime < previousTime
        previousTime = summary.createTime
        seen.add(summary.id)
      }
      nextToken = page.nextToken
      pages += 1
    } while (nextToken !== undefined)
    const walkMs = performance.now() - walkStart

    expect(ordered).toBe(true)
    expect(pages).toBe(1000)
    expect(seen.size).toBe(COUNT)
    const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0
    const firstHundred = median(timings.slice(0, 100))
    const lastHundred = median(timings.slice(-100))
    console.info(
      `build ${buildMs.toFixed(0)} ms; walk of ${pages} pages ${walkMs.toFixed(0)} ms; ` +
        `median page: first 100 ${firstHundred.toFixed(3)} ms, last 100 ${lastHundred.toFixed(3)} ms`,
    )
    // A scan or sort per page would make the late pages cost ~1000x more; allow generous noise on shared CI.
    expect(lastHundred).toBeLessThan(Math.max(5 * firstHundred, 2))
    expect(walkMs).toBeLessThan(10_000)
  })

  it('R-LIST-3: the status filter pages through its own index, not by skipping the others', () => {
    const caller = { accountId: B, region: REGION }
    const first = listMemberships(store, caller, { status: 'REMOVED', maxResults: 100 })
    expect(first.membershipSummaries.every((m) => m.status === 'REMOVED')).toBe(true)
    let nextToken = first.nextToken
    let count = first.membershipSummaries.length
    while (nextToken !== undefined) {
      const page = listMemberships(store, caller, { status: 'REMOVED', nextToken })
      count += page.membershipSummaries.length
      nextToken = page.nextToken
    }
    expect(count).toBe(COUNT / 10)
  })
})
