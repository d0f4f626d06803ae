// CI smoke test: the packed tarball, installed into fresh projects the way a user installs it, on Node 20, 22
// and 24 (22 and 24 from the `node` package of the npm registry, `npx -y node@22`), with msw 2 and 3 and
// Pact 16 and 17. Each leg runs the README's test files under vitest, a Jest (CommonJS) test, plain Node ESM
// and CommonJS scripts, tsc as ESM and CommonJS consumers (module nodenext) and as a bundler consumer,
// `npx cleanrooms-mock --help`, `serve --port 0` with one `curl --aws-sigv4` call, and `verify` on a pact.
//
// usage: node .ci/smoke.mjs <tarball> <results dir> [leg names…]
// Prints one line per check and each leg's time; writes <results dir>/smoke.tap (read by .ci/summarize.mjs).
import { execFileSync, spawn, spawnSync } from 'node:child_process'
import { copyFileSync, cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

import { readmeTestFiles } from '../test/package/readme-blocks.mjs'

const root = fileURLToPath(new URL('..', import.meta.url))
const fixtures = path.join(root, 'test/package/consumer')
const PACT_FILE = path.join(root, 'contracts/pacts/CleanRoomsConsumerExample-CleanRoomsMock.json')

/** The legs: which Node, and which majors of the peer dependencies a project on it would install. */
const LEGS = [
  { name: 'node20', node: 'system', msw: '2', pact: '16', withoutPeers: true },
  { name: 'node22', node: '22', msw: '3', pact: '17' },
  { name: 'node24', node: '24', msw: '2', pact: '16' },
  // The oldest Node "engines" allows: plain require() and import only (vitest 4 and Pact need a newer Node 20).
  { name: 'node20.11', node: '20.11.1', scriptsOnly: true, reuses: 'node20' },
]

const [tarballArg, resultsArg, ...only] = process.argv.slice(2)
if (tarballArg === undefined || resultsArg === undefined) {
  console.error('usage: node .ci/smoke.mjs <tarball> <results dir> [legs…]')
  process.exit(2)
}
const tarball = path.resolve(tarballArg)
const results = path.resolve(resultsArg)
const work = mkdtempSync(path.join(os.tmpdir(), 'cleanrooms-smoke-'))
const outcomes = []
const projects = new Map()

for (const leg of LEGS.filter((l) => only.length === 0 || only.includes(l.name))) {
  const started = Date.now()
  console.log(`\n-- smoke ${leg.name}`)
  try {
    await runLeg(leg)
  } catch (error) {
    record(leg, 'leg set-up', false, error instanceof Error ? error.message : String(error))
  }
  console.log(`-- smoke ${leg.name}: ${((Date.now() - started) / 1000).toFixed(1)} s`)
}
writeTap()
const failed = outcomes.filter((o) => !o.ok).length
console.log(`\nsmoke: ${outcomes.length - failed} passed, ${failed} failed`)
process.exitCode = failed > 0 ? 1 : 0
// The projects hold about 1 GB of node_modules, slow to delete on a busy disk: removed in the background,
// so CI does not wait for it.
spawn('rm', ['-rf', work], { detached: true, stdio: 'ignore' }).unref()

async function runLeg(leg) {
  const env = envFor(nodeBin(leg.node))
  const version = execFileSync('node', ['--version'], { env, encoding: 'utf8' }).trim()
  console.log(`   node ${version}`)
  const dir = leg.reuses ? projects.get(leg.reuses) : install(leg, env)
  if (dir === undefined) throw new Error(`leg ${leg.reuses} did not run`)
  projects.set(leg.name, dir)

  // Pact 16 requires an ES-only module, which Node 20.11 to 20.18 cannot require: there, no /contracts.
  const flags = leg.scriptsOnly ? ['--without-contracts'] : []
  const what = leg.scriptsOnly ? 'every entry but /contracts' : 'every entry'
  await check(leg, `plain Node ESM: import ${what}`, () => run(env, dir, 'node', ['esm.mjs', ...flags]))
  await check(leg, `plain Node CommonJS: require ${what}`, () => run(env, dir, 'node', ['cjs.cjs', ...flags]))
  if (leg.scriptsOnly) return

  for (const { file } of readmeTestFiles(
    readFileSync(path.join(dir, 'node_modules/cleanrooms-mock/README.md'), 'utf8'),
  )) {
    await check(leg, `README ${file} under vitest`, () =>
      run(env, dir, 'node', ['node_modules/vitest/vitest.mjs', 'run', file]),
    )
  }
  await check(leg, 'Jest, default CommonJS set-up', () => {
    const result = spawnSync('node', ['node_modules/jest/bin/jest.js', '--ci', 'jest/'], {
      cwd: dir,
      env,
      encoding: 'utf8',
    })
    if (result.status !== 0)
      throw new Error(`jest: exit ${result.status}\n${result.stdout}\n${result.stderr}`)
    const skipped = /contracts not checked[^\n]*/.exec(result.stderr + result.stdout)
    if (skipped) console.log(`        (${skipped[0]})`)
  })
  for (const project of ['tsconfig.nodenext.json', 'tsconfig.bundler.json']) {
    await check(leg, `tsc -p ${project}`, () =>
      run(env, dir, 'node', ['node_modules/typescript/bin/tsc', '-p', project]),
    )
  }
  await check(leg, 'npx cleanrooms-mock --help', () => {
    const out = run(env, dir, 'npx', ['--no-install', 'cleanrooms-mock', '--help'])
    if (!out.includes('serve')) throw new Error(`--help does not list serve:\n${out}`)
  })
  await check(leg, 'serve --port 0, then curl --aws-sigv4', () => serveAndCurl(env, dir))
  await check(leg, 'verify a pact', () => {
    const out = run(env, dir, 'npx', ['--no-install', 'cleanrooms-mock', 'verify', 'pact.json'])
    if (!/verification passed/.test(out)) throw new Error(`verify did not pass:\n${out}`)
  })
  if (leg.withoutPeers) {
    await check(leg, 'without msw and Pact: the rest works, and each says what to install', () => {
      const bare = path.join(work, `${leg.name}-without-peers`)
      mkdirSync(bare, { recursive: true })
      copyFileSync(path.join(fixtures, 'without-peers.mjs'), path.join(bare, 'without-peers.mjs'))
      copyFileSync(PACT_FILE, path.join(bare, 'pact.json'))
      writeFileSync(path.join(bare, 'package.json'), '{ "name": "smoke-without-peers", "private": true }\n')
      const installArgs = ['install', '--no-audit', '--no-fund', '--loglevel=error']
      run(env, bare, 'npm', [...installArgs, tarball, '@aws-sdk/client-cleanrooms@3.1048.0'])
      run(env, bare, 'node', ['without-peers.mjs'])
    })
  }
  await check(leg, 'a maintainer command says it is repository-only', () => {
    const result = spawnSync('npx', ['--no-install', 'cleanrooms-mock', 'generate'], {
      cwd: dir,
      env,
      encoding: 'utf8',
    })
    if (result.status !== 2 || !/clone of the cleanrooms-mock repository/.test(result.stderr))
      throw new Error(`generate: exit ${result.status}\n${result.stderr}`)
  })
}

/** A fresh project with the tarball and a user's test tools; the fixtures of test/package/consumer beside. */
function install(leg, env) {
  const dir = path.join(work, leg.name)
  mkdirSync(dir, { recursive: true })
  cpSync(fixtures, dir, { recursive: true })
  copyFileSync(PACT_FILE, path.join(dir, 'pact.json'))
  writeFileSync(
    path.join(dir, 'package.json'),
    `${JSON.stringify({ name: `smoke-${leg.name}`, private: true, jest: { testEnvironment: 'node' } }, null, 2)}\n`,
  )
  writeTsconfigs(dir)
  const started = Date.now()
  run(env, dir, 'npm', [
    'install',
    '--no-audit',
    '--no-fund',
    '--loglevel=error',
    tarball,
    '@aws-sdk/client-cleanrooms@3.1048.0',
    `msw@${leg.msw}`,
    `@pact-foundation/pact@${leg.pact}`,
    'vitest@4',
    'jest@30',
    'typescript@5.9',
  ])
  const installed = JSON.parse(readFileSync(path.join(dir, 'node_modules/msw/package.json'), 'utf8')).version
  const pact = JSON.parse(
    readFileSync(path.join(dir, 'node_modules/@pact-foundation/pact/package.json'), 'utf8'),
  ).version
  console.log(
    `   installed in ${((Date.now() - started) / 1000).toFixed(1)} s: msw ${installed}, Pact ${pact}`,
  )
  for (const { file, code } of readmeTestFiles(
    readFileSync(path.join(dir, 'node_modules/cleanrooms-mock/README.md'), 'utf8'),
  ))
    writeFileSync(path.join(dir, file), code)
  return dir
}

/** Two consumer set-ups over the same files: nodenext (ESM and .cts CommonJS), and bundler. */
function writeTsconfigs(dir) {
  const base = {
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    types: ['node'],
    // A condition monorepos set for their own sources: the package must not answer it with .ts files.
    customConditions: ['source'],
    target: 'ES2022',
    lib: ['ES2023', 'DOM'],
  }
  const files = ['types-esm.ts', 'types-cjs.cts']
  const nodenext = { compilerOptions: { ...base, module: 'nodenext', moduleResolution: 'nodenext' }, files }
  const bundler = {
    compilerOptions: { ...base, module: 'esnext', moduleResolution: 'bundler' },
    files: ['types-esm.ts'],
  }
  // skipLibCheck on, as most projects have it (Pact's own declarations need @types/express); the consumer
  // files still check what users hit: msw's HttpHandler from our declarations against their setupServer.
  writeFileSync(path.join(dir, 'tsconfig.nodenext.json'), JSON.stringify(nodenext, null, 2))
  writeFileSync(path.join(dir, 'tsconfig.bundler.json'), JSON.stringify(bundler, null, 2))
}

/** `serve --port 0` from the installed package, one signed curl call, then SIGTERM: a clean stop (exit 0). */
async function serveAndCurl(env, dir) {
  // The installed bin itself (what npx runs), so SIGTERM reaches the server and not a wrapper.
  const bin = path.join(dir, 'node_modules/.bin/cleanrooms-mock')
  const child = spawn(bin, ['serve', '--port', '0'], { cwd: dir, env })
  let out = ''
  child.stdout.on('data', (chunk) => {
    out += chunk
  })
  child.stderr.on('data', (chunk) => {
    out += chunk
  })
  const exited = new Promise((resolve) => child.on('exit', (code) => resolve(code)))
  try {
    const url = await new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`serve did not start in 30 s:\n${out}`)), 30_000)
      const poll = setInterval(() => {
        const match = /listening on (http:\/\/\S+)/.exec(out)
        if (match) {
          clearInterval(poll)
          clearTimeout(timer)
          resolve(match[1])
        }
      }, 50)
      exited.then((code) => {
        clearInterval(poll)
        clearTimeout(timer)
        reject(new Error(`serve exited ${code}:\n${out}`))
      })
    })
    const body = run(env, dir, 'curl', [
      '--silent',
      '--show-error',
      '--fail-with-body',
      '--aws-sigv4',
      'aws:amz:us-east-1:cleanrooms',
      '--user',
      'AKID:SECRET',
      `${url}/memberships`,
    ])
    const json = JSON.parse(body)
    if (!Array.isArray(json.membershipSummaries)) throw new Error(`unexpected answer: ${body}`)
  } finally {
    child.kill('SIGTERM')
  }
  const code = await exited
  if (code !== 0 && code !== null) throw new Error(`serve stopped with exit ${code}:\n${out}`)
}

/** The directory whose `node` is the leg's: this Node, or one from the npm registry's `node` package. */
function nodeBin(version) {
  if (version === 'system') return path.dirname(process.execPath)
  const execPath = execFileSync('npx', ['-y', `node@${version}`, '-p', 'process.execPath'], {
    encoding: 'utf8',
  }).trim()
  return path.dirname(execPath)
}

function envFor(bin) {
  return {
    ...process.env,
    PATH: `${bin}${path.delimiter}${process.env.PATH}`,
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    CI: 'true',
  }
}

function run(env, cwd, command, args) {
  const result = spawnSync(command, args, { cwd, env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 })
  if (result.status !== 0)
    throw new Error(
      `${command} ${args.join(' ')}: exit ${result.status}\n${result.stdout}\n${result.stderr}`.trim(),
    )
  return result.stdout
}

async function check(leg, name, body) {
  const started = Date.now()
  try {
    await body()
    record(leg, name, true, '', Date.now() - started)
  } catch (error) {
    record(leg, name, false, error instanceof Error ? error.message : String(error), Date.now() - started)
  }
}

function record(leg, name, ok, detail, ms = 0) {
  outcomes.push({ leg: leg.name, name, ok, detail })
  console.log(`   ${ok ? 'ok  ' : 'FAIL'} ${name} (${(ms / 1000).toFixed(1)} s)`)
  if (!ok) console.log(detail.replace(/^/gm, '        ').slice(0, 6000))
}

function writeTap() {
  mkdirSync(results, { recursive: true })
  const lines = ['TAP version 13']
  for (const [i, o] of outcomes.entries())
    lines.push(`${o.ok ? 'ok' : 'not ok'} ${i + 1} - ${o.leg}: ${o.name}`)
  const failed = outcomes.filter((o) => !o.ok).length
  lines.push(`1..${outcomes.length}`, `# pass ${outcomes.length - failed}`, `# fail ${failed}`, '')
  writeFileSync(path.join(results, 'smoke.tap'), lines.join('\n'))
}
