/** Fixtures runtime: strings sampled from the spec's ECMA patterns, look-aheads and surrogate ranges included. */
import { describe, expect, it } from 'vitest'

import { type Random, sampleRegex } from '../../mocks/fixtures/regex-sample.ts'
import { fixtureRandom } from '../../mocks/fixtures/sample-string.ts'
import {
  BUCKET_PATTERN,
  DISPLAY_NAME_PATTERN,
  MEMBERSHIP_ARN_PATTERN,
  ROLE_ARN_PATTERN,
  UUID_PATTERN,
} from './sample-ir.ts'

const SURROGATE = /[\uD800-\uDFFF]/

function seeded(seed: number): Random {
  return fixtureRandom(seed)
}

function samples(pattern: string, count: number, options: { minLength?: number; maxLength?: number } = {}) {
  const random = seeded(1)
  return Array.from({ length: count }, () => sampleRegex(pattern, random, options))
}

describe('sampleRegex: the spec patterns', () => {
  it.each([
    ['AccountId', '^\\d+$', 12, 12],
    ['UUID', UUID_PATTERN, 36, 36],
    ['DisplayName (look-ahead, surrogate ranges)', DISPLAY_NAME_PATTERN, 1, 100],
    ['MembershipArn', MEMBERSHIP_ARN_PATTERN, 0, 100],
    ['RoleArn', ROLE_ARN_PATTERN, 32, 512],
    ['S3 bucket (look-ahead, nested groups)', BUCKET_PATTERN, 3, 63],
    ['KeyPrefix', '^[\\w!.=*/-]*$', 0, 512],
  ])(
    '%s: 2 000 samples match, fit the length, and hold no surrogates',
    (_, pattern, minLength, maxLength) => {
      const regex = new RegExp(pattern)
      for (const sample of samples(pattern, 2000, { minLength, maxLength })) {
        expect(regex.test(sample), sample).toBe(true)
        expect(sample.length).toBeGreaterThanOrEqual(minLength)
        expect(sample.length).toBeLessThanOrEqual(maxLength)
        expect(SURROGATE.test(sample), sample).toBe(false)
      }
    },
  )

  it('never draws a whitespace-only display name (the look-ahead is enforced by retrying)', () => {
    const all = samples(DISPLAY_NAME_PATTERN, 3000, { minLength: 1, maxLength: 3 })
    expect(all.some((sample) => /^\s*$/.test(sample))).toBe(false)
    expect(all.some((sample) => /\s/.test(sample))).toBe(true) // spaces still appear inside names
  })

  it('never draws an IP-address-like bucket', () => {
    const all = samples(BUCKET_PATTERN, 3000, { minLength: 3, maxLength: 7 })
    expect(all.some((sample) => /^(\d+\.)+\d+$/.test(sample))).toBe(false)
  })

  it('reaches an exact maximum length', () => {
    expect(
      samples(DISPLAY_NAME_PATTERN, 20, { minLength: 100, maxLength: 100 }).every((s) => s.length === 100),
    ).toBe(true)
    expect(samples(BUCKET_PATTERN, 20, { minLength: 63, maxLength: 63 }).every((s) => s.length === 63)).toBe(
      true,
    )
    expect(
      samples(ROLE_ARN_PATTERN, 5, { minLength: 512, maxLength: 512 }).every((s) => s.length === 512),
    ).toBe(true)
  })
})

describe('sampleRegex: syntax', () => {
  it.each([
    ['class escapes', '^\\d\\w\\s\\D\\W\\S$'],
    ['hex and unicode escapes', '^\\x41\\u00e9[\\u0100-\\u017F]$'],
    ['negated class', '^[^a-z]{5}$'],
    ['dot', '^.{4}$'],
    ['alternation in repeated groups', '^(foo|ba[rz])+$'],
    ['non-capturing and named groups', '^(?:ab|cd){2}(?<tail>x|y)$'],
    ['quantifiers', '^a{2,4}b?c*d+e{3}f{1,}$'],
    ['positive look-ahead', '^(?=.*\\d)[a-z\\d]{6}$'],
    ['negative look-ahead', '^(?!aws:)[a-z:]{4,8}$'],
    ['escaped metacharacters', '^\\(\\)\\[\\]\\{\\}\\.\\*\\+\\?\\^\\$\\|\\\\\\/$'],
    ['a literal brace (Annex B)', '^a{b}$'],
    ['only surrogates and a letter: the letter is drawn', '^[\\uD800-\\uDFFFx]$'],
  ])('%s', (_, pattern) => {
    const regex = new RegExp(pattern)
    for (const sample of samples(pattern, 300)) {
      expect(regex.test(sample), `${JSON.stringify(sample)} !~ /${pattern}/`).toBe(true)
      expect(SURROGATE.test(sample)).toBe(false)
    }
  })

  it('is deterministic for the same random source', () => {
    const one = Array.from({ length: 50 }, (_, seed) =>
      sampleRegex(DISPLAY_NAME_PATTERN, seeded(seed), { maxLength: 40 }),
    )
    const two = Array.from({ length: 50 }, (_, seed) =>
      sampleRegex(DISPLAY_NAME_PATTERN, seeded(seed), { maxLength: 40 }),
    )
    expect(one).toEqual(two)
  })
})

describe('sampleRegex: clear errors', () => {
  it('when the length cannot be met', () => {
    expect(() => sampleRegex('^a{5}$', seeded(1), { maxLength: 3 })).toThrow(
      'regex-sample: /^a{5}$/ cannot produce a string of length 0..3',
    )
  })

  it('when a look-ahead rejects every candidate, after a bounded number of attempts', () => {
    expect(() => sampleRegex('^(?!a)a$', seeded(1), { maxAttempts: 50 })).toThrow(
      'regex-sample: no string matching /^(?!a)a$/ with length 0..∞ after 50 attempts',
    )
  })

  it('for back-references and classes of surrogates only', () => {
    expect(() => sampleRegex('^(a)\\1$', seeded(1))).toThrow('back-references are not supported')
    expect(() => sampleRegex('^[\\uD800-\\uDFFF]$', seeded(1))).toThrow('allows only surrogates')
  })
})
