/** Architecture test: mocks/domain stays pure (no transport, no node:*, no ambient time or randomness, no awaits). */
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

import { describe, expect, it } from 'vitest'

const DOMAIN = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../mocks/domain')
const files = readdirSync(DOMAIN).filter((name) => name.endsWith('.ts'))

/** Source text without comments, so TSDoc examples may mention what code must not use. */
function code(file: string): string {
  return readFileSync(path.join(DOMAIN, file), 'utf8')
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/^\s*\/\/.*$/gm, '')
}

describe('mocks/domain is pure', () => {
  it.each(files)('%s imports only the domain and the generated types and errors', (file) => {
    const sources = [...code(file).matchAll(/from '([^']+)'/g)].map((match) => match[1])
    for (const source of sources)
      expect(source).toMatch(/^\.\/[a-z-]+\.ts$|^\.\.\/generated\/(types|errors)\.ts$/)
  })

  it.each(files)('%s uses no ambient time, randomness, I/O or awaits (R-STATE-1, R-MEM-5)', (file) => {
    const text = code(file)
    for (const forbidden of [
      /\bDate\b/,
      /Math\.random/,
      /\bcrypto\b/,
      /\bprocess\b/,
      /\bglobalThis\b/,
      /\bawait\b/,
      /\basync\b/,
      /\bsetTimeout\b/,
      /\bperformance\b/,
    ]) {
      expect(text, `${file} uses ${forbidden}`).not.toMatch(forbidden)
    }
  })
})
