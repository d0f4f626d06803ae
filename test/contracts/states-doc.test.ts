/** docs/contracts.md lists the provider states exactly as the catalogue (contracts/provider/states.ts) defines them. */
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { providerStates } from '../../contracts/provider/states.ts'

const root = path.resolve(import.meta.dirname, '../..')

interface DocumentedState {
  name: string
  params: Record<string, string | undefined>
  returns: string[]
}

/** The rows of the table in section "2. Provider states": name | parameters (default) | sets up | returns. */
async function documentedStates(): Promise<DocumentedState[]> {
  const text = await readFile(path.join(root, 'docs/contracts.md'), 'utf8')
  const section = text.slice(text.indexOf('## 2. Provider states'), text.indexOf('## 3.'))
  const rows = section.split('\n').filter((line) => /^\| `/.test(line))
  const states: DocumentedState[] = []
  for (const row of rows) {
    const [name = '', params = '', , returns = ''] = row
      .split('|')
      .slice(1, -1)
      .map((cell) => cell.trim())
    const parsed: Record<string, string | undefined> = {}
    // "`accountId` (`222222222222`, …)": a parameter and, in parentheses, its default.
    for (const match of params.matchAll(/`([a-zA-Z]+)`(?: \(`([^`]*)`)?/g)) {
      if (match[1]) parsed[match[1]] = match[2]
    }
    // "… and the parameters above": the previous row's parameters too.
    if (params.includes('the parameters above')) Object.assign(parsed, states.at(-1)?.params)
    states.push({
      name: name.replace(/^`|`$/g, ''),
      params: parsed,
      returns: [...returns.matchAll(/`([a-zA-Z]+)`/g)].map((match) => match[1] ?? ''),
    })
  }
  return states
}

describe('docs/contracts.md, section 2', () => {
  it('names every catalogued state, with its parameters, their defaults and what it returns', async () => {
    const catalogue = providerStates.map(
      (state): DocumentedState => ({
        name: state.name,
        params: Object.fromEntries(
          Object.entries(state.params).map(([param, spec]) => [param, String(spec.default)]),
        ),
        returns: Object.keys(state.returns),
      }),
    )
    const documented = await documentedStates()
    expect(documented.map((state) => state.name)).toEqual(catalogue.map((state) => state.name))
    for (const state of catalogue) {
      const doc = documented.find((row) => row.name === state.name)
      expect(doc?.params, state.name).toEqual(state.params)
      expect(doc?.returns.sort(), state.name).toEqual([...state.returns].sort())
    }
  })
})
