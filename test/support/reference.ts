/** Test support: the AWS models in ../shared/reference exist on our machines and in CI, not in a user's clone. */
import { existsSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const repoRoot = fileURLToPath(new URL('../..', import.meta.url))

/** `../shared/reference`, beside the repository. */
export const referenceDir = path.resolve(repoRoot, '../shared/reference')

/**
 * A test title that says why the test is skipped, only when it is: `describe.skipIf(!ok)(title, …)`.
 * @example describe.skipIf(!present(model))(titleFor('the real model', model), () => { … })
 */
export function titleFor(title: string, ...files: string[]): string {
  const missing = files.filter((file) => !existsSync(file))
  if (missing.length === 0) return title
  const names = missing.map((file) => path.relative(path.dirname(repoRoot), file)).join(', ')
  return `${title} (skipped: ${names} absent; the AWS models live beside the repository on our machines and in CI only)`
}

/** True when every file exists. */
export function present(...files: string[]): boolean {
  return files.every((file) => existsSync(file))
}
