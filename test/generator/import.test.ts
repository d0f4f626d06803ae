/** Tests of the importer (generator/import): Smithy fragments feature by feature, then the real model. */
import { spawnSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { existsSync } from 'node:fs'
import { mkdtemp, readFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { runCli } from '../../cli/index.ts'
import { importSmithyModel } from '../../generator/import/import-smithy-model.ts'
import type { SmithyAst } from '../../generator/import/smithy-to-service-model.ts'
import type { OpenApiDocument } from '../../generator/import/to-open-api.ts'
import { detectModelFormat, importModelText, serializeSpec } from '../../generator/import/write-spec.ts'
import { referenceDir, titleFor } from '../support/reference.ts'
import { member, S, SOURCE, smithyFragment } from './smithy-fragment.ts'

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
const realModel = path.join(referenceDir, 'cleanrooms-2022-02-17.smithy.json')
const committedSpec = path.join(repoRoot, 'spec/cleanrooms.openapi.json')

const importOp = (ast: SmithyAst, operations = ['Op']): OpenApiDocument =>
  importSmithyModel(ast, { ...SOURCE, operations })

/** Reads a JSON pointer-ish path of keys from the document. */
function at(doc: unknown, ...keys: string[]): unknown {
  let node = doc
  for (const key of keys) node = (node as Record<string, unknown> | undefined)?.[key]
  return node
}

const required = { 'smithy.api#required': {} }

interface Case {
  feature: string
  ast: SmithyAst
  path: string[]
  expected: unknown
}

const cases: Case[] = [
  {
    feature: 'path label: a required path parameter',
    ast: smithyFragment({
      op: { traits: { 'smithy.api#http': { method: 'GET', uri: '/things/{thingId}', code: 200 } } },
      input: { thingId: member('ex#ThingId', { 'smithy.api#httpLabel': {}, ...required }) },
      shapes: { 'ex#ThingId': { type: 'string' } },
    }),
    path: ['paths', '/things/{thingId}', 'get', 'parameters'],
    expected: [{ name: 'thingId', in: 'path', required: true, schema: { $ref: `${S}ThingId` } }],
  },
  {
    feature: 'path label: the full input structure marks it x-location label',
    ast: smithyFragment({
      op: { traits: { 'smithy.api#http': { method: 'GET', uri: '/things/{thingId}', code: 200 } } },
      input: { thingId: member('ex#ThingId', { 'smithy.api#httpLabel': {}, ...required }) },
      shapes: { 'ex#ThingId': { type: 'string' } },
    }),
    path: ['components', 'schemas', 'OpInput'],
    expected: {
      type: 'object',
      properties: { thingId: { $ref: `${S}ThingId`, 'x-location': 'label' } },
      required: ['thingId'],
    },
  },
  {
    feature: 'query binding: wire key as name, member name as x-member',
    ast: smithyFragment({
      op: { traits: { 'smithy.api#http': { method: 'GET', uri: '/things', code: 200 } } },
      input: { maxResults: member('smithy.api#Integer', { 'smithy.api#httpQuery': 'max-results' }) },
    }),
    path: ['paths', '/things', 'get', 'parameters'],
    expected: [
      {
        name: 'max-results',
        in: 'query',
        required: false,
        schema: { type: 'integer' },
        'x-member': 'maxResults',
      },
    ],
  },
  {
    feature: 'query binding: no request body when every member is bound elsewhere',
    ast: smithyFragment({
      op: { traits: { 'smithy.api#http': { method: 'GET', uri: '/things', code: 200 } } },
      input: { status: member('smithy.api#String', { 'smithy.api#httpQuery': 'status' }) },
    }),
    path: ['paths', '/things', 'get', 'requestBody'],
    expected: undefined,
  },
  {
    feature: 'body members: <Op>RequestContent holds only the body members',
    ast: smithyFragment({
      op: { traits: { 'smithy.api#http': { method: 'PATCH', uri: '/things/{id}', code: 200 } } },
      input: {
        id: member('smithy.api#String', { 'smithy.api#httpLabel': {}, ...required }),
        name: member('smithy.api#String'),
        enabled: member('smithy.api#Boolean'),
      },
    }),
    path: ['components', 'schemas', 'OpRequestContent'],
    expected: { type: 'object', properties: { name: { type: 'string' }, enabled: { type: 'boolean' } } },
  },
  {
    feature: 'body members: optional-only body is a non-required requestBody',
    ast: smithyFragment({ input: { name: member('smithy.api#String') } }),
    path: ['paths', '/things', 'post', 'requestBody'],
    expected: { content: { 'application/json': { schema: { $ref: `${S}OpRequestContent` } } } },
  },
  {
    feature: '@required: required list and a required requestBody',
    ast: smithyFragment({
      input: { name: member('smithy.api#String', required), note: member('smithy.api#String') },
    }),
    path: ['paths', '/things', 'post', 'requestBody', 'required'],
    expected: true,
  },
  {
    feature: '@required: listed in model order',
    ast: smithyFragment({
      input: {
        b: member('smithy.api#String', required),
        a: member('smithy.api#String'),
        c: member('smithy.api#String', required),
      },
    }),
    path: ['components', 'schemas', 'OpRequestContent', 'required'],
    expected: ['b', 'c'],
  },
  {
    feature: '@length on a string shape',
    ast: smithyFragment({
      input: { id: member('ex#AccountId') },
      shapes: { 'ex#AccountId': { type: 'string', traits: { 'smithy.api#length': { min: 12, max: 12 } } } },
    }),
    path: ['components', 'schemas', 'AccountId'],
    expected: { type: 'string', minLength: 12, maxLength: 12 },
  },
  {
    feature: '@length with only a max',
    ast: smithyFragment({
      input: { token: member('ex#Token') },
      shapes: { 'ex#Token': { type: 'string', traits: { 'smithy.api#length': { max: 10240 } } } },
    }),
    path: ['components', 'schemas', 'Token'],
    expected: { type: 'string', maxLength: 10240 },
  },
  {
    feature: '@pattern kept verbatim (anchors, look-ahead, \\u escapes)',
    ast: smithyFragment({
      input: { name: member('ex#Name') },
      shapes: {
        'ex#Name': { type: 'string', traits: { 'smithy.api#pattern': '^(?!\\s*$)[\\u0020-\\uD7FF\\t]*$' } },
      },
    }),
    path: ['components', 'schemas', 'Name'],
    expected: { type: 'string', pattern: '^(?!\\s*$)[\\u0020-\\uD7FF\\t]*$' },
  },
  {
    feature: '@range on an integer shape',
    ast: smithyFragment({
      input: { max: member('ex#MaxResults') },
      shapes: { 'ex#MaxResults': { type: 'integer', traits: { 'smithy.api#range': { min: 1, max: 100 } } } },
    }),
    path: ['components', 'schemas', 'MaxResults'],
    expected: { type: 'integer', minimum: 1, maximum: 100 },
  },
  {
    feature: '@range on a double shape',
    ast: smithyFragment({
      input: { ratio: member('ex#Ratio') },
      shapes: { 'ex#Ratio': { type: 'double', traits: { 'smithy.api#range': { min: 0.5 } } } },
    }),
    path: ['components', 'schemas', 'Ratio'],
    expected: { type: 'number', minimum: 0.5 },
  },
  {
    feature: 'Smithy 2 enum shape: values from @enumValue, in model order',
    ast: smithyFragment({
      input: { ability: member('ex#Ability') },
      shapes: {
        'ex#Ability': {
          type: 'enum',
          members: {
            QUERY: member('smithy.api#Unit', { 'smithy.api#enumValue': 'CAN_QUERY' }),
            RECEIVE: member('smithy.api#Unit', { 'smithy.api#enumValue': 'CAN_RECEIVE' }),
          },
        },
      },
    }),
    path: ['components', 'schemas', 'Ability'],
    expected: { type: 'string', enum: ['CAN_QUERY', 'CAN_RECEIVE'] },
  },
  {
    feature: 'Smithy 2 intEnum shape',
    ast: smithyFragment({
      input: { level: member('ex#Level') },
      shapes: {
        'ex#Level': {
          type: 'intEnum',
          members: {
            LOW: member('smithy.api#Unit', { 'smithy.api#enumValue': 1 }),
            HIGH: member('smithy.api#Unit', { 'smithy.api#enumValue': 9 }),
          },
        },
      },
    }),
    path: ['components', 'schemas', 'Level'],
    expected: { type: 'integer', enum: [1, 9] },
  },
  {
    feature: 'old-style @enum trait on a string shape',
    ast: smithyFragment({
      input: { status: member('ex#Status') },
      shapes: {
        'ex#Status': {
          type: 'string',
          traits: {
            'smithy.api#enum': [
              { name: 'ACTIVE', value: 'ACTIVE' },
              { name: 'GONE', value: 'COLLABORATION_DELETED' },
            ],
          },
        },
      },
    }),
    path: ['components', 'schemas', 'Status'],
    expected: { type: 'string', enum: ['ACTIVE', 'COLLABORATION_DELETED'] },
  },
  {
    feature: '@uniqueItems and @length on a list',
    ast: smithyFragment({
      input: { abilities: member('ex#Abilities') },
      shapes: {
        'ex#Abilities': {
          type: 'list',
          member: member('smithy.api#String'),
          traits: { 'smithy.api#uniqueItems': {}, 'smithy.api#length': { min: 1, max: 9 } },
        },
      },
    }),
    path: ['components', 'schemas', 'Abilities'],
    expected: { type: 'array', items: { type: 'string' }, minItems: 1, maxItems: 9, uniqueItems: true },
  },
  {
    feature: 'union: exactly one member set',
    ast: smithyFragment({
      input: { output: member('ex#Output') },
      shapes: {
        'ex#Output': { type: 'union', members: { s3: member('ex#S3'), local: member('smithy.api#String') } },
        'ex#S3': { type: 'structure', members: { bucket: member('smithy.api#String', required) } },
      },
    }),
    path: ['components', 'schemas', 'Output'],
    expected: {
      type: 'object',
      properties: { s3: { $ref: `${S}S3` }, local: { type: 'string' } },
      minProperties: 1,
      maxProperties: 1,
      'x-union': true,
    },
  },
  {
    feature: 'map: value schema, key schema and @length as property counts',
    ast: smithyFragment({
      input: { tags: member('ex#TagMap') },
      shapes: {
        'ex#TagMap': {
          type: 'map',
          key: member('ex#TagKey'),
          value: member('smithy.api#String'),
          traits: { 'smithy.api#length': { min: 0, max: 200 } },
        },
        'ex#TagKey': { type: 'string', traits: { 'smithy.api#length': { min: 1, max: 128 } } },
      },
    }),
    path: ['components', 'schemas', 'TagMap'],
    expected: {
      type: 'object',
      additionalProperties: { type: 'string' },
      propertyNames: { $ref: `${S}TagKey` },
      minProperties: 0,
      maxProperties: 200,
    },
  },
  {
    feature: 'timestamp (prelude): epoch-seconds number, inlined',
    ast: smithyFragment({ output: { createTime: member('smithy.api#Timestamp', required) } }),
    path: ['components', 'schemas', 'OpResponseContent'],
    expected: {
      type: 'object',
      properties: { createTime: { type: 'number', format: 'epoch-seconds' } },
      required: ['createTime'],
    },
  },
  {
    feature: 'timestamp (named shape): epoch-seconds number',
    ast: smithyFragment({
      output: { at: member('ex#When') },
      shapes: { 'ex#When': { type: 'timestamp' } },
    }),
    path: ['components', 'schemas', 'When'],
    expected: { type: 'number', format: 'epoch-seconds' },
  },
  {
    feature: 'member-level constraints on a prelude target: inlined',
    ast: smithyFragment({
      input: {
        bucket: member('smithy.api#String', {
          'smithy.api#length': { min: 3, max: 63 },
          'smithy.api#pattern': '^[a-z0-9]+$',
        }),
      },
    }),
    path: ['components', 'schemas', 'OpRequestContent', 'properties', 'bucket'],
    expected: { type: 'string', minLength: 3, maxLength: 63, pattern: '^[a-z0-9]+$' },
  },
  {
    feature: 'member-level constraints on a named target: allOf plus the constraint',
    ast: smithyFragment({
      input: { name: member('ex#Name', { 'smithy.api#length': { max: 5 } }) },
      shapes: { 'ex#Name': { type: 'string', traits: { 'smithy.api#length': { min: 1, max: 100 } } } },
    }),
    path: ['components', 'schemas', 'OpRequestContent', 'properties', 'name'],
    expected: { allOf: [{ $ref: `${S}Name` }], maxLength: 5 },
  },
  {
    feature: '@jsonName: body keyed by the wire name, member name in x-member',
    ast: smithyFragment({
      input: { displayName: member('smithy.api#String', { 'smithy.api#jsonName': 'name' }) },
    }),
    path: ['components', 'schemas', 'OpRequestContent', 'properties'],
    expected: { name: { type: 'string', 'x-member': 'displayName' } },
  },
  {
    feature: 'error with @httpError: schema carries x-error',
    ast: smithyFragment({
      op: { errors: [{ target: 'ex#QuotaExceeded' }] },
      shapes: {
        'ex#QuotaExceeded': {
          type: 'structure',
          members: {
            message: member('smithy.api#String', required),
            quotaValue: member('smithy.api#Double'),
          },
          traits: { 'smithy.api#error': 'client', 'smithy.api#httpError': 402 },
        },
      },
    }),
    path: ['components', 'schemas', 'QuotaExceeded'],
    expected: {
      type: 'object',
      properties: { message: { type: 'string' }, quotaValue: { type: 'number' } },
      required: ['message'],
      'x-error': { fault: 'client', httpStatus: 402 },
    },
  },
  {
    feature: 'error with @httpError: the operation response points at components.responses',
    ast: smithyFragment({
      op: { errors: [{ target: 'ex#QuotaExceeded' }] },
      shapes: {
        'ex#QuotaExceeded': {
          type: 'structure',
          members: {},
          traits: { 'smithy.api#error': 'client', 'smithy.api#httpError': 402 },
        },
      },
    }),
    path: ['paths', '/things', 'post', 'responses', '402'],
    expected: { $ref: '#/components/responses/QuotaExceeded' },
  },
  {
    feature: 'error response: named in x-amzn-errortype, body is the error structure',
    ast: smithyFragment({
      op: { errors: [{ target: 'ex#Boom' }] },
      shapes: { 'ex#Boom': { type: 'structure', members: {}, traits: { 'smithy.api#error': 'server' } } },
    }),
    path: ['components', 'responses', 'Boom'],
    expected: {
      description: 'Boom',
      headers: { 'x-amzn-errortype': { required: true, schema: { type: 'string', enum: ['Boom'] } } },
      content: { 'application/json': { schema: { $ref: `${S}Boom` } } },
    },
  },
  {
    feature: 'error without @httpError: a server fault defaults to 500',
    ast: smithyFragment({
      op: { errors: [{ target: 'ex#Boom' }] },
      shapes: { 'ex#Boom': { type: 'structure', members: {}, traits: { 'smithy.api#error': 'server' } } },
    }),
    path: ['components', 'schemas', 'Boom', 'x-error'],
    expected: { fault: 'server', httpStatus: 500 },
  },
  {
    feature: 'two declared errors sharing a status: oneOf, and x-errors sorted',
    ast: smithyFragment({
      op: { errors: [{ target: 'ex#Zeta' }, { target: 'ex#Alpha' }] },
      shapes: {
        'ex#Zeta': { type: 'structure', members: {}, traits: { 'smithy.api#error': 'client' } },
        'ex#Alpha': { type: 'structure', members: {}, traits: { 'smithy.api#error': 'client' } },
      },
    }),
    path: ['paths', '/things', 'post'],
    expected: expect.objectContaining({
      'x-errors': ['Alpha', 'Zeta'],
      responses: expect.objectContaining({
        '400': {
          description: 'Alpha | Zeta',
          headers: {
            'x-amzn-errortype': { required: true, schema: { type: 'string', enum: ['Alpha', 'Zeta'] } },
          },
          content: {
            'application/json': { schema: { oneOf: [{ $ref: `${S}Alpha` }, { $ref: `${S}Zeta` }] } },
          },
        },
      }),
    }),
  },
  {
    feature: 'pagination: the service-wide @paginated merged with the operation one',
    ast: smithyFragment({
      service: {
        traits: {
          'smithy.api#paginated': {
            inputToken: 'nextToken',
            outputToken: 'nextToken',
            pageSize: 'maxResults',
          },
        },
      },
      op: {
        traits: {
          'smithy.api#http': { method: 'GET', uri: '/things', code: 200 },
          'smithy.api#paginated': { items: 'things' },
        },
      },
    }),
    path: ['paths', '/things', 'get', 'x-paginated'],
    expected: { inputToken: 'nextToken', outputToken: 'nextToken', pageSize: 'maxResults', items: 'things' },
  },
  {
    feature: 'pagination: the operation overrides the service',
    ast: smithyFragment({
      service: { traits: { 'smithy.api#paginated': { inputToken: 'nextToken', pageSize: 'maxResults' } } },
      op: {
        traits: {
          'smithy.api#http': { method: 'GET', uri: '/things', code: 200 },
          'smithy.api#paginated': { pageSize: 'limit', items: 'things' },
        },
      },
    }),
    path: ['paths', '/things', 'get', 'x-paginated'],
    expected: { inputToken: 'nextToken', pageSize: 'limit', items: 'things' },
  },
  {
    feature: 'pagination: an operation without @paginated is not paginated',
    ast: smithyFragment({ service: { traits: { 'smithy.api#paginated': { inputToken: 'nextToken' } } } }),
    path: ['paths', '/things', 'post', 'x-paginated'],
    expected: undefined,
  },
  {
    feature: '@readonly operation',
    ast: smithyFragment({
      op: {
        traits: {
          'smithy.api#http': { method: 'GET', uri: '/things', code: 200 },
          'smithy.api#readonly': {},
        },
      },
    }),
    path: ['paths', '/things', 'get', 'x-readonly'],
    expected: true,
  },
  {
    feature: 'success status is the @http code',
    ast: smithyFragment({
      op: { traits: { 'smithy.api#http': { method: 'POST', uri: '/things', code: 201 } } },
    }),
    path: ['paths', '/things', 'post', 'responses', '201'],
    expected: {
      description: 'Op succeeded',
      content: { 'application/json': { schema: { $ref: `${S}OpResponseContent` } } },
    },
  },
  {
    feature: 'operations bound through resources are found',
    ast: smithyFragment({
      service: { operations: [], resources: [{ target: 'ex#ThingResource' }] },
      shapes: { 'ex#ThingResource': { type: 'resource', read: { target: 'ex#Op' } } },
    }),
    path: ['info', 'x-operations'],
    expected: ['Op'],
  },
]

describe('importSmithyModel on hand-made fragments', () => {
  it.each(cases)('$feature', ({ ast, path: keys, expected }) => {
    expect(at(importOp(ast), ...keys)).toEqual(expected)
  })

  it('drops every documentation trait and AWS IAM description', () => {
    const doc = { 'smithy.api#documentation': '<p>Secret AWS sentence.</p>' }
    const ast = smithyFragment({
      service: { traits: doc },
      op: {
        traits: {
          ...doc,
          'smithy.api#http': { method: 'POST', uri: '/things', code: 200 },
          'aws.iam#actionPermissionDescription': 'Grants permission to do a secret thing',
        },
      },
      input: { name: member('ex#Name', doc) },
      shapes: { 'ex#Name': { type: 'string', traits: doc } },
    })
    const text = serializeSpec(importOp(ast))
    expect(text).not.toContain('Secret AWS sentence')
    expect(text).not.toContain('Grants permission')
    expect(text).not.toMatch(/"description": "<p>/)
  })

  it('keeps only the selected operations and the shapes they reach', () => {
    const ast = smithyFragment({
      service: { operations: [{ target: 'ex#Op' }, { target: 'ex#Other' }] },
      input: { used: member('ex#Used') },
      shapes: {
        'ex#Used': { type: 'string' },
        'ex#Unused': { type: 'string' },
        'ex#Other': {
          type: 'operation',
          input: { target: 'ex#OtherInput' },
          traits: { 'smithy.api#http': { method: 'GET', uri: '/other', code: 200 } },
        },
        'ex#OtherInput': { type: 'structure', members: { x: member('ex#OnlyOther') } },
        'ex#OnlyOther': { type: 'string' },
      },
    })
    const doc = importOp(ast)
    expect(Object.keys(doc.paths)).toEqual(['/things'])
    expect(Object.keys(doc.components.schemas)).toEqual([
      'OpInput',
      'OpOutput',
      'OpRequestContent',
      'OpResponseContent',
      'Used',
    ])
  })

  it('records the source model and the sorted operation list in info', () => {
    const doc = importOp(smithyFragment({}))
    expect(doc.info).toEqual({
      title: 'Example',
      version: '2020-01-01',
      description: expect.any(String),
      'x-source-model': {
        format: 'smithy',
        modelDate: '2020-01-01',
        sha256: SOURCE.sha256,
        service: 'Example',
      },
      'x-operations': ['Op'],
    })
  })

  it('fails, naming the operation, when a requested operation is not in the service', () => {
    expect(() => importOp(smithyFragment({}), ['Op', 'Missing'])).toThrow(/operation Missing/)
  })

  it('fails, naming the member, on an HTTP binding the conventions do not cover', () => {
    const ast = smithyFragment({
      input: { token: member('smithy.api#String', { 'smithy.api#httpHeader': 'x-t' }) },
    })
    expect(() => importOp(ast)).toThrow(/ex#OpInput\$token: trait smithy.api#httpHeader/)
  })

  it('fails when dropping namespaces would merge two shapes', () => {
    const ast = smithyFragment({
      input: { a: member('ex#Name'), b: member('other#Name') },
      shapes: { 'ex#Name': { type: 'string' }, 'other#Name': { type: 'string' } },
    })
    expect(() => importOp(ast)).toThrow(/share the name Name/)
  })

  it('is deterministic: the same model gives the same bytes, component names sorted', () => {
    const ast = smithyFragment({
      input: { z: member('ex#Zed'), a: member('ex#Ay') },
      shapes: { 'ex#Zed': { type: 'string' }, 'ex#Ay': { type: 'string' } },
    })
    const first = serializeSpec(importOp(ast))
    expect(serializeSpec(importOp(structuredClone(ast)))).toBe(first)
    expect(first.endsWith('}\n')).toBe(true)
    const names = Object.keys(importOp(ast).components.schemas)
    expect(names).toEqual([...names].sort())
  })
})

describe('model format detection', () => {
  it('recognises a Smithy JSON AST', () => {
    expect(detectModelFormat({ smithy: '2.0', shapes: {} })).toBe('smithy')
  })

  it('recognises a botocore model and sends it to the botocore front end', () => {
    const botocore = { version: '2.0', metadata: {}, operations: {}, shapes: {} }
    expect(detectModelFormat(botocore)).toBe('botocore')
    // The botocore front end (test/generator/botocore-import.test.ts) looks for the six operations.
    expect(() => importModelText(JSON.stringify(botocore), { modelDate: '2026-07-27' })).toThrow(
      /operation CreateCollaboration is not in the botocore model/,
    )
  })

  it('rejects anything else', () => {
    expect(() => detectModelFormat({ openapi: '3.1.0' })).toThrow(/not an AWS model/)
  })

  it('records the sha256 of the exact bytes read', () => {
    const text = JSON.stringify(smithyFragment({}))
    const doc = importModelText(text, { modelDate: '2020-01-01', operations: ['Op'] })
    expect(at(doc, 'info', 'x-source-model', 'sha256')).toBe(createHash('sha256').update(text).digest('hex'))
  })
})

const EXPECTED_ROUTES = [
  ['CreateCollaboration', 'post', '/collaborations'],
  ['CreateMembership', 'post', '/memberships'],
  ['GetMembership', 'get', '/memberships/{membershipIdentifier}'],
  ['ListMembers', 'get', '/collaborations/{collaborationIdentifier}/members'],
  ['ListMemberships', 'get', '/memberships'],
  ['UpdateMembership', 'patch', '/memberships/{membershipIdentifier}'],
] as const

describe.skipIf(!existsSync(realModel))(titleFor('the real Clean Rooms model', realModel), () => {
  it('re-importing it reproduces the committed spec byte for byte', async () => {
    const text = serializeSpec(importModelText(await readFile(realModel), { modelDate: '2026-04-17' }))
    expect(text === (await readFile(committedSpec, 'utf8'))).toBe(true)
  })

  it('the CLI command in spec/README.md writes the same bytes', async () => {
    const out = path.join(await mkdtemp(path.join(tmpdir(), 'import-')), 'spec.json')
    const code = await runCli(['import-model', realModel, '--model-date', '2026-04-17', '--out', out])
    expect(code).toBe(0)
    expect((await readFile(out, 'utf8')) === (await readFile(committedSpec, 'utf8'))).toBe(true)
  })
})

describe('the committed spec', async () => {
  const spec = JSON.parse(await readFile(committedSpec, 'utf8')) as OpenApiDocument
  const schemas = spec.components.schemas

  it('has exactly the six operations, on the routes of cleanrooms-api.md §3', () => {
    const routes = Object.entries(spec.paths).flatMap(([uri, item]) =>
      Object.entries(item).map(([method, op]) => [at(op, 'operationId'), method, uri]),
    )
    expect(routes.sort()).toEqual([...EXPECTED_ROUTES].map((r) => [...r]).sort())
    expect(spec.info['x-operations']).toEqual(EXPECTED_ROUTES.map(([name]) => name))
    expect(spec.info['x-source-model']).toEqual({
      format: 'smithy',
      modelDate: '2026-04-17',
      sha256: '0637f5fc138b39a8848fb8ada4e96fc35e15196ddba8e4b3e723dad5f9c44b67',
      service: 'CleanRooms',
    })
  })

  it('carries no AWS documentation text', () => {
    const text = JSON.stringify(spec)
    for (const sentence of [
      'Creates a membership',
      'Creates a new collaboration',
      'Grants permission',
      'The unique ID of the membership',
      'Exactly one member can be configured',
      '<p>',
    ]) {
      expect(text).not.toContain(sentence)
    }
  })

  it('keeps the bindings, required members and constraints the mock relies on', () => {
    expect(at(schemas, 'CreateMembershipRequestContent', 'required')).toContain('collaborationIdentifier')
    expect(at(schemas, 'GetMembershipInput', 'properties', 'membershipIdentifier', 'x-location')).toBe(
      'label',
    )
    expect(at(schemas, 'ListMembershipsInput', 'properties', 'status', 'x-location')).toBe('query')
    expect(at(schemas, 'ServiceQuotaExceededException', 'x-error')).toEqual({
      fault: 'client',
      httpStatus: 402,
    })
    expect(at(schemas, 'InternalServerException', 'x-error')).toEqual({ fault: 'server', httpStatus: 500 })
    expect(at(schemas, 'MaxResults')).toEqual({ type: 'integer', minimum: 1, maximum: 100 })
    expect(at(schemas, 'AccountId')).toEqual({
      type: 'string',
      minLength: 12,
      maxLength: 12,
      pattern: '^\\d+$',
    })
    expect(at(schemas, 'MemberAbilities', 'uniqueItems')).toBe(true)
    expect(at(schemas, 'MembershipProtectedQueryOutputConfiguration', 'x-union')).toBe(true)
    expect(at(schemas, 'Membership', 'properties', 'createTime')).toEqual({
      type: 'number',
      format: 'epoch-seconds',
    })
    expect(at(schemas, 'Membership', 'required')).toContain('paymentConfiguration')
    expect(at(schemas, 'MembershipStatus', 'enum')).toEqual(['ACTIVE', 'REMOVED', 'COLLABORATION_DELETED'])
    expect(at(schemas, 'ProtectedQueryS3OutputConfiguration', 'properties', 'bucket', 'minLength')).toBe(3)
    expect(at(spec.paths, '/memberships', 'get', 'x-paginated')).toEqual({
      inputToken: 'nextToken',
      outputToken: 'nextToken',
      pageSize: 'maxResults',
      items: 'membershipSummaries',
    })
  })
})

describe('bin/cleanrooms-mock.js', () => {
  it('lists the subcommands under --help', () => {
    const run = spawnSync(process.execPath, [path.join(repoRoot, 'bin/cleanrooms-mock.js'), '--help'], {
      encoding: 'utf8',
    })
    expect(run.status).toBe(0)
    expect(run.stdout).toContain('import-model')
  })

  it('import-model without --model-date exits 2 and says why', async () => {
    expect(await runCli(['import-model', 'model.json'])).toBe(2)
  })
})
