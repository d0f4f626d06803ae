// Plain Node, ES modules: every entry by its name, through package.json "exports" (import conditions).
import * as sdk from '@aws-sdk/client-cleanrooms'
import * as main from 'cleanrooms-mock'
import * as fixtures from 'cleanrooms-mock/fixtures'
import * as server from 'cleanrooms-mock/server'
import * as types from 'cleanrooms-mock/types'
import check from './check.cjs'

if (!import.meta.resolve('cleanrooms-mock').endsWith('/dist/mocks/index.js'))
  throw new Error('not the ES build')
// --without-contracts: on Node 20.11 to 20.18 Pact itself cannot load (it requires an ES-only module).
const contracts = process.argv.includes('--without-contracts')
  ? undefined
  : await import('cleanrooms-mock/contracts')
await check.check({ main, server, types, fixtures, contracts, sdk })
console.log(`esm: ok on Node ${process.version}`)
