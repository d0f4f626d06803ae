/** pickModeled: unknown members are ignored at every depth (R-WIRE-5), and map keys stay plain keys. */
import { describe, expect, it } from 'vitest'

import { pickModeled } from '../../mocks/protocol/pick-modeled.ts'

describe('pickModeled (R-WIRE-5)', () => {
  it('drops unknown members of a structure, of nested structures, of list items and of a union', () => {
    const input = {
      collaborationIdentifier: '00000000-0000-4000-8000-000000000000',
      queryLogStatus: 'DISABLED',
      surprise: 1,
      paymentConfiguration: { queryCompute: { isResponsible: true, extra: 'x' }, other: {} },
      defaultResultConfiguration: {
        outputConfiguration: { s3: { bucket: 'b-1', resultFormat: 'CSV', unknown: true }, notAMember: {} },
        roleArn: 'arn:aws:iam::111111111111:role/r',
      },
    }
    expect(pickModeled('CreateMembershipInput', input)).toEqual({
      collaborationIdentifier: '00000000-0000-4000-8000-000000000000',
      queryLogStatus: 'DISABLED',
      paymentConfiguration: { queryCompute: { isResponsible: true } },
      defaultResultConfiguration: {
        outputConfiguration: { s3: { bucket: 'b-1', resultFormat: 'CSV' } },
        roleArn: 'arn:aws:iam::111111111111:role/r',
      },
    })
  })

  it('walks lists of structures (members[].paymentConfiguration) and drops null members', () => {
    const picked = pickModeled('CreateCollaborationInput', {
      name: 'n',
      description: null,
      members: [
        {
          accountId: '222222222222',
          displayName: 'B',
          memberAbilities: [],
          bogus: 1,
          mlMemberAbilities: null,
        },
      ],
    })
    expect(picked).toEqual({
      name: 'n',
      members: [{ accountId: '222222222222', displayName: 'B', memberAbilities: [] }],
    })
  })

  it('keeps every map entry, and a __proto__ key stays an ordinary key', () => {
    const tags = JSON.parse('{"team":"data","__proto__":"polluted"}')
    const picked = pickModeled('CreateMembershipInput', { tags }) as { tags: Record<string, string> }
    expect(Object.getPrototypeOf(picked.tags)).toBe(Object.prototype)
    expect(Object.keys(picked.tags)).toEqual(['team', '__proto__'])
    expect(JSON.stringify(picked.tags)).toBe('{"team":"data","__proto__":"polluted"}')
  })
})
