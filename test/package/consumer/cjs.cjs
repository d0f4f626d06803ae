// Plain Node, CommonJS: every entry by its name, through package.json "exports" (require conditions).
const sdk = require('@aws-sdk/client-cleanrooms')
const main = require('cleanrooms-mock')
// --without-contracts: on Node 20.11 to 20.18 Pact itself cannot load (it requires an ES-only module).
const contracts = process.argv.includes('--without-contracts')
  ? undefined
  : require('cleanrooms-mock/contracts')
const server = require('cleanrooms-mock/server')
const types = require('cleanrooms-mock/types')
const fixtures = require('cleanrooms-mock/fixtures')
const { check } = require('./check.cjs')

if (!require.resolve('cleanrooms-mock').endsWith('/dist/cjs/mocks/index.js'))
  throw new Error('not the CommonJS build')
check({ main, server, types, fixtures, contracts, sdk }).then(
  () => console.log(`cjs: ok on Node ${process.version}`),
  (error) => {
    console.error(error)
    process.exitCode = 1
  },
)
