// npm run build, second half (after `tsc -p tsconfig.build.json` wrote the ES modules to dist/): the CommonJS
// twin in dist/cjs/, for require() consumers (Jest's default set-up, plain CommonJS), on every Node that
// package.json "engines" allows. docs/decisions/0010-commonjs-build.md says why it is made this way.
//
// - Every dist/{mocks,contracts} module is converted file by file with esbuild (no bundling: one module, one
//   file, so the entries share their modules as the ES build does, and a mock made by `cleanrooms-mock` is
//   the one `cleanrooms-mock/server` serves).
// - mocks/internal/msw-module loads msw with a top-level await, which CommonJS has not: its compiled file
//   is replaced by build/msw-module.cjs (msw required on first use of mock.handlers).
// - The declarations are copied beside: under dist/cjs/package.json ("type": "commonjs") TypeScript reads
//   them as CommonJS declarations, so a CommonJS consumer's `msw` types resolve to msw's require types.
import { copyFile, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { transform } from 'esbuild'

const root = fileURLToPath(new URL('..', import.meta.url))
const dist = path.join(root, 'dist')
const cjs = path.join(dist, 'cjs')
const SOURCES = ['mocks', 'contracts']

await rm(cjs, { recursive: true, force: true })
let modules = 0
for (const folder of SOURCES) {
  const files = await readdir(path.join(dist, folder), { recursive: true })
  for (const name of files.filter((f) => f.endsWith('.js') || f.endsWith('.d.ts')).sort()) {
    const file = path.join(folder, name)
    const target = path.join(cjs, file)
    await mkdir(path.dirname(target), { recursive: true })
    if (file.endsWith('.d.ts')) {
      await copyFile(path.join(dist, file), target)
      continue
    }
    if (file === path.join('mocks', 'internal', 'msw-module.js')) {
      await copyFile(path.join(root, 'build', 'msw-module.cjs'), target)
    } else {
      const source = await readFile(path.join(dist, file), 'utf8')
      const { code } = await transform(source, {
        format: 'cjs',
        platform: 'node',
        target: 'node20',
        sourcefile: file,
      })
      await writeFile(target, code)
    }
    modules += 1
  }
}
await writeFile(path.join(cjs, 'package.json'), `${JSON.stringify({ type: 'commonjs' }, null, 2)}\n`)
console.log(`build: ${modules} CommonJS modules in ${path.relative(root, cjs)}/`)
