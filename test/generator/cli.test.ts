/** CLI: every subcommand's --help, its usage errors (exit 2), and error messages that name the file at fault. */
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { DIFF_USAGE } from '../../cli/diff.ts'
import { runCli } from '../../cli/index.ts'
import { SERVE_USAGE } from '../../cli/serve.ts'
import { VERIFY_USAGE } from '../../cli/verify.ts'

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
const SPEC = path.join(repoRoot, 'spec/cleanrooms.openapi.json')
const SUBCOMMANDS = ['generate', 'serve', 'diff', 'import-model', 'verify'] as const

/** Runs the CLI with console output captured. */
async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = []
  const err: string[] = []
  vi.spyOn(console, 'log').mockImplementation((line) => void out.push(String(line)))
  vi.spyOn(console, 'warn').mockImplementation((line) => void err.push(String(line)))
  vi.spyOn(console, 'error').mockImplementation((line) => void err.push(String(line)))
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => out.push(String(chunk)) > 0)
  try {
    const code = await runCli(argv)
    return { code, out: out.join('\n'), err: err.join('\n') }
  } finally {
    vi.restoreAllMocks()
  }
}

let dir: string
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'cleanrooms-cli-'))
  await writeFile(path.join(dir, 'broken.json'), '{"smithy": "2.0", ')
  await writeFile(path.join(dir, 'package.json'), '{"name": "not-a-model"}')
})
afterAll(() => rm(dir, { recursive: true, force: true }))
afterEach(() => vi.restoreAllMocks())

describe('--help', () => {
  it.each(SUBCOMMANDS)(
    '%s --help: exit 0, the usage, then a line for every option of the usage',
    async (name) => {
      const { code, out } = await cli(name, '--help')
      expect(code).toBe(0)
      const [usage, ...rest] = out.split('\n')
      expect(usage).toMatch(new RegExp(`^usage: cleanrooms-mock ${name} `))
      const described = rest.filter((line) => line.startsWith('  ')).map((line) => line.trim().split(' ')[0])
      const inUsage = [...(usage ?? '').matchAll(/(--[a-z-]+)/g)].map((match) => match[1])
      for (const option of inUsage) expect(described, `${name} ${option}`).toContain(option)
      expect(rest.join('\n')).toMatch(/^exit: 0 .*2 bad arguments/m)
    },
  )

  it('the usage printed on a wrong option is the one each subcommand prints itself', async () => {
    const own: Record<string, string> = { serve: SERVE_USAGE, diff: DIFF_USAGE, verify: VERIFY_USAGE }
    for (const [name, usage] of Object.entries(own)) {
      const { err } = await cli(name, '--no-such-option')
      expect(err.split('\n')).toContain(`usage: cleanrooms-mock ${usage}`)
    }
  })

  it('without a command: the help on stderr, exit 2', async () => {
    const { code, out, err } = await cli()
    expect(code).toBe(2)
    expect(out).toBe('')
    expect(err).toContain('commands:')
  })
})

describe('wrong arguments exit 2 and say which', () => {
  it.each(SUBCOMMANDS)('%s --no-such-option', async (name) => {
    const { code, err } = await cli(name, '--no-such-option')
    expect(code).toBe(2)
    expect(err).toContain(`cleanrooms-mock ${name}: Unknown option '--no-such-option'`)
    expect(err).toContain(`usage: cleanrooms-mock ${name} `)
  })

  it('an option without its value', async () => {
    const { code, err } = await cli('diff', SPEC, SPEC, '--fail-on')
    expect(code).toBe(2)
    expect(err).toMatch(/--fail-on <value>' argument missing/)
  })

  it('a stray argument to generate', async () => {
    const { code, err } = await cli('generate', 'extra')
    expect(code).toBe(2)
    expect(err).toContain("Unexpected argument 'extra'")
  })

  it('a --model-date that is not a day', async () => {
    for (const date of ['2026-4-17', '2026-02-30', 'yesterday']) {
      const { code, err } = await cli('import-model', 'model.json', '--model-date', date)
      expect(code, date).toBe(2)
      expect(err).toContain(`--model-date must be a date as YYYY-MM-DD, got ${date}`)
    }
  })
})

describe('errors name the file at fault', () => {
  it('import-model: a file that is not JSON, and JSON that is not an AWS model', async () => {
    const out = path.join(dir, 'spec.json')
    const broken = path.join(dir, 'broken.json')
    const notModel = path.join(dir, 'package.json')
    const first = await cli('import-model', broken, '--model-date', '2026-04-17', '--out', out)
    expect(first.code).toBe(1)
    expect(first.err).toContain(`${broken} is not valid JSON`)
    const second = await cli('import-model', notModel, '--model-date', '2026-04-17', '--out', out)
    expect(second.code).toBe(1)
    expect(second.err).toContain(`${notModel}: not an AWS model`)
  })

  it('import-model and diff: a model the importer cannot read is named in the message', async () => {
    const empty = path.join(dir, 'empty.smithy.json')
    await writeFile(empty, JSON.stringify({ smithy: '2.0', shapes: {} }))
    const imported = await cli(
      'import-model',
      empty,
      '--model-date',
      '2026-04-17',
      '--out',
      path.join(dir, 'o.json'),
    )
    expect(imported.code).toBe(1)
    expect(imported.err).toContain(`${empty}: expected exactly one service shape`)
    const diffed = await cli('diff', SPEC, empty)
    expect(diffed.code).toBe(2)
    expect(diffed.err).toContain(`${empty}: expected exactly one service shape`)
  })

  it('diff: an unreadable side exits 2 (1 would read as "something breaks"), naming the file', async () => {
    const broken = path.join(dir, 'broken.json')
    const notModel = path.join(dir, 'package.json')
    const first = await cli('diff', SPEC, broken)
    expect(first).toMatchObject({ code: 2 })
    expect(first.err).toContain(`${broken} is not valid JSON`)
    const second = await cli('diff', notModel, SPEC)
    expect(second).toMatchObject({ code: 2 })
    expect(second.err).toContain(`${notModel}: not an AWS model`)
    const third = await cli('diff', path.join(dir, 'missing.json'), SPEC, '--fail-on', 'none')
    expect(third).toMatchObject({ code: 2 })
    expect(third.err).toContain(path.join(dir, 'missing.json'))
  })

  it('import-model: a --paginators file that is not one', async () => {
    const model = path.join(dir, 'service-2.json')
    await writeFile(model, JSON.stringify({ metadata: {}, operations: {}, shapes: {} }))
    const notPaginators = path.join(dir, 'package.json')
    const { code, err } = await cli(
      'import-model',
      model,
      '--model-date',
      '2026-04-17',
      '--paginators',
      notPaginators,
      '--out',
      path.join(dir, 'spec.json'),
    )
    expect(code).toBe(1)
    expect(err).toContain(`${notPaginators}: not a botocore paginators-1.json`)
  })

  it('generate --spec: an absolute path is read as given (not under the project), and named when broken', async () => {
    const broken = path.join(dir, 'broken.json')
    const failed = await cli('generate', '--check', '--spec', broken)
    expect(failed.code).toBe(1)
    expect(failed.err).toContain(`${broken} is not valid JSON`)
  })
})
