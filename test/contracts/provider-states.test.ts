/** The provider states catalogue at verify time: parameters checked by name and type, pagination states with stable tokens. */
import { CleanRoomsClient, ListMembersCommand, ListMembershipsCommand } from '@aws-sdk/client-cleanrooms'
import { describe, expect, it } from 'vitest'
import { resolveState } from '../../contracts/provider/states.ts'
import { STATES } from '../../contracts/state-names.ts'
import { createCleanRoomsMock } from '../../mocks/index.ts'

function clientFor(mock: ReturnType<typeof createCleanRoomsMock>, account: string): CleanRoomsClient {
  return new CleanRoomsClient({
    region: 'us-east-1',
    maxAttempts: 1,
    requestHandler: mock.requestHandler,
    credentials: { accessKeyId: account, secretAccessKey: 'not-a-secret' },
  })
}

describe('resolveState', () => {
  it('refuses a parameter the state does not take, naming it and the ones it accepts', () => {
    expect(() =>
      resolveState('a collaboration where 222222222222 pays for queries', { payerAccount: '444444444444' }),
    ).toThrow(
      'state "a collaboration where 222222222222 pays for queries": unknown parameter "payerAccount"; it accepts creatorAccountId, payerAccountId, resultReceiverAccountId, region',
    )
  })

  it('refuses a parameter of the wrong type, naming it', () => {
    expect(() => resolveState(STATES.paidCollaboration, { payerAccountId: 222222222222 })).toThrow(
      /parameter "payerAccountId" must be a 12-digit account id \(a string\), got 222222222222/,
    )
    expect(() => resolveState(STATES.collaborationWithMembers, { memberCount: 'five', pageSize: 2 })).toThrow(
      /parameter "memberCount" must be an integer from 1 to 100, got "five"/,
    )
  })

  it('refuses a name and parameters that disagree', () => {
    expect(() =>
      resolveState('a collaboration where 222222222222 pays for queries', { payerAccountId: '333333333333' }),
    ).toThrow(/the name says payerAccountId is 222222222222 but the parameter is "333333333333"/)
  })

  it('reads the values written in the name when the pact carries no parameters (Pact V2)', () => {
    const resolved = resolveState('a collaboration with 6 participants, listed 4 per page')
    expect(resolved.definition.key).toBe('collaborationWithMembers')
    expect(resolved.params).toMatchObject({ memberCount: 6, pageSize: 4, creatorAccountId: '111111111111' })
  })

  it('names the state it does not know', () => {
    expect(() => resolveState('a collaboration where nobody pays')).toThrow(
      /unknown provider state "a collaboration where nobody pays"; the mock knows "no collaborations exist"/,
    )
  })
})

describe('pagination states', () => {
  it('R-LIST-3: seed N participants and return the nextToken of a page, the same every time', async () => {
    const mock = createCleanRoomsMock()
    const state = resolveState(STATES.collaborationWithMembers, { memberCount: 5, pageSize: 2 })
    const first = await state.definition.setup(mock, state.params)
    mock.reset()
    const again = await state.definition.setup(mock, state.params)
    expect(again).toEqual(first)
    expect(first['nextToken']).toMatch(/^v1\./)

    const page2 = await clientFor(mock, '111111111111').send(
      new ListMembersCommand({
        collaborationIdentifier: first['collaborationId'] ?? '',
        maxResults: 2,
        nextToken: first['nextToken'],
      }),
    )
    expect(page2.memberSummaries?.map((member) => member.accountId)).toEqual(['400000000002', '400000000003'])
    expect(page2.nextToken).toEqual(expect.any(String))
  })

  it('R-LIST-3: seed N memberships of one account and return the nextToken of a page, the same every time', async () => {
    const mock = createCleanRoomsMock()
    const state = resolveState(STATES.activeMemberships, { accountId: '222222222222', membershipCount: 3 })
    const first = await state.definition.setup(mock, state.params)
    mock.reset()
    expect(await state.definition.setup(mock, state.params)).toEqual(first)

    const page2 = await clientFor(mock, '222222222222').send(
      new ListMembershipsCommand({ status: 'ACTIVE', maxResults: 2, nextToken: first['nextToken'] }),
    )
    expect(page2.membershipSummaries?.map((summary) => summary.collaborationName)).toEqual([
      'Audience overlap 1',
    ])
    expect(page2.nextToken).toBeUndefined()
  })

  it('refuses a count that leaves no second page', async () => {
    const mock = createCleanRoomsMock()
    const state = resolveState(STATES.activeMemberships, { membershipCount: 2, pageSize: 2 })
    await expect(async () => state.definition.setup(mock, state.params)).rejects.toThrow(
      /membershipCount \(2\) must be greater than pageSize \(2\)/,
    )
  })
})
