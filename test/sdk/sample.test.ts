/**
 * SDK suite: a sampled mock (`mock.seed.sample`, docs/sample.md) as a front end meets it through the real
 * @aws-sdk/client-cleanrooms: busy accounts page through their memberships, invited payers join by the rules.
 */
import {
  CreateMembershipCommand,
  ListMembersCommand,
  paginateListMemberships,
  ValidationException,
} from '@aws-sdk/client-cleanrooms'
import { afterEach, describe, expect, it } from 'vitest'
import type { CollaborationRecord } from '../../mocks/domain/index.ts'
import { MODELS, type SampleResult } from '../../mocks/index.ts'
import { expectBusinessRule, expectRejected, T0 } from './rule-helpers.ts'
import { type Harness, transports } from './transports.ts'

// The in-process handler and MSW (what a front end's worker runs); the server has its own process test.
describe.each(transports.slice(0, 2))('a sampled mock through $name', (transport) => {
  let h: Harness | undefined
  afterEach(() => h?.close())

  it.each(MODELS)(
    'R-LIST-3: the busiest sampled account pages through its memberships (model %s)',
    async (model) => {
      h = await transport.start({ model, seed: 9, clock: () => T0 })
      const sample = h.mock.seed.sample({ collaborations: 40, seed: 4 })
      const [busiest] = sample.accounts
      if (busiest === undefined) throw new Error('the sample has no accounts')
      expect(busiest.memberships).toBeGreaterThan(8)

      const pages: string[][] = []
      for await (const page of paginateListMemberships(
        { client: h.client(busiest.accountId), pageSize: 4 },
        {},
      )) {
        pages.push((page.membershipSummaries ?? []).map((summary) => summary.id ?? ''))
      }
      expect(pages.length).toBe(Math.ceil(busiest.memberships / 4))
      const expected = sample.collaborations.flatMap((c) => c.membershipIds[busiest.accountId] ?? [])
      expect(pages.flat().sort()).toEqual(expected.sort())
    },
  )

  it('R-LIST-1: ListMembers shows company names, the creator first, joined members ACTIVE and the others INVITED', async () => {
    h = await transport.start({ seed: 9, clock: () => T0 })
    const sample = h.mock.seed.sample({ collaborations: 10 })
    const [first] = sample.collaborations
    if (first === undefined) throw new Error('no collaboration sampled')
    const { memberSummaries = [] } = await h
      .client(first.creatorAccountId)
      .send(new ListMembersCommand({ collaborationIdentifier: first.collaborationId }))
    expect(memberSummaries[0]?.accountId).toBe(first.creatorAccountId)
    for (const summary of memberSummaries) {
      const account = sample.accounts.find((a) => a.accountId === summary.accountId)
      expect(summary.displayName).toBe(account?.displayName)
      expect(summary.status).toBe(first.invited.includes(summary.accountId ?? '') ? 'INVITED' : 'ACTIVE')
    }
    expect(first.invited.length).toBeGreaterThan(0)
  })

  it('R-PAY-5: an invited account the creator set to pay for queries joins by accepting, and not without', async () => {
    h = await transport.start({ seed: 9, clock: () => T0 })
    const sample = h.mock.seed.sample({ collaborations: 50 })
    const invitedPayer = findInvitedQueryPayer(h, sample)
    if (invitedPayer === undefined) throw new Error('the sample has no invited query payer without CAN_QUERY')
    const { accountId, collaborationId } = invitedPayer
    const client = h.client(accountId)

    // What a front end does: read its own row of ListMembers, then join with the payment it shows.
    const { memberSummaries = [] } = await client.send(
      new ListMembersCommand({ collaborationIdentifier: collaborationId }),
    )
    const own = memberSummaries.find((summary) => summary.accountId === accountId)
    expect(own?.status).toBe('INVITED')
    expect(own?.paymentConfiguration?.queryCompute?.isResponsible).toBe(true)

    const error = await expectRejected(
      h,
      () =>
        client.send(
          new CreateMembershipCommand({
            collaborationIdentifier: collaborationId,
            queryLogStatus: 'DISABLED',
          }),
        ),
      ValidationException,
    )
    expectBusinessRule(error, ['paymentConfiguration.queryCompute.isResponsible'], /must accept/)

    const { membership } = await client.send(
      new CreateMembershipCommand({
        collaborationIdentifier: collaborationId,
        queryLogStatus: 'DISABLED',
        ...(own?.paymentConfiguration === undefined
          ? {}
          : { paymentConfiguration: own.paymentConfiguration }),
      }),
    )
    expect(membership?.status).toBe('ACTIVE')
    expect(membership?.paymentConfiguration?.queryCompute?.isResponsible).toBe(true)
  })
})

/** An INVITED participant the creator set `true` for queryCompute that cannot query (so it must accept). */
function findInvitedQueryPayer(h: Harness, sample: SampleResult) {
  const collaborations = h.mock.snapshot().regions[sample.region]?.collaborations ?? {}
  for (const sampled of sample.collaborations) {
    const record = collaborations[sampled.collaborationId] as CollaborationRecord
    const payer = record.participants.find(
      (p) =>
        p.status === 'INVITED' &&
        !p.abilities.includes('CAN_QUERY') &&
        p.paymentConfiguration?.queryCompute.isResponsible === true,
    )
    if (payer !== undefined) return { accountId: payer.accountId, collaborationId: record.id }
  }
  return undefined
}
