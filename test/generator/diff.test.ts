/** Tests of `cleanrooms-mock diff`: each change kind and its classification, then the real AWS model pairs. */
import { existsSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { runCli } from '../../cli/index.ts'
import type { Breaking } from '../../generator/diff/classify.ts'
import { diffFiles } from '../../generator/diff/diff-files.ts'
import {
  type ConstraintChange,
  diffSpecs,
  type MemberChange,
  type OperationDiff,
  type SpecDiff,
} from '../../generator/diff/diff-specs.ts'
import { patternDirection } from '../../generator/diff/pattern-direction.ts'
import type { SmithyShape } from '../../generator/import/smithy-to-service-model.ts'
import type { OpenApiDocument } from '../../generator/import/to-open-api.ts'
import { importModelJson } from '../../generator/import/write-spec.ts'
import { referenceDir, titleFor } from '../support/reference.ts'
import { type FragmentParts, member as m, SOURCE, smithyFragment } from './smithy-fragment.ts'

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
const boto20230830 = path.join(referenceDir, 'botocore-service-2.2023-08-30.json')
const boto20231114 = path.join(referenceDir, 'botocore-service-2.2023-11-14.json')
const smithy20260417 = path.join(referenceDir, 'cleanrooms-2022-02-17.smithy.json')
const boto20260727 = path.join(referenceDir, 'botocore-service-2.json')

const NONE: Breaking = { client: false, mock: false }
const CLIENT: Breaking = { client: true, mock: false }
const MOCK: Breaking = { client: false, mock: true }
const BOTH: Breaking = { client: true, mock: true }

const req = { 'smithy.api#required': {} }
const HTTP = { 'smithy.api#http': { method: 'POST', uri: '/things', code: 200 } }

/** A spec of one operation `Op`, imported from a Smithy fragment. */
function spec(parts: FragmentParts): OpenApiDocument {
  return importModelJson(smithyFragment(parts), SOURCE, { operations: ['Op'] })
}

const stringShape = (traits: Record<string, unknown> = {}): SmithyShape => ({ type: 'string', traits })
const enumShape = (...values: string[]): SmithyShape => ({
  type: 'enum',
  members: Object.fromEntries(values.map((v) => [v, m('smithy.api#Unit', { 'smithy.api#enumValue': v })])),
})
const pay: Record<string, SmithyShape> = {
  'ex#Pay': { type: 'structure', members: { queryCompute: m('ex#Query', req) } },
  'ex#Query': { type: 'structure', members: { isResponsible: m('smithy.api#Boolean', req) } },
}

/** The whole diff of one changed operation, with empty parts filled in. */
function only(op: Partial<OperationDiff> & { breaking: Breaking }): SpecDiff {
  const side = { added: [], removed: [], changed: [], constraints: [] }
  return {
    summary: { operations: 1, updated: 1, breaking: op.breaking },
    notes: [],
    operations: [{ name: 'Op', status: 'changed', operation: [], request: side, response: side, ...op }],
    types: NO_TYPE_CHANGE,
    documentation: [],
  }
}

/** The `types` part of a diff whose schemas kept their names. */
const NO_TYPE_CHANGE = { added: [], removed: [], renamed: [], breaking: { client: false, mock: false } }
const constraint = (c: Omit<ConstraintChange, 'breaking'>, breaking: Breaking): ConstraintChange => ({
  ...c,
  breaking,
})
const sideWith = (part: Partial<OperationDiff['request']>) => ({
  added: [],
  removed: [],
  changed: [],
  constraints: [],
  ...part,
})

interface Case {
  change: string
  before: OpenApiDocument
  after: OpenApiDocument
  expected: SpecDiff
}

const ID = '[0-9a-f]{4}'
const cases: Case[] = [
  {
    change: 'request: optional member added → breaks a mock (it must now act on it), not a client',
    before: spec({}),
    after: spec({ input: { payment: m('ex#Pay') }, shapes: pay }),
    expected: only({
      request: sideWith({
        added: [
          {
            path: 'payment',
            type: 'Pay',
            required: false,
            breaking: MOCK,
            members: [
              {
                path: 'payment.queryCompute',
                type: 'Query',
                required: true,
                members: [{ path: 'payment.queryCompute.isResponsible', type: 'boolean', required: true }],
              },
            ],
          },
        ],
      }),
      breaking: MOCK,
    }),
  },
  {
    change: 'request: required member added → breaks clients (they do not send it) and mocks',
    before: spec({}),
    after: spec({ input: { name: m('smithy.api#String', req) } }),
    expected: only({
      request: sideWith({ added: [{ path: 'name', type: 'string', required: true, breaking: BOTH }] }),
      breaking: BOTH,
    }),
  },
  {
    change: 'request: optional member removed → breaks clients (their value is ignored), not a mock',
    before: spec({ input: { name: m('smithy.api#String') } }),
    after: spec({}),
    expected: only({
      request: sideWith({ removed: [{ path: 'name', type: 'string', required: false, breaking: CLIENT }] }),
      breaking: CLIENT,
    }),
  },
  {
    change: 'request: required member removed → also breaks a mock that still requires it',
    before: spec({ input: { name: m('smithy.api#String', req) } }),
    after: spec({}),
    expected: only({
      request: sideWith({ removed: [{ path: 'name', type: 'string', required: true, breaking: BOTH }] }),
      breaking: BOTH,
    }),
  },
  {
    change: 'response: required member added → breaks a mock (its answers lack it), not a client',
    before: spec({}),
    after: spec({
      output: { items: m('ex#Names', req) },
      shapes: { 'ex#Names': { type: 'list', member: m('ex#Name') }, 'ex#Name': stringShape() },
    }),
    expected: only({
      response: sideWith({ added: [{ path: 'items', type: 'string[]', required: true, breaking: MOCK }] }),
      breaking: MOCK,
    }),
  },
  {
    change: 'response: optional member added → breaks nobody, but the operation still counts as updated',
    before: spec({}),
    after: spec({ output: { note: m('smithy.api#String') } }),
    expected: only({
      response: sideWith({ added: [{ path: 'note', type: 'string', required: false, breaking: NONE }] }),
      breaking: NONE,
    }),
  },
  {
    change: 'response: required member removed → breaks clients that rely on it',
    before: spec({ output: { id: m('smithy.api#String', req) } }),
    after: spec({}),
    expected: only({
      response: sideWith({ removed: [{ path: 'id', type: 'string', required: true, breaking: CLIENT }] }),
      breaking: CLIENT,
    }),
  },
  {
    change: 'request: required → optional is loosened → breaks a mock; optional → required breaks clients',
    before: spec({ input: { a: m('smithy.api#String', req), b: m('smithy.api#String') } }),
    after: spec({ input: { a: m('smithy.api#String'), b: m('smithy.api#String', req) } }),
    expected: only({
      request: sideWith({
        constraints: [
          constraint({ path: 'a', kind: 'required', from: true, to: false, direction: 'loosened' }, MOCK),
          constraint({ path: 'b', kind: 'required', from: false, to: true, direction: 'tightened' }, CLIENT),
        ],
      }),
      breaking: BOTH,
    }),
  },
  {
    change: 'response: required → optional breaks clients; optional → required breaks a mock',
    before: spec({ output: { a: m('smithy.api#String', req), b: m('smithy.api#String') } }),
    after: spec({ output: { a: m('smithy.api#String'), b: m('smithy.api#String', req) } }),
    expected: only({
      response: sideWith({
        constraints: [
          constraint({ path: 'a', kind: 'required', from: true, to: false, direction: 'loosened' }, CLIENT),
          constraint({ path: 'b', kind: 'required', from: false, to: true, direction: 'tightened' }, MOCK),
        ],
      }),
      breaking: BOTH,
    }),
  },
  {
    change: 'pattern anchored: tightened (request → clients, response → a mock)',
    before: spec({
      input: { id: m('ex#Id') },
      output: { id: m('ex#Id') },
      shapes: { 'ex#Id': stringShape({ 'smithy.api#pattern': ID }) },
    }),
    after: spec({
      input: { id: m('ex#Id') },
      output: { id: m('ex#Id') },
      shapes: { 'ex#Id': stringShape({ 'smithy.api#pattern': `^${ID}$` }) },
    }),
    expected: only({
      request: sideWith({
        constraints: [
          constraint(
            { path: 'id', kind: 'pattern', from: ID, to: `^${ID}$`, direction: 'tightened' },
            CLIENT,
          ),
        ],
      }),
      response: sideWith({
        constraints: [
          constraint({ path: 'id', kind: 'pattern', from: ID, to: `^${ID}$`, direction: 'tightened' }, MOCK),
        ],
      }),
      breaking: BOTH,
    }),
  },
  {
    change: 'pattern rewritten (direction unknown) → breaks both',
    before: spec({
      input: { d: m('ex#D') },
      shapes: { 'ex#D': stringShape({ 'smithy.api#pattern': '^(?!\\s*$).*$' }) },
    }),
    after: spec({
      input: { d: m('ex#D') },
      shapes: { 'ex#D': stringShape({ 'smithy.api#pattern': '^(?!\\s+$).*$' }) },
    }),
    expected: only({
      request: sideWith({
        constraints: [
          constraint(
            { path: 'd', kind: 'pattern', from: '^(?!\\s*$).*$', to: '^(?!\\s+$).*$', direction: 'changed' },
            BOTH,
          ),
        ],
      }),
      breaking: BOTH,
    }),
  },
  {
    change: 'length: min raised is tightened (request → clients); max removed is loosened (→ a mock)',
    before: spec({
      input: { a: m('ex#A'), b: m('ex#B') },
      shapes: {
        'ex#A': stringShape({ 'smithy.api#length': { min: 1, max: 10 } }),
        'ex#B': { type: 'list', member: m('smithy.api#String'), traits: { 'smithy.api#length': { max: 9 } } },
      },
    }),
    after: spec({
      input: { a: m('ex#A'), b: m('ex#B') },
      shapes: {
        'ex#A': stringShape({ 'smithy.api#length': { min: 2, max: 10 } }),
        'ex#B': { type: 'list', member: m('smithy.api#String') },
      },
    }),
    expected: only({
      request: sideWith({
        constraints: [
          constraint(
            {
              path: 'a',
              kind: 'length',
              from: { min: 1, max: 10 },
              to: { min: 2, max: 10 },
              direction: 'tightened',
            },
            CLIENT,
          ),
          constraint(
            {
              path: 'b',
              kind: 'length',
              from: { min: 0, max: 9 },
              to: { min: 0, max: null },
              direction: 'loosened',
            },
            MOCK,
          ),
        ],
      }),
      breaking: BOTH,
    }),
  },
  {
    change: 'length: an explicit min 0 equals no min (botocore cannot tell them apart)',
    before: spec({
      input: { a: m('ex#A') },
      shapes: { 'ex#A': stringShape({ 'smithy.api#length': { min: 0, max: 5 } }) },
    }),
    after: spec({
      input: { a: m('ex#A') },
      shapes: { 'ex#A': stringShape({ 'smithy.api#length': { max: 5 } }) },
    }),
    expected: {
      summary: { operations: 1, updated: 0, breaking: NONE },
      notes: [],
      operations: [],
      types: NO_TYPE_CHANGE,
      documentation: [],
    },
  },
  {
    change: 'range: narrower in a response → breaks a mock (it may produce values now out of range)',
    before: spec({
      output: { n: m('ex#N') },
      shapes: { 'ex#N': { type: 'integer', traits: { 'smithy.api#range': { min: 1, max: 100 } } } },
    }),
    after: spec({
      output: { n: m('ex#N') },
      shapes: { 'ex#N': { type: 'integer', traits: { 'smithy.api#range': { min: 1, max: 50 } } } },
    }),
    expected: only({
      response: sideWith({
        constraints: [
          constraint(
            {
              path: 'n',
              kind: 'range',
              from: { min: 1, max: 100 },
              to: { min: 1, max: 50 },
              direction: 'tightened',
            },
            MOCK,
          ),
        ],
      }),
      breaking: MOCK,
    }),
  },
  {
    change: 'enum: a value added loosens (request → a mock rejects it; response → clients do not expect it)',
    before: spec({
      input: { abilities: m('ex#Abilities') },
      output: { status: m('ex#Ability') },
      shapes: {
        'ex#Abilities': { type: 'list', member: m('ex#Ability') },
        'ex#Ability': enumShape('CAN_QUERY'),
      },
    }),
    after: spec({
      input: { abilities: m('ex#Abilities') },
      output: { status: m('ex#Ability') },
      shapes: {
        'ex#Abilities': { type: 'list', member: m('ex#Ability') },
        'ex#Ability': enumShape('CAN_QUERY', 'CAN_RUN_JOB'),
      },
    }),
    expected: only({
      request: sideWith({
        constraints: [
          constraint(
            {
              path: 'abilities[]',
              kind: 'enum',
              from: ['CAN_QUERY'],
              to: ['CAN_QUERY', 'CAN_RUN_JOB'],
              direction: 'loosened',
            },
            MOCK,
          ),
        ],
      }),
      response: sideWith({
        constraints: [
          constraint(
            {
              path: 'status',
              kind: 'enum',
              from: ['CAN_QUERY'],
              to: ['CAN_QUERY', 'CAN_RUN_JOB'],
              direction: 'loosened',
            },
            CLIENT,
          ),
        ],
      }),
      breaking: BOTH,
    }),
  },
  {
    change: 'enum: a value removed from a request tightens it → breaks clients',
    before: spec({ input: { s: m('ex#S') }, shapes: { 'ex#S': enumShape('A', 'B') } }),
    after: spec({ input: { s: m('ex#S') }, shapes: { 'ex#S': enumShape('A') } }),
    expected: only({
      request: sideWith({
        constraints: [
          constraint(
            { path: 's', kind: 'enum', from: ['A', 'B'], to: ['A'], direction: 'tightened' },
            CLIENT,
          ),
        ],
      }),
      breaking: CLIENT,
    }),
  },
  {
    change: 'uniqueItems added to a request list (both sides Smithy) → breaks clients',
    before: spec({
      input: { l: m('ex#L') },
      shapes: { 'ex#L': { type: 'list', member: m('smithy.api#String') } },
    }),
    after: spec({
      input: { l: m('ex#L') },
      shapes: {
        'ex#L': { type: 'list', member: m('smithy.api#String'), traits: { 'smithy.api#uniqueItems': {} } },
      },
    }),
    expected: only({
      request: sideWith({
        constraints: [
          constraint(
            { path: 'l', kind: 'uniqueItems', from: false, to: true, direction: 'tightened' },
            CLIENT,
          ),
        ],
      }),
      breaking: CLIENT,
    }),
  },
  {
    change: 'type changed (string → structure) → breaks both; its new members are listed as added',
    before: spec({ input: { payment: m('smithy.api#String') } }),
    after: spec({ input: { payment: m('ex#Pay') }, shapes: pay }),
    expected: only({
      request: sideWith({
        added: [
          {
            path: 'payment.queryCompute',
            type: 'Query',
            required: true,
            breaking: BOTH,
            members: [{ path: 'payment.queryCompute.isResponsible', type: 'boolean', required: true }],
          },
        ],
        changed: [{ path: 'payment', from: 'string', to: 'Pay', breaking: BOTH }],
      }),
      breaking: BOTH,
    }),
  },
  {
    change: 'location changed (body → query) → breaks both',
    before: spec({ input: { status: m('smithy.api#String') } }),
    after: spec({ input: { status: m('smithy.api#String', { 'smithy.api#httpQuery': 'status' }) } }),
    expected: only({
      request: sideWith({
        constraints: [
          constraint(
            { path: 'status', kind: 'location', from: 'body', to: 'query', direction: 'changed' },
            BOTH,
          ),
        ],
      }),
      breaking: BOTH,
    }),
  },
]

const errorShape = (status: number): SmithyShape => ({
  type: 'structure',
  members: { message: m('smithy.api#String') },
  traits: { 'smithy.api#error': 'client', 'smithy.api#httpError': status },
})
const errors = { 'ex#Gone': errorShape(404), 'ex#Busy': errorShape(429) }

const operationCases: Case[] = [
  {
    change: 'a declared error added breaks nobody; one removed breaks a mock that may still return it',
    before: spec({ op: { traits: HTTP, errors: [{ target: 'ex#Gone' }] }, shapes: errors }),
    after: spec({ op: { traits: HTTP, errors: [{ target: 'ex#Busy' }] }, shapes: errors }),
    expected: only({
      operation: [{ kind: 'errors', from: ['Gone'], to: ['Busy'], breaking: MOCK }],
      breaking: MOCK,
    }),
  },
  {
    change: 'HTTP binding changed → breaks both',
    before: spec({}),
    after: spec({ op: { traits: { 'smithy.api#http': { method: 'PUT', uri: '/things', code: 200 } } } }),
    expected: only({
      operation: [{ kind: 'http', from: 'POST /things → 200', to: 'PUT /things → 200', breaking: BOTH }],
      breaking: BOTH,
    }),
  },
  {
    change: 'pagination added → breaks a mock that does not page',
    before: spec({}),
    after: spec({
      op: { traits: { ...HTTP, 'smithy.api#paginated': { inputToken: 't', outputToken: 't' } } },
    }),
    expected: only({
      operation: [
        { kind: 'pagination', from: null, to: { inputToken: 't', outputToken: 't' }, breaking: MOCK },
      ],
      breaking: MOCK,
    }),
  },
]

describe('diffSpecs: one fragment per change kind, the whole result', () => {
  for (const c of [...cases, ...operationCases]) {
    it(c.change, () => {
      // The fragments name their shapes freely; the exported type names have their own tests below.
      const { types: _types, ...diff } = diffSpecs(c.before, c.after)
      const { types: _expectedTypes, ...expected } = c.expected
      expect(diff).toEqual(expected)
    })
  }

  it('an operation added breaks a mock, removed breaks clients; their members are not listed', () => {
    const one = spec({ input: { a: m('smithy.api#String') } })
    const none = { ...one, paths: {}, info: { ...one.info, 'x-operations': [] } }
    const added = diffSpecs(none, one)
    expect(added.operations.map((op) => [op.name, op.status, op.breaking, op.request.added])).toEqual([
      ['Op', 'added', MOCK, []],
    ])
    expect(diffSpecs(one, none).operations.map((op) => [op.status, op.breaking])).toEqual([
      ['removed', CLIENT],
    ])
  })

  it('R-MODEL-3: uniqueItems lost by a botocore side is a loosened request constraint, a mock-side break, and the result says why', () => {
    const before = spec({
      input: { l: m('ex#L') },
      shapes: {
        'ex#L': { type: 'list', member: m('smithy.api#String'), traits: { 'smithy.api#uniqueItems': {} } },
      },
    })
    const after = structuredClone(
      spec({ input: { l: m('ex#L') }, shapes: { 'ex#L': { type: 'list', member: m('smithy.api#String') } } }),
    )
    after.info['x-source-model'] = { format: 'botocore', modelDate: '2026-07-27' }
    const lost = constraint(
      { path: 'l', kind: 'uniqueItems', from: true, to: false, direction: 'loosened' },
      MOCK,
    )
    expect(diffSpecs(before, after)).toEqual({
      ...only({ request: sideWith({ constraints: [lost] }), breaking: MOCK }),
      notes: [
        '2026-07-27 is a botocore model without carried-over @uniqueItems (R-MODEL-3): its lists accept duplicates, ' +
          'so every list that had the trait shows it lost; import it with --unique-items-from <smithy model> to keep ' +
          'them (docs/decisions/0004)',
      ],
    })
    // Carried over (import-model --unique-items-from), the lists keep the trait and nothing is reported.
    const carried = structuredClone(before)
    carried.info['x-source-model'] = {
      format: 'botocore',
      modelDate: '2026-07-27',
      uniqueItemsFrom: { shapes: ['L'] },
    }
    expect(diffSpecs(before, carried).operations).toEqual([])
    expect(diffSpecs(before, carried).notes).toEqual([])
  })
})

describe('patternDirection', () => {
  it.each([
    [undefined, '^a$', 'tightened'],
    ['^a$', undefined, 'loosened'],
    ['a+', '^a+$', 'tightened'],
    ['^a+$', 'a+', 'loosened'],
    ['^[\\w+=,./@-]+$', '^[\\w+=./@-]+$', 'tightened'],
    ['^[\\w+=./@-]+$', '^[\\w+=,./@-]+$', 'loosened'],
    ['^[^,]+$', '^[^,;]+$', 'tightened'],
    ['^(?!\\s*$).*$', '^(?!\\s+$).*$', 'changed'],
    ['^ab$', '^b$', 'changed'],
    // Beside a `-` or after a `\`, a character is part of a range or an escape, not a member of its own.
    ['^[a-c]$', '^[a-]$', 'changed'],
    ['^[ab-d]$', '^[a-d]$', 'changed'],
    ['^[\\w]$', '^[\\]$', 'changed'],
    ['^[\\\\w]$', '^[\\\\]$', 'tightened'],
  ] as const)('%s → %s: %s', (from, to, expected) => {
    expect(patternDirection(from, to)).toBe(expected)
  })
})

/** Helpers to write the expected results of the real model pairs compactly. */
const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}'
const anchoredId = (p: string, side: 'request' | 'response'): ConstraintChange =>
  constraint(
    { path: p, kind: 'pattern', from: UUID, to: `^${UUID}$`, direction: 'tightened' },
    side === 'request' ? CLIENT : MOCK,
  )
const ROLE_ARN_BEFORE = '^arn:aws:iam::[\\w]+:role/[\\w+=,./@-]+$'
const ROLE_ARN_AFTER = '^arn:aws:iam::[\\w]+:role/[\\w+=./@-]+$'
const roleArn = (p: string, side: 'request' | 'response'): ConstraintChange =>
  constraint(
    { path: p, kind: 'pattern', from: ROLE_ARN_BEFORE, to: ROLE_ARN_AFTER, direction: 'tightened' },
    side === 'request' ? CLIENT : MOCK,
  )
/** `<p>: <type>` holding `queryCompute: <query>` holding `isResponsible: boolean`, as the 2023-11-14 release added it. */
const payment = (
  p: string,
  type: string,
  query: string,
  required: boolean,
  breaking: Breaking,
): MemberChange => ({
  path: p,
  type,
  required,
  breaking,
  members: [
    {
      path: `${p}.queryCompute`,
      type: query,
      required: true,
      members: [{ path: `${p}.queryCompute.isResponsible`, type: 'boolean', required: true }],
    },
  ],
})
const membershipPayment = (p: string) =>
  payment(p, 'MembershipPaymentConfiguration', 'MembershipQueryComputePaymentConfig', true, MOCK)
const membershipIds = [
  anchoredId('membership.id', 'response'),
  anchoredId('membership.collaborationId', 'response'),
]
const NO_PAGINATORS = (file: string) =>
  `${file}: no paginators-1.json beside this botocore model, so it has no pagination`
const UNIQUE_NOTE = (file: string) =>
  `undated ${path.basename(file)} is a botocore model without carried-over @uniqueItems (R-MODEL-3): its lists ` +
  'accept duplicates, so every list that had the trait shows it lost; import it with --unique-items-from ' +
  '<smithy model> to keep them (docs/decisions/0004)'
const unchangedTypes = (added: string[]) => ({ added, removed: [], renamed: [], breaking: NONE })

describe.skipIf(![boto20230830, boto20231114].every((f) => existsSync(f)))(
  titleFor('botocore 2023-08-30 → 2023-11-14, the payment configuration release', boto20230830, boto20231114),
  () => {
    it('reports every operation, exactly the payment members added with their leaf types, and the pattern changes', async () => {
      const report = await diffFiles(boto20230830, boto20231114)
      expect(report).toEqual({
        from: { file: boto20230830, format: 'botocore', paginators: null },
        to: { file: boto20231114, format: 'botocore', paginators: null },
        summary: { operations: 6, updated: 6, breaking: BOTH },
        notes: [
          UNIQUE_NOTE(boto20230830),
          UNIQUE_NOTE(boto20231114),
          NO_PAGINATORS(boto20230830),
          NO_PAGINATORS(boto20231114),
        ],
        types: unchangedTypes([
          'MembershipPaymentConfiguration',
          'MembershipQueryComputePaymentConfig',
          'PaymentConfiguration',
          'QueryComputePaymentConfig',
        ]),
        documentation: [],
        operations: [
          {
            name: 'CreateCollaboration',
            status: 'changed',
            operation: [],
            request: sideWith({
              added: [
                payment(
                  'members[].paymentConfiguration',
                  'PaymentConfiguration',
                  'QueryComputePaymentConfig',
                  false,
                  MOCK,
                ),
                payment(
                  'creatorPaymentConfiguration',
                  'PaymentConfiguration',
                  'QueryComputePaymentConfig',
                  false,
                  MOCK,
                ),
              ],
            }),
            response: sideWith({
              constraints: [
                anchoredId('collaboration.id', 'response'),
                anchoredId('collaboration.membershipId', 'response'),
              ],
            }),
            breaking: MOCK,
          },
          {
            name: 'CreateMembership',
            status: 'changed',
            operation: [],
            request: sideWith({
              added: [
                payment(
                  'paymentConfiguration',
                  'MembershipPaymentConfiguration',
                  'MembershipQueryComputePaymentConfig',
                  false,
                  MOCK,
                ),
              ],
              constraints: [
                anchoredId('collaborationIdentifier', 'request'),
                roleArn('defaultResultConfiguration.roleArn', 'request'),
              ],
            }),
            response: sideWith({
              added: [membershipPayment('membership.paymentConfiguration')],
              constraints: [
                ...membershipIds,
                roleArn('membership.defaultResultConfiguration.roleArn', 'response'),
              ],
            }),
            breaking: BOTH,
          },
          {
            name: 'GetMembership',
            status: 'changed',
            operation: [],
            request: sideWith({ constraints: [anchoredId('membershipIdentifier', 'request')] }),
            response: sideWith({
              added: [membershipPayment('membership.paymentConfiguration')],
              constraints: [
                ...membershipIds,
                roleArn('membership.defaultResultConfiguration.roleArn', 'response'),
              ],
            }),
            breaking: BOTH,
          },
          {
            name: 'ListMembers',
            status: 'changed',
            operation: [],
            request: sideWith({ constraints: [anchoredId('collaborationIdentifier', 'request')] }),
            response: sideWith({
              added: [
                payment(
                  'memberSummaries[].paymentConfiguration',
                  'PaymentConfiguration',
                  'QueryComputePaymentConfig',
                  true,
                  MOCK,
                ),
              ],
              constraints: [anchoredId('memberSummaries[].membershipId', 'response')],
            }),
            breaking: BOTH,
          },
          {
            name: 'ListMemberships',
            status: 'changed',
            operation: [],
            request: sideWith({}),
            response: sideWith({
              added: [membershipPayment('membershipSummaries[].paymentConfiguration')],
              constraints: [
                anchoredId('membershipSummaries[].id', 'response'),
                anchoredId('membershipSummaries[].collaborationId', 'response'),
              ],
            }),
            breaking: MOCK,
          },
          {
            name: 'UpdateMembership',
            status: 'changed',
            operation: [],
            request: sideWith({
              constraints: [
                anchoredId('membershipIdentifier', 'request'),
                roleArn('defaultResultConfiguration.roleArn', 'request'),
              ],
            }),
            response: sideWith({
              added: [membershipPayment('membership.paymentConfiguration')],
              constraints: [
                ...membershipIds,
                roleArn('membership.defaultResultConfiguration.roleArn', 'response'),
              ],
            }),
            breaking: BOTH,
          },
        ],
      })
    })
  },
)

const DESCRIPTION_BEFORE =
  '^(?!\\s*$)[\\u0020-\\uD7FF\\uE000-\\uFFFD\\uD800\\uDBFF-\\uDC00\\uDFFF\\t\\r\\n]*$'
const DESCRIPTION_AFTER = '^(?!\\s+$)[\\u0020-\\uD7FF\\uE000-\\uFFFD\\uD800\\uDBFF-\\uDC00\\uDFFF\\t\\r\\n]*$'
/** CustomMLMemberAbilities loses its min 1 (2026-06-30): loosened. */
const customMl = (p: string, side: 'request' | 'response'): ConstraintChange =>
  constraint(
    {
      path: p,
      kind: 'length',
      from: { min: 1, max: null },
      to: { min: 0, max: null },
      direction: 'loosened',
    },
    side === 'request' ? MOCK : CLIENT,
  )
const isResponsible = (p: string) => ({ path: `${p}.isResponsible`, type: 'boolean', required: true })

describe.skipIf(![smithy20260417, boto20260727].every((f) => existsSync(f)))(
  titleFor('Smithy 2026-04-17 → botocore 2026-07-27', smithy20260417, boto20260727),
  () => {
    it('reports the changes cleanrooms-api.md §0 lists for 2026-05-21 and 2026-06-30, and nothing else', async () => {
      const full = await diffFiles(smithy20260417, boto20260727)
      // The @uniqueItems botocore lost (R-MODEL-3) are asserted on their own, below.
      const lostUnique = full.operations.flatMap((op) =>
        (['request', 'response'] as const).flatMap((side) =>
          op[side].constraints.filter((c) => c.kind === 'uniqueItems').map((c) => ({ side, ...c })),
        ),
      )
      const report = {
        ...full,
        operations: full.operations.map((op) => ({
          ...op,
          request: {
            ...op.request,
            constraints: op.request.constraints.filter((c) => c.kind !== 'uniqueItems'),
          },
          response: {
            ...op.response,
            constraints: op.response.constraints.filter((c) => c.kind !== 'uniqueItems'),
          },
        })),
      }
      expect(lostUnique.length).toBe(18)
      for (const c of lostUnique) {
        expect(c).toMatchObject({ from: true, to: false, direction: 'loosened' })
        expect(c.breaking).toEqual(c.side === 'request' ? MOCK : CLIENT)
      }
      expect(lostUnique.filter((c) => c.side === 'request').map((c) => c.path)).toEqual([
        'members[].memberAbilities',
        'members[].mlMemberAbilities.customMLMemberAbilities',
        'creatorMemberAbilities',
        'creatorMLMemberAbilities.customMLMemberAbilities',
        'autoApprovedChangeRequestTypes',
        'allowedResultRegions',
      ])
      const update = 'membershipPaymentConfiguration'
      expect(report).toEqual({
        from: { file: smithy20260417, format: 'smithy' },
        to: {
          file: boto20260727,
          format: 'botocore',
          paginators: path.join(referenceDir, 'botocore-paginators-1.json'),
        },
        summary: { operations: 6, updated: 6, breaking: BOTH },
        notes: [UNIQUE_NOTE(boto20260727)],
        types: unchangedTypes(['UpdateMembershipPaymentConfiguration']),
        // The 2026-06-30 payer-candidate wording, found from the documentation fingerprints alone.
        documentation: [
          'JobComputePaymentConfig.isResponsible',
          'MembershipJobComputePaymentConfig.isResponsible',
          'ModelInferencePaymentConfig.isResponsible',
          'ModelTrainingPaymentConfig.isResponsible',
          'QueryComputePaymentConfig.isResponsible',
        ].map((member) => ({
          member,
          from: 'undated cleanrooms-2022-02-17.smithy.json',
          to: 'undated botocore-service-2.json',
          breaking: MOCK,
        })),
        operations: [
          {
            name: 'CreateCollaboration',
            status: 'changed',
            operation: [],
            request: sideWith({
              constraints: [
                customMl('members[].mlMemberAbilities.customMLMemberAbilities', 'request'),
                constraint(
                  { path: 'description', kind: 'required', from: true, to: false, direction: 'loosened' },
                  MOCK,
                ),
                constraint(
                  {
                    path: 'description',
                    kind: 'pattern',
                    from: DESCRIPTION_BEFORE,
                    to: DESCRIPTION_AFTER,
                    direction: 'changed',
                  },
                  BOTH,
                ),
                constraint(
                  {
                    path: 'description',
                    kind: 'length',
                    from: { min: 1, max: 255 },
                    to: { min: 0, max: 255 },
                    direction: 'loosened',
                  },
                  MOCK,
                ),
                customMl('creatorMLMemberAbilities.customMLMemberAbilities', 'request'),
              ],
            }),
            response: sideWith({
              constraints: [
                constraint(
                  {
                    path: 'collaboration.description',
                    kind: 'pattern',
                    from: DESCRIPTION_BEFORE,
                    to: DESCRIPTION_AFTER,
                    direction: 'changed',
                  },
                  BOTH,
                ),
                constraint(
                  {
                    path: 'collaboration.description',
                    kind: 'length',
                    from: { min: 1, max: 255 },
                    to: { min: 0, max: 255 },
                    direction: 'loosened',
                  },
                  CLIENT,
                ),
              ],
            }),
            breaking: BOTH,
          },
          ...(
            [
              ['CreateMembership', 'membership.mlMemberAbilities.customMLMemberAbilities'],
              ['GetMembership', 'membership.mlMemberAbilities.customMLMemberAbilities'],
              ['ListMembers', 'memberSummaries[].mlAbilities.customMLMemberAbilities'],
              ['ListMemberships', 'membershipSummaries[].mlMemberAbilities.customMLMemberAbilities'],
            ] as const
          ).map(([name, p]) => ({
            name,
            status: 'changed',
            operation: [],
            request: sideWith({}),
            response: sideWith({ constraints: [customMl(p, 'response')] }),
            breaking: CLIENT,
          })),
          {
            name: 'UpdateMembership',
            status: 'changed',
            operation: [],
            request: sideWith({
              added: [
                {
                  path: update,
                  type: 'UpdateMembershipPaymentConfiguration',
                  required: false,
                  breaking: MOCK,
                  members: [
                    {
                      path: `${update}.queryCompute`,
                      type: 'MembershipQueryComputePaymentConfig',
                      required: false,
                      members: [isResponsible(`${update}.queryCompute`)],
                    },
                    {
                      path: `${update}.machineLearning`,
                      type: 'MembershipMLPaymentConfig',
                      required: false,
                      members: [
                        ['modelTraining', 'MembershipModelTrainingPaymentConfig'],
                        ['modelInference', 'MembershipModelInferencePaymentConfig'],
                        ['syntheticDataGeneration', 'MembershipSyntheticDataGenerationPaymentConfig'],
                      ].map(([member = '', type = '']) => ({
                        path: `${update}.machineLearning.${member}`,
                        type,
                        required: false,
                        members: [isResponsible(`${update}.machineLearning.${member}`)],
                      })),
                    },
                    {
                      path: `${update}.jobCompute`,
                      type: 'MembershipJobComputePaymentConfig',
                      required: false,
                      members: [isResponsible(`${update}.jobCompute`)],
                    },
                  ],
                },
              ],
            }),
            response: sideWith({
              constraints: [customMl('membership.mlMemberAbilities.customMLMemberAbilities', 'response')],
            }),
            breaking: BOTH,
          },
        ],
      })
    })
  },
)

const haveAll = [boto20230830, boto20231114, smithy20260417].every((f) => existsSync(f))

describe.skipIf(!haveAll)(
  titleFor('cleanrooms-mock diff (CLI)', boto20230830, boto20231114, smithy20260417, boto20260727),
  () => {
    afterEach(() => vi.restoreAllMocks())

    it('--json prints the report; exit 1 when a change breaks someone, 0 with --fail-on none', async () => {
      const out = vi.spyOn(console, 'log').mockImplementation(() => {})
      expect(await runCli(['diff', boto20230830, boto20231114, '--json'])).toBe(1)
      const printed = JSON.parse(String(out.mock.calls[0]?.[0])) as SpecDiff
      expect(printed).toEqual(JSON.parse(JSON.stringify(await diffFiles(boto20230830, boto20231114))))
      expect(await runCli(['diff', boto20230830, boto20231114, '--json', '--fail-on', 'none'])).toBe(0)
    })

    it('prints the headline, then a tree of paths down to leaf types, each change tagged with whom it breaks', async () => {
      const chunks: string[] = []
      vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
        chunks.push(String(chunk))
        return true
      })
      expect(await runCli(['diff', boto20230830, boto20231114])).toBe(1)
      const lines = chunks.join('').split('\n')
      expect(lines.slice(0, 9)).toEqual([
        'botocore-service-2.2023-08-30.json (botocore) → botocore-service-2.2023-11-14.json (botocore)',
        '6 of 6 operations updated; breaking for clients: yes, for mocks: yes',
        '',
        'CreateCollaboration  [breaks mock]',
        '  request',
        '    + members[].paymentConfiguration: PaymentConfiguration  [breaks mock]',
        '        members[].paymentConfiguration.queryCompute: QueryComputePaymentConfig, required',
        '          members[].paymentConfiguration.queryCompute.isResponsible: boolean, required',
        '    + creatorPaymentConfiguration: PaymentConfiguration  [breaks mock]',
      ])
      expect(lines).toContain(
        `    ~ collaborationIdentifier pattern: ${UUID} → ^${UUID}$ (tightened)  [breaks client]`,
      )
    })

    it('exits 0 and reports nothing between a model and the spec imported from it', async () => {
      const out = vi.spyOn(process.stdout, 'write').mockImplementation(() => true)
      expect(
        await runCli(['diff', path.join(repoRoot, 'spec/cleanrooms.openapi.json'), smithy20260417]),
      ).toBe(0)
      expect(String(out.mock.calls[0]?.[0])).toContain('0 of 6 operations updated')
    })
  },
)

describe('cleanrooms-mock diff (CLI arguments)', () => {
  afterEach(() => vi.restoreAllMocks())

  it('exits 2 with the usage when a side is missing', async () => {
    const err = vi.spyOn(console, 'error').mockImplementation(() => {})
    expect(await runCli(['diff', 'only-one.json'])).toBe(2)
    expect(String(err.mock.calls[0]?.[0])).toMatch(/^usage: cleanrooms-mock diff </)
  })
})
