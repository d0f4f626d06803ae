/** Architecture test: the main entry (`cleanrooms-mock`) loads in a browser, for MSW's setupWorker: nothing it reaches imports node:*. */
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

import { describe, expect, it } from 'vitest'

const MOCKS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../mocks')

/** Packages the main entry may import: each loads in browsers (msw, and the signer's pure-JS parts). */
const BROWSER_SAFE_PACKAGES = ['msw', '@smithy/signature-v4', '@smithy/types', '@aws-crypto/sha256-js']

/** Every module specifier of a source file (static imports and re-exports, dynamic imports), comments removed. */
function specifiers(file: string): string[] {
  const text = readFileSync(file, 'utf8')
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/^\s*\/\/.*$/gm, '')
  return [...text.matchAll(/(?:\bfrom\s*|\bimport\s*\(?\s*)'([^']+)'/g)].map((match) => match[1] ?? '')
}

/** The files reachable from `entry` through relative imports, and every package specifier they use. */
function importGraph(entry: string): { files: string[]; packages: Set<string> } {
  const files: string[] = []
  const packages = new Set<string>()
  const queue = [entry]
  while (queue.length > 0) {
    const file = queue.pop() ?? ''
    if (files.includes(file)) continue
    files.push(file)
    for (const specifier of specifiers(file)) {
      if (specifier.startsWith('.')) queue.push(path.resolve(path.dirname(file), specifier))
      else packages.add(specifier)
    }
  }
  return { files, packages }
}

describe('the main entry is browser-safe', () => {
  const { files, packages } = importGraph(path.join(MOCKS, 'index.ts'))

  it('reaches the protocol layer and the domain (the walk follows imports)', () => {
    const reached = files.map((file) => path.relative(MOCKS, file))
    expect(reached).toEqual(
      expect.arrayContaining([
        'core/create-mock.ts',
        'msw.ts',
        'protocol/handle-request.ts',
        'domain/store.ts',
      ]),
    )
  })

  it('imports no node:* module and only packages that load in browsers', () => {
    for (const specifier of packages) {
      expect(specifier, 'a node built-in would break setupWorker').not.toMatch(/^node:/)
      const name = specifier.startsWith('@')
        ? specifier.split('/').slice(0, 2).join('/')
        : specifier.split('/')[0]
      expect(BROWSER_SAFE_PACKAGES, `${specifier} is not known to be browser-safe`).toContain(name)
    }
  })

  it('does not reach the node-only ways in (server, state file, accounts file)', () => {
    const reached = files.map((file) => path.relative(MOCKS, file))
    for (const nodeOnly of ['server.ts', 'state-file.ts', 'accounts-file.ts']) {
      expect(reached).not.toContain(nodeOnly)
    }
  })
})
