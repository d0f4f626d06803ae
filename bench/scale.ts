/** Bench: ListMemberships pages among 100 000 memberships vs. among 1 000, and heap per stored membership. */
import { createCleanRoomsMock } from '../mocks/index.ts'
import { createCollaborations, createMemberships, expectOk, wire } from './fixtures.ts'
import { compare, formatNs } from './measure.ts'
import type { Figure } from './report.ts'

const LARGE = 100_000
const SMALL = 1_000

/**
 * R-LIST-3 promises a page costs O(page size): the token carries the position. The ratio of a page among
 * 100 000 to the same page among 1 000 shows it (the first page, and a page from the middle reached by
 * its token). The heap is measured with `global.gc()` around building the large store.
 */
export async function benchScale(): Promise<Figure[]> {
  const gc = globalThis.gc
  if (!gc) throw new Error('bench/scale needs node --expose-gc (bench/run.ts restarts itself with it)')

  const small = createCleanRoomsMock()
  createMemberships(small, createCollaborations(small, SMALL))

  gc()
  const before = process.memoryUsage().heapUsed
  const large = createCleanRoomsMock()
  const collaborations = createCollaborations(large, LARGE)
  gc()
  const withCollaborations = process.memoryUsage().heapUsed
  createMemberships(large, collaborations)
  collaborations.length = 0
  gc()
  const withMemberships = process.memoryUsage().heapUsed
  const perMembership = (withMemberships - withCollaborations) / LARGE
  const perMembershipAndCollaboration = (withMemberships - before) / LARGE

  const firstPage = wire('GET', '/memberships', undefined, 'maxResults=100')
  const middleOf = (mock: typeof small, total: number) => {
    let token = ''
    for (let page = 0; page < total / 100 / 2; page++) {
      const body = expectOk(
        mock.handle(
          wire('GET', '/memberships', undefined, `maxResults=100&nextToken=${encodeURIComponent(token)}`),
        ),
      ) as { nextToken?: string }
      token = body.nextToken ?? ''
    }
    return wire('GET', '/memberships', undefined, `maxResults=100&nextToken=${encodeURIComponent(token)}`)
  }
  const middleSmall = middleOf(small, SMALL)
  const middleLarge = middleOf(large, LARGE)
  for (const [mock, request] of [
    [small, middleSmall],
    [large, middleLarge],
  ] as const) {
    const page = expectOk(mock.handle(request)) as { membershipSummaries: unknown[] }
    if (page.membershipSummaries.length !== 100) throw new Error('bench/scale: the middle page is not full')
  }

  const timings = await compare(
    [
      { name: 'first-large', run: () => large.handle(firstPage) },
      { name: 'first-small', run: () => small.handle(firstPage) },
      { name: 'middle-large', run: () => large.handle(middleLarge) },
      { name: 'middle-small', run: () => small.handle(middleSmall) },
    ],
    { callsPerRound: 200, rounds: 10, warmupBatch: 200, minWarmupCalls: 1_000 },
  )
  const t = (name: string) => timings.get(name)!
  const ratio = (page: 'first' | 'middle'): Figure => ({
    kind: 'ratio',
    benchmark: `Scale: ListMemberships, ${page} page of 100`,
    contender: `among ${LARGE.toLocaleString('en')} memberships`,
    baseline: `among ${SMALL.toLocaleString('en')}`,
    measured: `${formatNs(t(`${page}-large`).minNs)}/page`,
    baselineMeasured: `${formatNs(t(`${page}-small`).minNs)}/page`,
    ratio: t(`${page}-large`).minNs / t(`${page}-small`).minNs,
    target: { op: '<=', value: 2 },
    why:
      'measured on the wire core (`mock.handle`), so only the domain and protocol costs are compared; the ' +
      'page token carries the position in the per-caller index, so a page does not rescan the collection.',
  })
  return [
    ratio('first'),
    ratio('middle'),
    {
      kind: 'reading',
      benchmark: 'Scale: heap per stored membership',
      what: `heap growth per membership at ${LARGE.toLocaleString('en')}`,
      value: `${(perMembership / 1024).toFixed(2)} KiB (${(perMembershipAndCollaboration / 1024).toFixed(2)} KiB with its collaboration)`,
      target: '≤ 4 KiB',
      met: perMembership <= 4 * 1024,
      why:
        'heapUsed after global.gc(), before and after creating the memberships of 100 000 collaborations ' +
        '(each with 2 participants); includes the record, its payment configuration, the per-caller list ' +
        'index and the participant fields that link it.',
    },
  ]
}
