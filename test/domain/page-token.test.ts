/** Domain unit tests: page tokens are opaque, bound and tamper-evident (R-LIST-3). */
import { describe, expect, it } from 'vitest'

import { hash64, issuePageToken, readPageToken, type TokenBinding } from '../../mocks/domain/page-token.ts'
import { ValidationException } from '../../mocks/generated/errors.ts'

const binding: TokenBinding = {
  operation: 'ListMemberships',
  accountId: '222222222222',
  region: 'us-east-1',
  filter: '',
}
const SECRET = 'secret'

describe('page tokens', () => {
  it.each(['0', '1', '99', '1700000000.123:42', '1600000001:100000', 'ab:c'])(
    'R-LIST-3: carries the position %s and gives it back',
    (position) => {
      const token = issuePageToken(SECRET, binding, position)
      expect(token).toMatch(/^v1\.[A-Za-z0-9_-]+\.[0-9a-f]{16}$/)
      expect(token.split('.')[1]).not.toBe(position)
      expect(readPageToken(SECRET, binding, token)).toBe(position)
    },
  )

  it('R-LIST-3: every single-character edit of a token is rejected', () => {
    const token = issuePageToken(SECRET, binding, '1700000000.5:12345')
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.'
    let edits = 0
    for (let at = 0; at < token.length; at++) {
      for (const replacement of alphabet) {
        if (replacement === token.charAt(at)) continue
        const edited = token.slice(0, at) + replacement + token.slice(at + 1)
        expect(() => readPageToken(SECRET, binding, edited), edited).toThrow(ValidationException)
        edits += 1
      }
    }
    expect(edits).toBeGreaterThan(1000)
  })

  it.each([
    ['operation', { ...binding, operation: 'ListMembers' as const }],
    ['account', { ...binding, accountId: '333333333333' }],
    ['region', { ...binding, region: 'eu-west-1' }],
    ['filter', { ...binding, filter: 'ACTIVE' }],
  ])('R-LIST-3: a token is rejected for another %s', (_what, other) => {
    const token = issuePageToken(SECRET, binding, '5')
    expect(() => readPageToken(SECRET, other, token)).toThrow(ValidationException)
    expect(() => readPageToken('another secret', binding, token)).toThrow(ValidationException)
  })

  it('hash64 is deterministic and spreads single-character changes', () => {
    expect(hash64('abc')).toBe(hash64('abc'))
    expect(hash64('abc')).toMatch(/^[0-9a-f]{16}$/)
    const hashes = new Set(Array.from({ length: 10_000 }, (_, i) => hash64(`position-${i}`)))
    expect(hashes.size).toBe(10_000)
  })
})
