/** The generator pipeline: load → transform → emit, and the drift check over its output. */
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { dirname, join, relative, resolve } from 'node:path'

import { emitErrors } from './emit/errors.ts'
import { GENERATED_HEADER, GENERATED_MARK, generatedHeader } from './emit/header.ts'
import { emitInteractions } from './emit/interactions.ts'
import { emitOperations } from './emit/operations.ts'
import { emitSchemaTable } from './emit/schema-table.ts'
import { emitTypes } from './emit/types.ts'
import { loadSpec } from './load.ts'
import type { ProfileSource } from './profiles.ts'
import { transformSpec } from './transform/spec-to-ir.ts'

/** Every generated file, by path relative to the project root. */
export type GeneratedFiles = Map<string, string>

/** Generates every file from the spec, in memory. */
export async function generate(specPath: string): Promise<GeneratedFiles> {
  const doc = await loadSpec(specPath)
  const ir = transformSpec(doc)
  const files: GeneratedFiles = new Map()
  files.set('mocks/generated/types.ts', await emitTypes(doc, ir))
  files.set('mocks/generated/operations.ts', emitOperations(ir))
  files.set('mocks/generated/errors.ts', emitErrors(ir))
  files.set('mocks/generated/schema.ts', emitSchemaTable(ir))
  files.set('contracts/generated/interactions.ts', emitInteractions(ir))
  return files
}

/**
 * The tables of a non-default model profile (types, operations, schema table) from its own spec, into its own
 * folder `out` (mocks/generated/<date>/). Errors and Pact builders stay the default profile's: errors are the
 * same classes in every model, and contracts follow the default model.
 */
export async function generateProfile(specPath: string, spec: string, out: string): Promise<GeneratedFiles> {
  const doc = await loadSpec(specPath)
  const ir = transformSpec(doc)
  const header = generatedHeader(spec)
  // The emitters write for mocks/generated/; one folder deeper, their imports of the runtime go one more up.
  const relocate = (text: string) => {
    if (!text.startsWith(GENERATED_HEADER)) throw new Error('emitter output lacks the generated header')
    return header + text.slice(GENERATED_HEADER.length).replaceAll("from '../schema/", "from '../../schema/")
  }
  const files: GeneratedFiles = new Map()
  files.set(`${out}/types.ts`, relocate(await emitTypes(doc, ir)))
  files.set(`${out}/operations.ts`, relocate(emitOperations(ir)))
  files.set(`${out}/schema.ts`, relocate(emitSchemaTable(ir)))
  return files
}

/** The default spec's files plus every non-default profile's, each profile's spec read from under `root`. */
export async function generateAll(
  root: string,
  spec: string,
  profiles: readonly ProfileSource[],
): Promise<GeneratedFiles> {
  const files = await generate(resolve(root, spec))
  for (const profile of profiles) {
    if (profile.out === undefined) continue
    for (const [path, text] of await generateProfile(
      resolve(root, profile.spec),
      profile.spec,
      profile.out,
    )) {
      files.set(path, text)
    }
  }
  return files
}

/**
 * Writes the generated files under `root`, and deletes files an earlier generation left in the
 * generated folders that this one no longer produces (only those carrying the generated header).
 */
export async function writeGenerated(root: string, files: GeneratedFiles): Promise<void> {
  for (const [path, text] of files) {
    const target = join(root, path)
    await mkdir(dirname(target), { recursive: true })
    await writeFile(target, text)
  }
  for (const path of await findStray(root, files)) {
    const text = await readFile(join(root, path), 'utf8')
    if (text.startsWith(GENERATED_MARK)) await rm(join(root, path))
  }
}

/** Compares the generated files with what is on disk; returns the paths that differ or are missing. */
export async function findDrift(root: string, files: GeneratedFiles): Promise<string[]> {
  const drifted: string[] = []
  for (const [path, text] of files) {
    const onDisk = await readFile(join(root, path), 'utf8').catch(() => undefined)
    if (onDisk !== text) drifted.push(relative(root, join(root, path)))
  }
  return drifted
}

/**
 * Files in the generated folders that the spec does not generate: the output of an emitter since
 * removed or renamed, which would otherwise stay importable and pass the drift check.
 */
export async function findStray(root: string, files: GeneratedFiles): Promise<string[]> {
  const folders = [...new Set([...files.keys()].map((path) => dirname(path)))].sort()
  const stray: string[] = []
  for (const folder of folders) {
    const entries = await readdir(join(root, folder), { withFileTypes: true }).catch(() => [])
    for (const entry of entries) {
      const path = `${folder}/${entry.name}`
      if (entry.isFile() && !files.has(path)) stray.push(path)
    }
  }
  return stray.sort()
}

/**
 * `cleanrooms-mock generate [--check] [--spec path]`: writes every generated file, or with `check`
 * writes nothing and fails (exit 1) naming each file that differs from the spec's output and each
 * stray file in a generated folder.
 */
export async function runGenerate(options: {
  root: string
  spec: string
  check: boolean
  /** The model profiles whose own tables are generated too (generator/profiles.ts); none by default. */
  profiles?: readonly ProfileSource[]
}): Promise<number> {
  // resolve, not join: an absolute --spec is that file, not a path under the root.
  const files = await generateAll(options.root, options.spec, options.profiles ?? [])
  if (!options.check) {
    await writeGenerated(options.root, files)
    console.log(`generated ${files.size} files from ${options.spec}`)
    return 0
  }
  const drifted = await findDrift(options.root, files)
  const stray = await findStray(options.root, files)
  if (drifted.length === 0 && stray.length === 0) {
    console.log(`generated code is up to date with ${options.spec} (${files.size} files)`)
    return 0
  }
  for (const path of drifted) console.error(`drift: ${path} differs from what ${options.spec} generates`)
  for (const path of stray)
    console.error(`drift: ${path} is in a generated folder but not generated; delete it`)
  console.error('run `npm run generate` and commit the result')
  return 1
}
