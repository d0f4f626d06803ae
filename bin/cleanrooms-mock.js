#!/usr/bin/env node
/**
 * Launcher. From an installed package it runs the built CLI (dist/cli/index.js), plain JavaScript.
 * In a clone of the repository without a build it runs the TypeScript sources through tsx, a dev dependency.
 */
import { existsSync } from 'node:fs'

const built = new URL('../dist/cli/index.js', import.meta.url)
let runCli
if (existsSync(built)) {
  ;({ runCli } = await import(built.href))
} else {
  const { register } = await import('tsx/esm/api')
  register()
  ;({ runCli } = await import('../cli/index.ts'))
}
process.exitCode = await runCli(process.argv.slice(2))
