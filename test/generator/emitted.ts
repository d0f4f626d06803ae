/** Test helper: writes emitted validators/fixtures to a temp dir and imports them, as the mock would. */
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

import { emitFixtures } from '../../generator/emit/fixtures.ts'
import { emitValidators } from '../../generator/emit/validators.ts'
import type { SpecIR } from '../../generator/ir.ts'
import { loadSpec } from '../../generator/load.ts'
import { transformSpec } from '../../generator/transform/spec-to-ir.ts'

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')

export interface ValidationIssue {
  path: string
  message: string
  kind: 'type' | 'constraint'
}
export type Validator = (value: unknown) => ValidationIssue[]
export interface ValidatorsModule {
  validateInput: Record<string, Validator>
  validateShape: Record<string, Validator>
}
export type Factory = (overrides?: Record<string, unknown>) => unknown
export interface FixturesModule {
  createFixtures(seed?: number): Record<string, Factory>
}

export interface Emitted {
  validators: ValidatorsModule
  fixtures: FixturesModule
  /** Removes the temp dir. */
  cleanup(): Promise<void>
}

/**
 * Emits both files for `ir` into `<tmp>/generated/` next to `<tmp>/fixtures` and `<tmp>/validation` links
 * to the repo's mocks/fixtures and mocks/validation, so the emitted `../fixtures/runtime.ts` and
 * `../validation/runtime.ts` imports resolve exactly as they do in the repo.
 */
export async function loadEmitted(ir: SpecIR): Promise<Emitted> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'cleanrooms-emitted-'))
  await mkdir(path.join(dir, 'generated'))
  for (const runtime of ['fixtures', 'validation']) {
    await symlink(path.join(repoRoot, 'mocks', runtime), path.join(dir, runtime), 'dir')
  }
  const validatorsFile = path.join(dir, 'generated/validators.ts')
  const fixturesFile = path.join(dir, 'generated/fixtures.ts')
  await writeFile(validatorsFile, emitValidators(ir))
  await writeFile(fixturesFile, emitFixtures(ir))
  const validators = (await import(pathToFileURL(validatorsFile).href)) as ValidatorsModule
  const fixtures = (await import(pathToFileURL(fixturesFile).href)) as FixturesModule
  return { validators, fixtures, cleanup: () => rm(dir, { recursive: true, force: true }) }
}

/** The IR of the committed spec (spec/cleanrooms.openapi.json). */
export async function realSpecIR(): Promise<SpecIR> {
  return transformSpec(await loadSpec(path.join(repoRoot, 'spec/cleanrooms.openapi.json')))
}
