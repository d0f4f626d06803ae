/** Tests of the botocore front end: each botocore feature gives the spec its Smithy twin gives, then the real models. */
import { existsSync } from 'node:fs'
import { mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { runCli } from '../../cli/index.ts'
import { smithyPatternFromBotocore } from '../../generator/import/botocore-pattern.ts'
import type {
  BotocoreModel,
  BotocoreRef,
  BotocoreShape,
} from '../../generator/import/botocore-to-service-model.ts'
import { paginatorsPathBeside, readModelFile } from '../../generator/import/read-model-file.ts'
import type { SmithyAst } from '../../generator/import/smithy-to-service-model.ts'
import type { JsonObject, OpenApiDocument } from '../../generator/import/to-open-api.ts'
import { importModelJson, importModelText } from '../../generator/import/write-spec.ts'
import { referenceDir, titleFor } from '../support/reference.ts'
import { member as m, S, SOURCE, smithyFragment } from './smithy-fragment.ts'

const _repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
const smithyModel = path.join(referenceDir, 'cleanrooms-2022-02-17.smithy.json')
const botocoreModel = path.join(referenceDir, 'botocore-service-2.json')
const botocorePaginators = path.join(referenceDir, 'botocore-paginators-1.json')

/** A botocore model with one operation `Op` (POST /things unless `op` overrides it). */
function boto(parts: {
  input?: Record<string, BotocoreRef>
  required?: string[]
  output?: Record<string, BotocoreRef>
  op?: Record<string, unknown>
  shapes?: Record<string, BotocoreShape>
}): BotocoreModel {
  return {
    version: '2.0',
    metadata: { apiVersion: '2020-01-01', protocol: 'rest-json', serviceId: 'Example' },
    operations: {
      Op: {
        name: 'Op',
        http: { method: 'POST', requestUri: '/things', responseCode: 200 },
        input: { shape: 'OpInput' },
        output: { shape: 'OpOutput' },
        ...parts.op,
      },
    },
    shapes: {
      OpInput: {
        type: 'structure',
        members: parts.input ?? {},
        ...(parts.required ? { required: parts.required } : {}),
      },
      OpOutput: { type: 'structure', members: parts.output ?? {} },
      ...parts.shapes,
    },
  }
}

const importOne = (json: unknown, paginators?: unknown): OpenApiDocument =>
  importModelJson(json, SOURCE, { operations: ['Op'], ...(paginators ? { paginators } : {}) })

/** A spec without its provenance (`x-source-model` names the format, which is the point of the twin). */
function withoutProvenance(doc: OpenApiDocument): OpenApiDocument {
  const { 'x-source-model': _source, ...info } = doc.info
  return { ...doc, info }
}

const req = { 'smithy.api#required': {} }

interface Twin {
  feature: string
  botocore: BotocoreModel
  smithy: SmithyAst
  /** The part of the spec both must produce, as a path of keys and the expected value. */
  path: string[]
  expected: unknown
  paginators?: unknown
}

const twins: Twin[] = [
  {
    feature: 'location uri: a path label',
    botocore: boto({
      op: { http: { method: 'GET', requestUri: '/things/{thingId}', responseCode: 200 } },
      input: { thingId: { shape: 'ThingId', location: 'uri', locationName: 'thingId' } },
      required: ['thingId'],
      shapes: { ThingId: { type: 'string' } },
    }),
    smithy: smithyFragment({
      op: { traits: { 'smithy.api#http': { method: 'GET', uri: '/things/{thingId}', code: 200 } } },
      input: { thingId: m('ex#ThingId', { 'smithy.api#httpLabel': {}, ...req }) },
      shapes: { 'ex#ThingId': { type: 'string' } },
    }),
    path: ['paths', '/things/{thingId}', 'get', 'parameters'],
    expected: [{ name: 'thingId', in: 'path', required: true, schema: { $ref: `${S}ThingId` } }],
  },
  {
    feature: 'location querystring + locationName: the query key, x-member for the member',
    botocore: boto({
      op: { http: { method: 'GET', requestUri: '/things', responseCode: 200 } },
      input: { maxResults: { shape: 'Integer', location: 'querystring', locationName: 'max-results' } },
      shapes: { Integer: { type: 'integer', box: true } },
    }),
    smithy: smithyFragment({
      op: { traits: { 'smithy.api#http': { method: 'GET', uri: '/things', code: 200 } } },
      input: { maxResults: m('smithy.api#Integer', { 'smithy.api#httpQuery': 'max-results' }) },
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
    feature: 'locationName on a body member: the JSON key (Smithy @jsonName)',
    botocore: boto({
      input: { name: { shape: 'String', locationName: 'Name' } },
      shapes: { String: { type: 'string' } },
    }),
    smithy: smithyFragment({ input: { name: m('smithy.api#String', { 'smithy.api#jsonName': 'Name' }) } }),
    path: ['components', 'schemas', 'OpRequestContent', 'properties'],
    expected: { Name: { type: 'string', 'x-member': 'name' } },
  },
  {
    feature: 'required: the structure list, in member order whatever order botocore lists it',
    botocore: boto({
      input: { a: { shape: 'String' }, b: { shape: 'String' }, c: { shape: 'String' } },
      required: ['c', 'a'],
      shapes: { String: { type: 'string' } },
    }),
    smithy: smithyFragment({
      input: { a: m('smithy.api#String', req), b: m('smithy.api#String'), c: m('smithy.api#String', req) },
    }),
    path: ['components', 'schemas', 'OpInput', 'required'],
    expected: ['a', 'c'],
  },
  {
    feature: 'prelude names: String, Boolean (boxed), Timestamp, Double are inlined, not named',
    botocore: boto({
      output: {
        s: { shape: 'String' },
        b: { shape: 'Boolean' },
        t: { shape: 'Timestamp' },
        d: { shape: 'Double' },
      },
      shapes: {
        String: { type: 'string' },
        Boolean: { type: 'boolean', box: true },
        Timestamp: { type: 'timestamp' },
        Double: { type: 'double', box: true },
      },
    }),
    smithy: smithyFragment({
      output: {
        s: m('smithy.api#String'),
        b: m('smithy.api#Boolean'),
        t: m('smithy.api#Timestamp'),
        d: m('smithy.api#Double'),
      },
    }),
    path: ['components', 'schemas', 'OpResponseContent', 'properties'],
    expected: {
      s: { type: 'string' },
      b: { type: 'boolean' },
      t: { type: 'number', format: 'epoch-seconds' },
      d: { type: 'number' },
    },
  },
  {
    feature: 'min/max on a string: length; a vacuous min 0 is dropped',
    botocore: boto({
      input: { a: { shape: 'Name' }, b: { shape: 'Token' } },
      shapes: { Name: { type: 'string', min: 1, max: 100 }, Token: { type: 'string', min: 0, max: 10 } },
    }),
    smithy: smithyFragment({
      input: { a: m('ex#Name'), b: m('ex#Token') },
      shapes: {
        'ex#Name': { type: 'string', traits: { 'smithy.api#length': { min: 1, max: 100 } } },
        'ex#Token': { type: 'string', traits: { 'smithy.api#length': { max: 10 } } },
      },
    }),
    path: ['components', 'schemas'],
    expected: expect.objectContaining({
      Name: { type: 'string', minLength: 1, maxLength: 100 },
      Token: { type: 'string', maxLength: 10 },
    }),
  },
  {
    feature: 'min/max on an integer: range, min 0 kept',
    botocore: boto({
      input: { n: { shape: 'Count' } },
      shapes: { Count: { type: 'integer', box: true, min: 0, max: 100 } },
    }),
    smithy: smithyFragment({
      input: { n: m('ex#Count') },
      shapes: { 'ex#Count': { type: 'integer', traits: { 'smithy.api#range': { min: 0, max: 100 } } } },
    }),
    path: ['components', 'schemas', 'Count'],
    expected: { type: 'integer', minimum: 0, maximum: 100 },
  },
  {
    feature: 'min/max on a list and a map: item and property counts',
    botocore: boto({
      input: { l: { shape: 'Names' }, t: { shape: 'Tags' } },
      shapes: {
        Names: { type: 'list', member: { shape: 'String' }, min: 1, max: 9 },
        Tags: { type: 'map', key: { shape: 'String' }, value: { shape: 'String' }, min: 0, max: 200 },
        String: { type: 'string' },
      },
    }),
    smithy: smithyFragment({
      input: { l: m('ex#Names'), t: m('ex#Tags') },
      shapes: {
        'ex#Names': {
          type: 'list',
          member: m('smithy.api#String'),
          traits: { 'smithy.api#length': { min: 1, max: 9 } },
        },
        'ex#Tags': {
          type: 'map',
          key: m('smithy.api#String'),
          value: m('smithy.api#String'),
          traits: { 'smithy.api#length': { max: 200 } },
        },
      },
    }),
    path: ['components', 'schemas'],
    expected: expect.objectContaining({
      Names: { type: 'array', items: { type: 'string' }, minItems: 1, maxItems: 9 },
      Tags: {
        type: 'object',
        additionalProperties: { type: 'string' },
        propertyNames: { type: 'string' },
        maxProperties: 200,
      },
    }),
  },
  {
    feature: 'pattern: botocore strips ^…$, the importer puts them back',
    botocore: boto({
      input: { a: { shape: 'AccountId' } },
      shapes: { AccountId: { type: 'string', pattern: '\\d+' } },
    }),
    smithy: smithyFragment({
      input: { a: m('ex#AccountId') },
      shapes: { 'ex#AccountId': { type: 'string', traits: { 'smithy.api#pattern': '^\\d+$' } } },
    }),
    path: ['components', 'schemas', 'AccountId'],
    expected: { type: 'string', pattern: '^\\d+$' },
  },
  {
    feature:
      'member-level constraints: botocore invents <Container><Member>String, the importer inlines it again',
    botocore: boto({
      input: { bucket: { shape: 'OpInputBucketString' } },
      required: ['bucket'],
      shapes: {
        OpInputBucketString: {
          type: 'string',
          min: 3,
          max: 63,
          pattern: '.*(?!^(\\d+\\.)+\\d+$)(^[a-z0-9.-]+$).*',
        },
      },
    }),
    smithy: smithyFragment({
      input: {
        bucket: m('smithy.api#String', {
          ...req,
          'smithy.api#length': { min: 3, max: 63 },
          'smithy.api#pattern': '(?!^(\\d+\\.)+\\d+$)(^[a-z0-9.-]+$)',
        }),
      },
    }),
    path: ['components', 'schemas', 'OpRequestContent', 'properties', 'bucket'],
    expected: { type: 'string', minLength: 3, maxLength: 63, pattern: '(?!^(\\d+\\.)+\\d+$)(^[a-z0-9.-]+$)' },
  },
  {
    feature: 'enum: a string with enum values',
    botocore: boto({
      input: { s: { shape: 'Status' } },
      shapes: { Status: { type: 'string', enum: ['ENABLED', 'DISABLED'] } },
    }),
    smithy: smithyFragment({
      input: { s: m('ex#Status') },
      shapes: {
        'ex#Status': {
          type: 'enum',
          members: {
            ENABLED: m('smithy.api#Unit', { 'smithy.api#enumValue': 'ENABLED' }),
            DISABLED: m('smithy.api#Unit', { 'smithy.api#enumValue': 'DISABLED' }),
          },
        },
      },
    }),
    path: ['components', 'schemas', 'Status'],
    expected: { type: 'string', enum: ['ENABLED', 'DISABLED'] },
  },
  {
    feature: 'union: true: exactly one member',
    botocore: boto({
      input: { out: { shape: 'Output' } },
      shapes: {
        Output: { type: 'structure', union: true, members: { s3: { shape: 'String' } } },
        String: { type: 'string' },
      },
    }),
    smithy: smithyFragment({
      input: { out: m('ex#Output') },
      shapes: { 'ex#Output': { type: 'union', members: { s3: m('smithy.api#String') } } },
    }),
    path: ['components', 'schemas', 'Output'],
    expected: {
      type: 'object',
      properties: { s3: { type: 'string' } },
      minProperties: 1,
      maxProperties: 1,
      'x-union': true,
    },
  },
  {
    feature: 'errors: error.httpStatusCode + exception (client), fault: true (server)',
    botocore: boto({
      op: { errors: [{ shape: 'QuotaException' }, { shape: 'InternalException' }] },
      shapes: {
        QuotaException: {
          type: 'structure',
          members: { message: { shape: 'String' } },
          error: { httpStatusCode: 402, senderFault: true },
          exception: true,
        },
        InternalException: {
          type: 'structure',
          members: { message: { shape: 'String' } },
          error: { httpStatusCode: 500 },
          exception: true,
          fault: true,
        },
        String: { type: 'string' },
      },
    }),
    smithy: smithyFragment({
      op: {
        errors: [{ target: 'ex#QuotaException' }, { target: 'ex#InternalException' }],
        traits: { 'smithy.api#http': { method: 'POST', uri: '/things', code: 200 } },
      },
      shapes: {
        'ex#QuotaException': {
          type: 'structure',
          members: { message: m('smithy.api#String') },
          traits: { 'smithy.api#error': 'client', 'smithy.api#httpError': 402 },
        },
        'ex#InternalException': {
          type: 'structure',
          members: { message: m('smithy.api#String') },
          traits: { 'smithy.api#error': 'server', 'smithy.api#httpError': 500 },
        },
      },
    }),
    path: ['components', 'schemas'],
    expected: expect.objectContaining({
      QuotaException: expect.objectContaining({ 'x-error': { fault: 'client', httpStatus: 402 } }),
      InternalException: expect.objectContaining({ 'x-error': { fault: 'server', httpStatus: 500 } }),
    }),
  },
  {
    feature: 'readonly and responseCode on the operation',
    botocore: boto({
      op: { http: { method: 'GET', requestUri: '/things', responseCode: 201 }, readonly: true },
    }),
    smithy: smithyFragment({
      op: {
        traits: {
          'smithy.api#http': { method: 'GET', uri: '/things', code: 201 },
          'smithy.api#readonly': {},
        },
      },
    }),
    path: ['paths', '/things', 'get'],
    expected: expect.objectContaining({ 'x-readonly': true, responses: { '201': expect.any(Object) } }),
  },
  {
    feature: 'paginators-1.json: x-paginated as Smithy @paginated (service-wide merged with the operation)',
    botocore: boto({
      op: { http: { method: 'GET', requestUri: '/things', responseCode: 200 } },
      input: { nextToken: { shape: 'String', location: 'querystring', locationName: 'nextToken' } },
      output: { items: { shape: 'Names' }, nextToken: { shape: 'String' } },
      shapes: { String: { type: 'string' }, Names: { type: 'list', member: { shape: 'String' } } },
    }),
    paginators: {
      pagination: {
        Op: {
          input_token: 'nextToken',
          output_token: 'nextToken',
          limit_key: 'maxResults',
          result_key: 'items',
        },
      },
    },
    smithy: smithyFragment({
      service: {
        traits: {
          'aws.api#service': { sdkId: 'Example' },
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
          'smithy.api#paginated': { items: 'items' },
        },
      },
      input: { nextToken: m('smithy.api#String', { 'smithy.api#httpQuery': 'nextToken' }) },
      output: { items: m('ex#Names'), nextToken: m('smithy.api#String') },
      shapes: { 'ex#Names': { type: 'list', member: m('smithy.api#String') } },
    }),
    path: ['paths', '/things', 'get', 'x-paginated'],
    expected: { inputToken: 'nextToken', outputToken: 'nextToken', pageSize: 'maxResults', items: 'items' },
  },
]

function at(doc: unknown, keys: string[]): unknown {
  let node = doc
  for (const key of keys) node = (node as Record<string, unknown> | undefined)?.[key]
  return node
}

describe('botocore front end: each feature gives the spec its Smithy twin gives', () => {
  for (const twin of twins) {
    it(twin.feature, () => {
      const fromBotocore = importOne(twin.botocore, twin.paginators)
      expect(at(fromBotocore, twin.path)).toEqual(twin.expected)
      expect(withoutProvenance(fromBotocore)).toEqual(withoutProvenance(importOne(twin.smithy)))
      expect(at(fromBotocore, ['info', 'x-source-model', 'format'])).toBe('botocore')
    })
  }

  it('drops documentation and takes the title and version from metadata.serviceId and apiVersion', () => {
    const model = boto({
      input: { a: { shape: 'String', documentation: '<p>A member.</p>' } },
      shapes: { String: { type: 'string' } },
    })
    Object.assign(model, { documentation: '<p>The service.</p>' })
    Object.assign(model.shapes['OpInput'] ?? {}, { documentation: '<p>The input.</p>' })
    const doc = importOne(model)
    expect(JSON.stringify(doc)).not.toContain('<p>')
    expect([doc.info['title'], doc.info['version']]).toEqual(['Example', '2020-01-01'])
  })

  it('keeps a shape named like an invented member shape when other members use it too', () => {
    const model = boto({
      input: { bucket: { shape: 'OpInputBucketString' }, other: { shape: 'OpInputBucketString' } },
      shapes: { OpInputBucketString: { type: 'string', max: 63 } },
    })
    expect(importOne(model).components.schemas['OpInputBucketString']).toEqual({
      type: 'string',
      maxLength: 63,
    })
  })

  const scalars: Record<string, BotocoreShape> = { String: { type: 'string' }, When: { type: 'timestamp' } }
  it.each([
    [
      'a header binding',
      boto({ input: { h: { shape: 'String', location: 'header', locationName: 'x-h' } }, shapes: scalars }),
      /OpInput\$h: location header is not supported/,
    ],
    [
      'a payload member',
      boto({
        shapes: {
          ...scalars,
          OpInput: { type: 'structure', members: { b: { shape: 'String' } }, payload: 'b' },
        },
      }),
      /OpInput: botocore payload is not supported/,
    ],
    [
      'an ISO-8601 timestamp',
      boto({ input: { t: { shape: 'When', timestampFormat: 'iso8601' } }, shapes: scalars }),
      /OpInput\$t: timestampFormat iso8601 is not supported/,
    ],
  ])('fails, naming the place, on %s (the spec conventions do not cover it)', (_what, model, error) => {
    expect(() => importOne(model)).toThrow(error)
  })
})

describe('smithyPatternFromBotocore', () => {
  it.each([
    ['\\d+', '^\\d+$', 'anchored both ends: re-anchored'],
    ['.*[0-9a-f]{8}.*', '[0-9a-f]{8}', 'wrapped both ends: an unanchored Smithy pattern, unwrapped'],
    ['arn:aws:secretsmanager:.*', '^arn:aws:secretsmanager:.*$', 'a real trailing .* stays, re-anchored'],
    ['.*\\.*', '^.*\\.*$', 'an escaped dot before * is not a wrapper'],
  ])('%s → %s (%s)', (botocore, expected) => {
    expect(smithyPatternFromBotocore(botocore)).toBe(expected)
  })
})

describe('finding paginators-1.json', () => {
  it('looks beside the model, keeping a renamed copy prefix', () => {
    expect(paginatorsPathBeside('/m/service-2.json')).toBe(path.join('/m', 'paginators-1.json'))
    expect(paginatorsPathBeside('/m/botocore-service-2.json')).toBe(
      path.join('/m', 'botocore-paginators-1.json'),
    )
    expect(paginatorsPathBeside('/m/cleanrooms.json')).toBeUndefined()
  })

  it('reads the one beside a botocore model, and fails when an explicit one is missing', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'boto-'))
    await writeFile(path.join(dir, 'service-2.json'), JSON.stringify(boto({})))
    await writeFile(path.join(dir, 'paginators-1.json'), JSON.stringify({ pagination: {} }))
    const file = await readModelFile(path.join(dir, 'service-2.json'))
    expect(file.paginators).toEqual({ path: path.join(dir, 'paginators-1.json'), json: { pagination: {} } })
    await expect(
      readModelFile(path.join(dir, 'service-2.json'), path.join(dir, 'none.json')),
    ).rejects.toThrow(/ENOENT/)
  })
})

const haveModels = [smithyModel, botocoreModel, botocorePaginators].every((f) => existsSync(f))

describe.skipIf(!haveModels)(
  titleFor('the real models (Smithy 2026-04-17, botocore 2026-07-27)', smithyModel, botocoreModel),
  async () => {
    const fromSmithy = haveModels
      ? importModelText(await readFile(smithyModel), { modelDate: '2026-04-17' })
      : undefined
    const fromBotocore = haveModels
      ? importModelText(await readFile(botocoreModel), {
          modelDate: '2026-07-27',
          paginators: JSON.parse(await readFile(botocorePaginators, 'utf8')),
        })
      : undefined

    it('botocore 2026-07-27 = Smithy 2026-04-17 + the changes of cleanrooms-api.md §0 + what botocore cannot say', () => {
      if (!fromSmithy || !fromBotocore) throw new Error('models not loaded')
      const expected = structuredClone(fromSmithy) as OpenApiDocument
      const schemas = expected.components.schemas
      const schema = (name: string): JsonObject => {
        const found = schemas[name]
        if (!found) throw new Error(`no schema ${name}`)
        return found
      }
      // Provenance differs by construction.
      expected.info['x-source-model'] = fromBotocore.info['x-source-model'] ?? null
      // §0 2026-06-30: the payer documentation ("payer candidates") changed for exactly these members.
      const docsBefore = expected.info['x-rule-documentation'] as Record<string, string>
      const docsAfter = fromBotocore.info['x-rule-documentation'] as Record<string, string>
      expect(Object.keys(docsAfter).filter((member) => docsAfter[member] !== docsBefore[member])).toEqual([
        'JobComputePaymentConfig.isResponsible',
        'MembershipJobComputePaymentConfig.isResponsible',
        'ModelInferencePaymentConfig.isResponsible',
        'ModelTrainingPaymentConfig.isResponsible',
        'QueryComputePaymentConfig.isResponsible',
      ])
      expected.info['x-rule-documentation'] = docsAfter
      // §0 2026-05-21: UpdateMembership gains membershipPaymentConfiguration.
      const update = { $ref: `${S}UpdateMembershipPaymentConfiguration` }
      ;(schema('UpdateMembershipInput')['properties'] as JsonObject)['membershipPaymentConfiguration'] =
        update
      ;(schema('UpdateMembershipRequestContent')['properties'] as JsonObject)[
        'membershipPaymentConfiguration'
      ] = update
      schemas['UpdateMembershipPaymentConfiguration'] = {
        type: 'object',
        properties: {
          queryCompute: { $ref: `${S}MembershipQueryComputePaymentConfig` },
          machineLearning: { $ref: `${S}MembershipMLPaymentConfig` },
          jobCompute: { $ref: `${S}MembershipJobComputePaymentConfig` },
        },
      }
      // §0 2026-06-30: description optional, min length 1 → 0, (?!\s*$) → (?!\s+$); CustomMLMemberAbilities loses min 1.
      for (const name of ['CreateCollaborationInput', 'CreateCollaborationRequestContent']) {
        const s = schema(name)
        s['required'] = (s['required'] as string[]).filter((r) => r !== 'description')
      }
      const description = schema('CollaborationDescription')
      delete description['minLength']
      description['pattern'] = (description['pattern'] as string).replace('(?!\\s*$)', '(?!\\s+$)')
      delete schema('CustomMLMemberAbilities')['minItems']
      // Not expressible in botocore (docs/decisions/0003): @uniqueItems, and an explicit @length min 0.
      for (const s of Object.values(schemas)) {
        delete s['uniqueItems']
        for (const key of ['minLength', 'minItems', 'minProperties']) if (s[key] === 0) delete s[key]
      }
      expected.components.schemas = Object.fromEntries(
        Object.entries(schemas).sort(([a], [b]) => (a < b ? -1 : 1)),
      )
      expect(fromBotocore).toEqual(expected)
      // toEqual ignores key order; the spec's bytes depend on it.
      expect(JSON.stringify(fromBotocore)).toBe(JSON.stringify(expected))
    })

    it('import-model writes the botocore spec with the paginators found beside the model', async () => {
      const out = path.join(await mkdtemp(path.join(tmpdir(), 'import-boto-')), 'spec.json')
      expect(await runCli(['import-model', botocoreModel, '--model-date', '2026-07-27', '--out', out])).toBe(
        0,
      )
      const written = JSON.parse(await readFile(out, 'utf8')) as OpenApiDocument
      expect(written).toEqual(fromBotocore)
      expect(at(written, ['paths', '/memberships', 'get', 'x-paginated'])).toEqual({
        inputToken: 'nextToken',
        outputToken: 'nextToken',
        pageSize: 'maxResults',
        items: 'membershipSummaries',
      })
    })
  },
)
