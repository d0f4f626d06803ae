// Jest's default set-up (CommonJS, no transform options, no ESM flags): require() every entry.
const { check } = require('../check.cjs')

const entries = () => ({
  main: require('cleanrooms-mock'),
  server: require('cleanrooms-mock/server'),
  types: require('cleanrooms-mock/types'),
  fixtures: require('cleanrooms-mock/fixtures'),
  sdk: require('@aws-sdk/client-cleanrooms'),
})

test('cleanrooms-mock, /server, /types and /fixtures load with require() and drive the SDK', async () => {
  await check({ ...entries(), contracts: undefined })
})

// Pact itself requires an ES-only module (https-proxy-agent), which Jest's CommonJS runtime refuses (seen on
// Node 20, 22 and 24 with Jest 30), so cleanrooms-mock/contracts loads under Jest exactly where Pact does.
let pactProblem
try {
  require('@pact-foundation/pact')
} catch (error) {
  pactProblem = error.message.split('\n')[0]
}
;(pactProblem === undefined ? test : test.skip)(
  'cleanrooms-mock/contracts loads with require()',
  async () => {
    await check({ ...entries(), contracts: require('cleanrooms-mock/contracts') })
  },
)
if (pactProblem !== undefined)
  console.log(`contracts not checked: Pact itself does not load under Jest here (${pactProblem})`)
