#!/usr/bin/env node
/** Launcher: runs the TypeScript CLI (generator/cli.ts) through tsx, so no build step is needed. */
import { register } from 'tsx/esm/api'

register()
const { runCli } = await import('../generator/cli.ts')
process.exitCode = await runCli(process.argv.slice(2))
