/** Generator: the pipeline's stages on small inputs, and the whole output against what is committed. */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it, vi } from 'vitest'

import { emitErrors } from '../../generator/emit/errors.ts'
import { GENERATED_HEADER } from '../../generator/emit/header.ts'
import { emitOperations } from '../../generator/emit/operations.ts'
import { findDrift, findStray, generate, runGenerate, writeGenerated } from '../../generator/generate.ts'
import type { JsonSchema, OperationIR, SpecIR } from '../../generator/ir.ts'
import type { OpenApiOperation } from '../../generator/load.ts'
import { transformOperationObject, transformSpec } from '../../generator/transform/spec-to-ir.ts'

const root = fileURLToPath(new URL('../..', import.meta.url))
const specPath = join(root, 'spec/cleanrooms.openapi.json')
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` })

const schemas: Record<string, JsonSchema> = {
  Id: { type: 'string', minLength: 36, maxLength: 36 },
  MaxResults: { type: 'integer', minimum: 1, maximum: 100 },
  Token: { type: 'string', maxLength: 10240 },
  Status: { type: 'string', enum: ['ACTIVE', 'REMOVED'] },
  ThingRequestContent: { type: 'object', properties: { name: { type: 'string' }, note: { type: 'string' } } },
  ValidationException: {
    type: 'object',
    properties: { message: { type: 'string' } },
    'x-error': { fault: 'client', httpStatus: 400 },
  },
  InternalServerException: {
    type: 'object',
    properties: { message: { type: 'string' } },
    'x-error': { fault: 'server', httpStatus: 500 },
  },
}

type Case = [
  string,
  { path: string; method: OperationIR['method']; given: OpenApiOperation; want: Partial<OperationIR> },
]

const cases: Case[] = [
  [
    'path labels become label members',
    {
      path: '/things/{thingId}',
      method: 'GET',
      given: {
        operationId: 'GetThing',
        parameters: [{ name: 'thingId', in: 'path', required: true, schema: ref('Id') }],
        responses: { '200': {} },
        'x-readonly': true,
      },
      want: {
        name: 'GetThing',
        labels: ['thingId'],
        query: {},
        bodyMembers: [],
        readonly: true,
        successStatus: 200,
      },
    },
  ],
  [
    'query bindings keep their wire key, member and scalar type',
    {
      path: '/things',
      method: 'GET',
      given: {
        operationId: 'ListThings',
        parameters: [
          { name: 'maxResults', in: 'query', schema: ref('MaxResults') },
          { name: 'next', in: 'query', schema: ref('Token'), 'x-member': 'nextToken' },
          { name: 'status', in: 'query', schema: ref('Status') },
        ],
        responses: { '200': {} },
        'x-paginated': {
          inputToken: 'nextToken',
          outputToken: 'nextToken',
          pageSize: 'maxResults',
          items: 'things',
        },
      },
      want: {
        query: {
          maxResults: { member: 'maxResults', schema: 'MaxResults', type: 'integer' },
          next: { member: 'nextToken', schema: 'Token', type: 'string' },
          status: { member: 'status', schema: 'Status', type: 'string' },
        },
        paginated: {
          inputToken: 'nextToken',
          outputToken: 'nextToken',
          pageSize: 'maxResults',
          items: 'things',
        },
      },
    },
  ],
  [
    'the success status comes from the spec, and body members from the request content schema',
    {
      path: '/things',
      method: 'POST',
      given: {
        operationId: 'CreateThing',
        requestBody: { content: { 'application/json': { schema: ref('ThingRequestContent') } } },
        responses: { '201': {} },
      },
      want: { successStatus: 201, bodyMembers: ['name', 'note'], inputShape: 'CreateThingInput' },
    },
  ],
  [
    'declared errors carry their status and fault from the error schemas',
    {
      path: '/things',
      method: 'POST',
      given: {
        operationId: 'CreateThing',
        responses: { '200': {} },
        'x-errors': ['InternalServerException', 'ValidationException'],
      },
      want: {
        errors: [
          { name: 'InternalServerException', status: 500, fault: 'server' },
          { name: 'ValidationException', status: 400, fault: 'client' },
        ],
      },
    },
  ],
]

describe('transformOperationObject', () => {
  for (const [name, { path, method, given, want }] of cases) {
    it(name, () => {
      expect(transformOperationObject(path, method, given, schemas)).toMatchObject(want)
    })
  }

  it('refuses an operation without a success response', () => {
    const given: OpenApiOperation = { operationId: 'Broken', responses: { '400': {} } }
    expect(() => transformOperationObject('/x', 'GET', given, schemas)).toThrow('Broken: no 2XX response')
  })

  it('refuses a body member whose wire name differs (@jsonName): the mock reads body members by member name', () => {
    const given: OpenApiOperation = {
      operationId: 'Renamed',
      requestBody: { content: { 'application/json': { schema: ref('RenamedRequestContent') } } },
      responses: { '200': {} },
    }
    const withWireName = {
      ...schemas,
      RenamedRequestContent: {
        type: 'object',
        properties: { display_name: { type: 'string', 'x-member': 'displayName' } },
      },
    } satisfies Record<string, JsonSchema>
    expect(() => transformOperationObject('/x', 'POST', given, withWireName)).toThrow(
      'Renamed: body member displayName goes on the wire as display_name (@jsonName)',
    )
  })

  it('refuses a declared error that has no error schema', () => {
    const given: OpenApiOperation = { operationId: 'Op', responses: { '200': {} }, 'x-errors': ['Nope'] }
    expect(() => transformOperationObject('/x', 'GET', given, schemas)).toThrow('declared error Nope')
  })
})

const smallIr: SpecIR = {
  source: { format: 'smithy', modelDate: '2026-04-17', sha256: '0123456789abcdef', service: 'Things' },
  operations: [
    transformOperationObject(
      '/things/{thingId}',
      'GET',
      {
        operationId: 'GetThing',
        parameters: [{ name: 'thingId', in: 'path', required: true, schema: ref('Id') }],
        responses: { '200': {} },
        'x-errors': ['InternalServerException', 'ValidationException'],
      },
      schemas,
    ),
  ],
  schemas,
}

describe('emitters, on a small IR', () => {
  it('emitOperations writes the table as data', async () => {
    await expect(emitOperations(smallIr)).toMatchFileSnapshot('./__snapshots__/operations.small.ts.snap')
  })
  it('emitErrors writes one class per error schema', async () => {
    await expect(emitErrors(smallIr)).toMatchFileSnapshot('./__snapshots__/errors.small.ts.snap')
  })
})

describe('the whole output', () => {
  it('every file generated from the committed spec equals the committed file, byte for byte', async () => {
    const files = await generate(specPath)
    expect([...files.keys()].sort()).toEqual(
      [
        'mocks/generated/errors.ts',
        'mocks/generated/operations.ts',
        'mocks/generated/schema.ts',
        'mocks/generated/types.ts',
        ...[...files.keys()].filter((path) => path.startsWith('contracts/')),
      ].sort(),
    )
    for (const [path, text] of files) {
      expect(text.startsWith(GENERATED_HEADER), `${path} starts with the generated header`).toBe(true)
      expect(await readFile(join(root, path), 'utf8'), path).toBe(text)
    }
  })

  it('the IR of the committed spec has exactly the six operations', async () => {
    const { loadSpec } = await import('../../generator/load.ts')
    const ir = transformSpec(await loadSpec(specPath))
    expect(
      ir.operations.map((operation) => `${operation.method} ${operation.path} ${operation.name}`),
    ).toEqual([
      'POST /collaborations CreateCollaboration',
      'POST /memberships CreateMembership',
      'GET /memberships/{membershipIdentifier} GetMembership',
      'GET /collaborations/{collaborationIdentifier}/members ListMembers',
      'GET /memberships ListMemberships',
      'PATCH /memberships/{membershipIdentifier} UpdateMembership',
    ])
  })
})

describe('the drift check (generate --check)', () => {
  it('names the file that differs, exits 1, and passes again once regenerated', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'cleanrooms-drift-'))
    try {
      const files = await generate(specPath)
      await writeGenerated(dir, files)
      await writeFile(join(dir, 'spec.json'), await readFile(specPath))
      expect(await findDrift(dir, files)).toEqual([])

      await writeFile(join(dir, 'mocks/generated/operations.ts'), '// edited by hand\n')
      expect(await findDrift(dir, files)).toEqual(['mocks/generated/operations.ts'])
      vi.spyOn(console, 'log').mockImplementation(() => {})
      const errors = vi.spyOn(console, 'error').mockImplementation(() => {})
      expect(await runGenerate({ root: dir, spec: 'spec.json', check: true })).toBe(1)
      expect(errors.mock.calls[0]?.[0]).toContain('mocks/generated/operations.ts')

      await runGenerate({ root: dir, spec: 'spec.json', check: false })
      expect(await runGenerate({ root: dir, spec: 'spec.json', check: true })).toBe(0)
    } finally {
      vi.restoreAllMocks()
      await rm(dir, { recursive: true, force: true })
    }
  })

  it('catches a hand edit of every generated file, contracts/generated included', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'cleanrooms-drift-'))
    try {
      const files = await generate(specPath)
      expect([...files.keys()]).toContain('contracts/generated/interactions.ts')
      await writeGenerated(dir, files)
      for (const [file, text] of files) {
        await writeFile(join(dir, file), `${text}// edited by hand\n`)
        expect(await findDrift(dir, files)).toEqual([file])
        await writeFile(join(dir, file), text)
      }
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  })

  it('fails on a stray file in a generated folder; generate deletes stale generated ones only', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'cleanrooms-drift-'))
    try {
      const files = await generate(specPath)
      await writeGenerated(dir, files)
      await writeFile(join(dir, 'spec.json'), await readFile(specPath))
      // The output of an emitter since removed, and a file someone wrote by hand.
      await writeFile(join(dir, 'contracts/generated/old-builders.ts'), `${GENERATED_HEADER}export {}\n`)
      await writeFile(join(dir, 'mocks/generated/helpers.ts'), 'export const x = 1\n')
      expect(await findStray(dir, files)).toEqual([
        'contracts/generated/old-builders.ts',
        'mocks/generated/helpers.ts',
      ])
      vi.spyOn(console, 'log').mockImplementation(() => {})
      const errors = vi.spyOn(console, 'error').mockImplementation(() => {})
      expect(await runGenerate({ root: dir, spec: 'spec.json', check: true })).toBe(1)
      expect(errors.mock.calls.map(([line]) => String(line))).toEqual([
        'drift: contracts/generated/old-builders.ts is in a generated folder but not generated; delete it',
        'drift: mocks/generated/helpers.ts is in a generated folder but not generated; delete it',
        'run `npm run generate` and commit the result',
      ])

      await runGenerate({ root: dir, spec: 'spec.json', check: false })
      expect(await findStray(dir, files)).toEqual(['mocks/generated/helpers.ts'])
    } finally {
      vi.restoreAllMocks()
      await rm(dir, { recursive: true, force: true })
    }
  })
})
