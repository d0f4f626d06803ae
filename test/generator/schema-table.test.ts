/** Generator: the schema table emitter — stable bytes, errors at spec paths, and every emitter's output type-checked. */
import { mkdir, mkdtemp, readdir, rm, symlink, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import ts from 'typescript'
import { describe, expect, it } from 'vitest'

import { emitErrors } from '../../generator/emit/errors.ts'
import { emitInteractions } from '../../generator/emit/interactions.ts'
import { emitOperations } from '../../generator/emit/operations.ts'
import { buildSchemaTable, emitSchemaTable } from '../../generator/emit/schema-table.ts'
import { emitTypes } from '../../generator/emit/types.ts'
import type { JsonSchema, SpecIR } from '../../generator/ir.ts'
import type { OpenApiDocument } from '../../generator/load.ts'
import { repoRoot } from './emitted.ts'
import { sampleIR } from './sample-ir.ts'

function withSchemas(extra: Record<string, JsonSchema>): SpecIR {
  return { ...sampleIR, schemas: { ...sampleIR.schemas, ...extra } }
}

describe('emitSchemaTable', () => {
  it('is deterministic: the same IR gives the same bytes', () => {
    expect(emitSchemaTable(structuredClone(sampleIR))).toBe(emitSchemaTable(sampleIR))
  })

  it('merges a member-level constraint over the named shape it points at (allOf)', () => {
    const table = buildSchemaTable(sampleIR)
    const member = table.shapes['MemberSpecification']
    expect(member?.type === 'structure' && member.members['nickname']).toEqual({
      type: 'string',
      minLength: 1,
      maxLength: 20,
      pattern: sampleIR.schemas['DisplayName']?.pattern,
    })
    expect(member?.type === 'structure' && member.members['displayName']).toBe('DisplayName')
  })

  it('names the spec path of a keyword it cannot carry', () => {
    expect(() => buildSchemaTable(withSchemas({ Odd: { type: 'integer', multipleOf: 2 } as never }))).toThrow(
      '#/components/schemas/Odd: keyword multipleOf is not supported',
    )
  })

  it('names the spec path of a pattern that is not a regex', () => {
    const ir = withSchemas({
      Bad: { type: 'object', properties: { code: { type: 'string', pattern: '(' } } },
    })
    expect(() => buildSchemaTable(ir)).toThrow(
      '#/components/schemas/Bad/properties/code/pattern: not an ECMA-262 regex',
    )
  })

  it('names the spec path of an inline container and of a reference to nothing', () => {
    const inline = withSchemas({
      Holder: { type: 'object', properties: { items: { type: 'array', items: { type: 'string' } } } },
    })
    expect(() => buildSchemaTable(inline)).toThrow(
      '#/components/schemas/Holder/properties/items: an inline list has no name to walk by',
    )
    const dangling = withSchemas({
      Holder: { type: 'array', items: { $ref: '#/components/schemas/Nowhere' } },
    })
    expect(() => buildSchemaTable(dangling)).toThrow(
      '#/components/schemas/Holder/items: references #/components/schemas/Nowhere, which the spec does not define',
    )
  })
})

/** An OpenAPI document holding the IR's schemas, for openapi-typescript (the sample IR has no paths). */
function documentOf(ir: SpecIR): OpenApiDocument {
  return {
    openapi: '3.1.0',
    info: { title: ir.source.service, version: '1' },
    paths: {},
    components: { schemas: ir.schemas },
  } as unknown as OpenApiDocument
}

describe('every emitter output type-checks', () => {
  it('for the hand-made IR, laid out as the repository lays out the generated files', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'cleanrooms-emitted-'))
    try {
      // The hand-written code the emitted files import, and the packages, linked as in the repository.
      for (const folder of ['mocks', 'contracts']) {
        await mkdir(path.join(dir, folder, 'generated'), { recursive: true })
        for (const entry of await readdir(path.join(repoRoot, folder))) {
          if (entry === 'generated') continue
          await symlink(path.join(repoRoot, folder, entry), path.join(dir, folder, entry))
        }
      }
      await symlink(path.join(repoRoot, 'node_modules'), path.join(dir, 'node_modules'), 'dir')
      await writeFile(path.join(dir, 'package.json'), '{ "type": "module" }\n')
      const files: Record<string, string> = {
        'mocks/generated/types.ts': await emitTypes(documentOf(sampleIR), sampleIR),
        'mocks/generated/operations.ts': emitOperations(sampleIR),
        'mocks/generated/errors.ts': emitErrors(sampleIR),
        'mocks/generated/schema.ts': emitSchemaTable(sampleIR),
        'contracts/generated/interactions.ts': emitInteractions(sampleIR),
      }
      for (const [file, text] of Object.entries(files)) await writeFile(path.join(dir, file), text)

      const config = ts.readConfigFile(path.join(repoRoot, 'tsconfig.json'), ts.sys.readFile).config
      const { options } = ts.parseJsonConfigFileContent(config, ts.sys, repoRoot)
      const program = ts.createProgram(
        Object.keys(files).map((file) => path.join(dir, file)),
        { ...options, noEmit: true },
      )
      const diagnostics = ts
        .getPreEmitDiagnostics(program)
        .map((diagnostic) => ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'))
      expect(diagnostics).toEqual([])
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  }, 60_000)
})
