/** Test helper: the schema table of an IR, interpreted as the mock interprets the generated one. */
import path from 'node:path'
import { fileURLToPath } from 'node:url'

import { buildSchemaTable } from '../../generator/emit/schema-table.ts'
import type { SpecIR } from '../../generator/ir.ts'
import { loadSpec } from '../../generator/load.ts'
import { transformSpec } from '../../generator/transform/spec-to-ir.ts'
import { TableSampler } from '../../mocks/fixtures/sample.ts'
import { fixtureRandom } from '../../mocks/fixtures/sample-string.ts'
import type { SchemaTable } from '../../mocks/schema/table.ts'
import { compileValidators, type Validators } from '../../mocks/schema/validate.ts'

export type { ValidationIssue, Validator } from '../../mocks/schema/validate.ts'

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')

export type Factory = (overrides?: Record<string, unknown>) => unknown
export interface FixturesModule {
  createFixtures(seed?: number): Record<string, Factory>
}

export interface Emitted {
  table: SchemaTable
  validators: Validators
  fixtures: FixturesModule
}

/** The table the generator builds for `ir` (what `emitSchemaTable` prints), with its validators and fixtures. */
export function loadEmitted(ir: SpecIR): Emitted {
  const table = buildSchemaTable(ir)
  return {
    table,
    validators: compileValidators(table),
    fixtures: {
      createFixtures(seed = 1) {
        const sampler = new TableSampler(table, fixtureRandom(seed))
        return Object.fromEntries(
          Object.keys(table.shapes).map((name) => [name, (overrides) => sampler.sample(name, overrides)]),
        ) as Record<string, Factory>
      },
    },
  }
}

/** The IR of the committed spec (spec/cleanrooms.openapi.json). */
export async function realSpecIR(): Promise<SpecIR> {
  return transformSpec(await loadSpec(path.join(repoRoot, 'spec/cleanrooms.openapi.json')))
}
