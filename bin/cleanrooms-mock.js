#!/usr/bin/env node
/**
 * Launcher. From an installed package it runs the built CLI (dist/cli/index.js): plain JavaScript, runtime
 * dependencies only. In a clone of the repository (cli/index.ts is beside it) it runs the TypeScript sources
 * through tsx, a dev dependency, so a stale dist/ never answers there.
 */
import { existsSync } from 'node:fs'

const sources = new URL('../cli/index.ts', import.meta.url)
let runCli
if (existsSync(sources)) {
  const { register } = await import('tsx/esm/api')
  register()
  ;({ runCli } = await import(sources.href))
} else {
  ;({ runCli } = await import('../dist/cli/index.js'))
}
process.exitCode = await runCli(process.argv.slice(2))
