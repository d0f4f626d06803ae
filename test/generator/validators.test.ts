/** Schema table: the validators interpreted from the generated table, one constraint kind at a time: accepted and rejected values, exact issues. */
import { beforeAll, describe, expect, it } from 'vitest'

import { type Emitted, loadEmitted, realSpecIR, type Validator } from './emitted.ts'
import { sampleIR } from './sample-ir.ts'

const UUID = '0f1e2d3c-4b5a-4978-8a6b-5c4d3e2f1a0b'

function validMember(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    accountId: '111122223333',
    memberAbilities: ['CAN_QUERY'],
    displayName: 'Example Corp',
    ...overrides,
  }
}

function validCreate(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    members: [validMember()],
    name: 'Ad measurement',
    creatorMemberAbilities: ['CAN_RECEIVE_RESULTS'],
    creatorDisplayName: 'Creator Inc',
    ...overrides,
  }
}

const constraint = (path: string, message: string) => ({ path, message, kind: 'constraint' })
const type = (path: string, message: string) => ({ path, message, kind: 'type' })

let emitted: Emitted
let create: Validator
let listMembers: Validator
let shape: Record<string, Validator>

beforeAll(async () => {
  emitted = loadEmitted(sampleIR)
  create = emitted.validators.validateInput['CreateCollaboration']!
  listMembers = emitted.validators.validateInput['ListMembers']!
  shape = emitted.validators.validateShape
})

describe('emitted validators: accepted values', () => {
  it('accepts a complete, valid input and ignores unknown members', () => {
    expect(create(validCreate())).toEqual([])
    expect(create(validCreate({ somethingNew: { any: 'thing' }, clientToken: 7 }))).toEqual([])
  })

  it('treats null as absent for optional members', () => {
    expect(create(validCreate({ tags: null, isMetricsEnabled: null }))).toEqual([])
  })
})

describe('R-WIRE-5: required members', () => {
  it('reports each missing or null required member at its own path', () => {
    const input = validCreate({ name: undefined, creatorDisplayName: null })
    delete input['name']
    expect(create(input)).toEqual([
      constraint('name', 'Member must not be null'),
      constraint('creatorDisplayName', 'Member must not be null'),
    ])
  })

  it('reports a missing member of a list item with a dotted path', () => {
    const member = validMember()
    delete member['accountId']
    expect(create(validCreate({ members: [validMember(), member] }))).toEqual([
      constraint('members.1.accountId', 'Member must not be null'),
    ])
  })

  it('reports a null list item', () => {
    expect(create(validCreate({ members: [validMember(), null] }))).toEqual([
      constraint('members.1', 'Member must not be null'),
    ])
  })
})

describe('R-WIRE-3: JSON type mismatches are kind "type"', () => {
  it.each([
    [
      'a string where a boolean is modeled',
      { isMetricsEnabled: 'true' },
      type('isMetricsEnabled', 'Member must be of type boolean'),
    ],
    ['an object where a list is modeled', { members: {} }, type('members', 'Member must be of type list')],
    [
      'a list where a structure is modeled',
      { members: [[]] },
      type('members.0', 'Member must be of type object'),
    ],
    ['a number where a string is modeled', { name: 42 }, type('name', 'Member must be of type string')],
    ['a list where a map is modeled', { tags: ['a'] }, type('tags', 'Member must be of type map')],
    ['a number as a map value', { tags: { team: 1 } }, type('tags.team', 'Member must be of type string')],
  ])('%s', (_, overrides, issue) => {
    expect(create(validCreate(overrides))).toEqual([issue])
  })

  it('rejects a non-integer for an integer and a string for a timestamp', () => {
    expect(listMembers({ collaborationIdentifier: UUID, maxResults: 1.5 })).toEqual([
      type('maxResults', 'Member must be of type integer'),
    ])
    expect(
      shape['Membership']!({ id: UUID, arn: membershipArn(), createTime: '1700000000', revision: 2.5 }),
    ).toEqual([
      type('createTime', 'Member must be of type timestamp (epoch seconds)'),
      type('revision', 'Member must be of type integer'),
    ])
  })

  it('reports a body that is not an object at the root', () => {
    expect(create('hello')).toEqual([type('', 'Member must be of type object')])
    expect(create(null)).toEqual([type('', 'Member must be of type object')])
  })
})

describe('R-WIRE-5: string length counts Unicode code points', () => {
  it('checks the minimum and maximum length', () => {
    expect(create(validCreate({ name: '' }))).toContainEqual(
      constraint('name', 'Member must have length greater than or equal to 1'),
    )
    expect(create(validCreate({ name: 'x'.repeat(100) }))).toEqual([])
    expect(create(validCreate({ name: 'x'.repeat(101) }))).toEqual([
      constraint('name', 'Member must have length less than or equal to 100'),
    ])
  })

  it('counts a surrogate pair as one character', () => {
    const emoji = '\u{1F600}' // two UTF-16 code units
    expect(shape['TagValue']!(emoji.repeat(256))).toEqual([])
    expect(shape['TagValue']!(emoji.repeat(257))).toEqual([
      constraint('', 'Member must have length less than or equal to 256'),
    ])
  })

  it('reports both bounds of an exact length', () => {
    expect(shape['AccountId']!('12345678901')).toEqual([
      constraint('', 'Member must have length greater than or equal to 12'),
    ])
    expect(shape['AccountId']!('1234567890123')).toEqual([
      constraint('', 'Member must have length less than or equal to 12'),
    ])
  })

  it('applies a member-level length over the named shape (allOf)', () => {
    const member = validMember({ nickname: 'n'.repeat(21) })
    expect(create(validCreate({ members: [member] }))).toEqual([
      constraint('members.0.nickname', 'Member must have length less than or equal to 20'),
    ])
    expect(create(validCreate({ members: [validMember({ nickname: '   ' })] }))).toContainEqual(
      expect.objectContaining({ path: 'members.0.nickname', kind: 'constraint' }),
    )
  })
})

describe('R-WIRE-5: patterns are the model ECMA regex, without the u flag', () => {
  it('reports the pattern in the message', () => {
    expect(shape['AccountId']!('12345678901a')).toEqual([
      constraint('', 'Member must satisfy regular expression pattern: ^\\d+$'),
    ])
  })

  it('honours the look-ahead: whitespace-only names are rejected, inner spaces are fine', () => {
    const message = `Member must satisfy regular expression pattern: ${sampleIR.schemas['DisplayName']!.pattern}`
    expect(create(validCreate({ name: '   ' }))).toEqual([constraint('name', message)])
    expect(create(validCreate({ name: ' \t ' }))).toEqual([constraint('name', message)])
    expect(create(validCreate({ name: ' a b ' }))).toEqual([])
  })

  it('reads the text class as UTF-16 code units', () => {
    const message = `Member must satisfy regular expression pattern: ${sampleIR.schemas['DisplayName']!.pattern}`
    expect(shape['DisplayName']!('tab\there')).toEqual([])
    expect(shape['DisplayName']!('caf\u00e9 \u4e2d\u6587')).toEqual([])
    expect(shape['DisplayName']!('line\nbreak')).toEqual([constraint('', message)])
    // U+1F600 is D83D DE00: neither unit is in the class, so the emoji fails as it would in AWS's JS reading.
    expect(shape['DisplayName']!('smile \u{1F600}')).toEqual([constraint('', message)])
    // The class lists \uD800 and \uDBFF-\uDC00 one by one: a lone \uD800 passes.
    expect(shape['DisplayName']!('x\uD800')).toEqual([])
  })

  it('checks an inline member pattern (the S3 bucket look-ahead)', () => {
    const s3 = (bucket: string) => ({ s3: { resultFormat: 'CSV', bucket } })
    expect(shape['OutputConfiguration']!(s3('my-results.bucket'))).toEqual([])
    expect(shape['OutputConfiguration']!(s3('192.168.0.1'))).toEqual([
      constraint(
        's3.bucket',
        `Member must satisfy regular expression pattern: ${sampleIR.schemas['S3Output']!.properties!['bucket']!.pattern}`,
      ),
    ])
    expect(shape['OutputConfiguration']!(s3('-bad'))).toHaveLength(1)
  })

  it('reports length and pattern together when both fail', () => {
    expect(shape['AccountId']!('abc')).toEqual([
      constraint('', 'Member must have length greater than or equal to 12'),
      constraint('', 'Member must satisfy regular expression pattern: ^\\d+$'),
    ])
  })
})

describe('R-WIRE-5: ranges', () => {
  it.each([
    [0, [constraint('maxResults', 'Member must have value greater than or equal to 1')]],
    [1, []],
    [100, []],
    [101, [constraint('maxResults', 'Member must have value less than or equal to 100')]],
  ])('maxResults %d', (maxResults, issues) => {
    expect(listMembers({ collaborationIdentifier: UUID, maxResults })).toEqual(issues)
  })

  it('checks a floating-point range', () => {
    const base = { id: UUID, arn: membershipArn(), createTime: 1_700_000_000.5 }
    expect(shape['Membership']!({ ...base, sampleRate: 0.25 })).toEqual([])
    expect(shape['Membership']!({ ...base, sampleRate: 1.5 })).toEqual([
      constraint('sampleRate', 'Member must have value less than or equal to 1'),
    ])
  })
})

describe('R-WIRE-5: enums', () => {
  it('reports the value set in model order', () => {
    expect(create(validCreate({ creatorMemberAbilities: ['CAN_QUERY', 'CAN_FLY'] }))).toEqual([
      constraint(
        'creatorMemberAbilities.1',
        'Member must satisfy enum value set: [CAN_QUERY, CAN_RECEIVE_RESULTS, CAN_RUN_JOB]',
      ),
    ])
  })

  it('is case-sensitive', () => {
    expect(shape['ResultFormat']!('csv')).toEqual([
      constraint('', 'Member must satisfy enum value set: [CSV, PARQUET]'),
    ])
  })
})

describe('R-WIRE-5: @uniqueItems', () => {
  it('rejects duplicates once, at the list', () => {
    const member = validMember({ memberAbilities: ['CAN_QUERY', 'CAN_RUN_JOB', 'CAN_QUERY', 'CAN_QUERY'] })
    expect(create(validCreate({ members: [member] }))).toEqual([
      constraint('members.0.memberAbilities', 'Member must contain unique items'),
    ])
  })

  it('accepts distinct items and an empty list', () => {
    expect(shape['MemberAbilities']!(['CAN_QUERY', 'CAN_RECEIVE_RESULTS', 'CAN_RUN_JOB'])).toEqual([])
    expect(shape['MemberAbilities']!([])).toEqual([])
  })

  it('finds a duplicate in a long list', () => {
    const long = Array.from({ length: 40 }, (_, index) => `X${index}`)
    const issues = shape['MemberAbilities']!([...long, 'X3'])
    expect(issues).toContainEqual(constraint('', 'Member must contain unique items'))
  })
})

describe('R-WIRE-5: unions have exactly one member set', () => {
  const message = 'Member must have exactly one member set'

  it('accepts one member and reports none or two', () => {
    expect(shape['OutputConfiguration']!({ s3: { resultFormat: 'CSV', bucket: 'abc' } })).toEqual([])
    expect(shape['OutputConfiguration']!({})).toEqual([constraint('', message)])
    expect(
      shape['OutputConfiguration']!({
        s3: { resultFormat: 'CSV', bucket: 'abc' },
        local: { roleArn: 'arn:aws:iam::111122223333:role/ResultsRole' },
      }),
    ).toEqual([constraint('', message)])
  })

  it('counts a null member as not set and still checks the member that is set', () => {
    expect(shape['OutputConfiguration']!({ s3: null, local: { roleArn: 'short' } })).toEqual([
      constraint('local.roleArn', 'Member must have length greater than or equal to 32'),
      constraint(
        'local.roleArn',
        `Member must satisfy regular expression pattern: ${sampleIR.schemas['RoleArn']!.pattern}`,
      ),
    ])
  })
})

describe('R-WIRE-5: lists and maps within size', () => {
  it('checks list length', () => {
    const members = Array.from({ length: 10 }, () => validMember())
    expect(create(validCreate({ members }))).toEqual([
      constraint('members', 'Member must have length less than or equal to 9'),
    ])
    expect(create(validCreate({ members: [] }))).toEqual([])
  })

  it('checks map size, map values at tags.<key>, and map keys at the map', () => {
    const tags = Object.fromEntries(Array.from({ length: 201 }, (_, index) => [`key${index}`, 'v']))
    expect(create(validCreate({ tags }))).toEqual([
      constraint('tags', 'Member must have length less than or equal to 200'),
    ])
    expect(create(validCreate({ tags: { team: 'v'.repeat(257) } }))).toEqual([
      constraint('tags.team', 'Member must have length less than or equal to 256'),
    ])
    expect(create(validCreate({ tags: { '': 'empty key' } }))).toEqual([
      constraint(
        'tags',
        'Map keys must satisfy constraint: [Member must have length greater than or equal to 1]',
      ),
    ])
  })

  it('keeps a "__proto__" key an ordinary map entry', () => {
    const tags = JSON.parse('{"__proto__": 5}') as unknown
    expect(create(validCreate({ tags }))).toEqual([type('tags.__proto__', 'Member must be of type string')])
  })
})

describe('R-WIRE-5: every violation is reported, not only the first', () => {
  it('reports all issues of a bad request, in member order', () => {
    const input = {
      members: [validMember({ accountId: '1234', memberAbilities: ['CAN_QUERY', 'CAN_QUERY'] })],
      name: '',
      creatorMemberAbilities: ['NOPE'],
      isMetricsEnabled: 'yes',
    }
    expect(create(input)).toEqual([
      constraint('members.0.accountId', 'Member must have length greater than or equal to 12'),
      constraint('members.0.memberAbilities', 'Member must contain unique items'),
      constraint('name', 'Member must have length greater than or equal to 1'),
      constraint(
        'name',
        `Member must satisfy regular expression pattern: ${sampleIR.schemas['DisplayName']!.pattern}`,
      ),
      constraint(
        'creatorMemberAbilities.0',
        'Member must satisfy enum value set: [CAN_QUERY, CAN_RECEIVE_RESULTS, CAN_RUN_JOB]',
      ),
      constraint('creatorDisplayName', 'Member must not be null'),
      type('isMetricsEnabled', 'Member must be of type boolean'),
    ])
  })

  it('starts each call with a clean path, even after a call that reported issues', () => {
    create(validCreate({ members: [validMember({ accountId: 'x' })] }))
    expect(listMembers({ collaborationIdentifier: 'nope' })[0]?.path).toBe('collaborationIdentifier')
  })
})

describe('validateInput covers labels and query members by member name', () => {
  it('validates the path label and the query members of ListMembers', () => {
    expect(listMembers({ collaborationIdentifier: UUID, nextToken: 'abc', maxResults: 10 })).toEqual([])
    expect(listMembers({ nextToken: 't'.repeat(10241) })).toEqual([
      constraint('collaborationIdentifier', 'Member must not be null'),
      constraint('nextToken', 'Member must have length less than or equal to 10240'),
    ])
  })

  it('has one validator per operation and one per named schema', () => {
    expect(Object.keys(emitted.validators.validateInput)).toEqual(['CreateCollaboration', 'ListMembers'])
    expect(Object.keys(shape).sort()).toEqual(Object.keys(sampleIR.schemas).sort())
  })
})

describe('against the committed spec', () => {
  let real: Emitted
  beforeAll(async () => {
    real = loadEmitted(await realSpecIR())
  })

  it('R-WIRE-5: rejects a CreateMembership with a bad identifier and a missing log status', () => {
    const issues = real.validators.validateInput['CreateMembership']!({
      collaborationIdentifier: UUID.toUpperCase(),
    })
    expect(issues).toEqual([
      constraint(
        'collaborationIdentifier',
        'Member must satisfy regular expression pattern: ^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$',
      ),
      constraint('queryLogStatus', 'Member must not be null'),
    ])
  })

  it('R-WIRE-5: checks the union inside UpdateMembership and the label', () => {
    const issues = real.validators.validateInput['UpdateMembership']!({
      membershipIdentifier: UUID,
      defaultResultConfiguration: { outputConfiguration: {} },
    })
    expect(issues).toEqual([
      constraint('defaultResultConfiguration.outputConfiguration', 'Member must have exactly one member set'),
    ])
  })

  it('has a validator for each of the six operations and every named schema', async () => {
    const ir = await realSpecIR()
    expect(Object.keys(real.validators.validateInput)).toEqual(
      ir.operations.map((operation) => operation.name),
    )
    expect(Object.keys(real.validators.validateShape).sort()).toEqual(Object.keys(ir.schemas).sort())
  })
})

function membershipArn(): string {
  return `arn:aws:cleanrooms:us-east-1:111122223333:membership/${UUID}`
}
