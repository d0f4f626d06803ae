/**
 * The Pact Broker workflow of docs/contracts.md, run against a TEST DOUBLE of the broker's HAL API
 * (test/support/pact-broker-test-double.ts), not a real broker: what `pact-broker publish`, the verifier
 * inside `verify` and `pact-broker can-i-deploy` (@pact-foundation/pact-cli) send, and how `verify`
 * treats pending pacts and its broker options.
 */
import { spawn } from 'node:child_process'
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  type PactBrokerTestDouble,
  startPactBrokerTestDouble,
} from '../../test/support/pact-broker-test-double.ts'
import { verifyCommand, verifyInChild } from '../../test/support/run-verify.ts'

const here = path.dirname(fileURLToPath(import.meta.url))
const root = path.resolve(here, '../..')
const pactBroker = path.join(root, 'node_modules/.bin/pact-broker')

let broker: PactBrokerTestDouble
beforeEach(async () => {
  broker = await startPactBrokerTestDouble()
})
afterEach(async () => {
  await broker.close()
})

/** `pact-broker <args>` from @pact-foundation/pact-cli (its standalone binary: no Ruby, no network). */
function pactBrokerCli(args: string[]): Promise<{ code: number; output: string }> {
  return new Promise((resolve, reject) => {
    const env = { ...process.env }
    delete env['PACT_BROKER_BASE_URL']
    const child = spawn(pactBroker, args, { env, stdio: ['ignore', 'pipe', 'pipe'] })
    let output = ''
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8')
    })
    child.stderr.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8')
    })
    child.on('error', reject)
    child.on('close', (code) => resolve({ code: code ?? -1, output }))
  })
}

/** Two pacts from the divergent fixture: one that passes (GoodTeam) and one that fails (NewTeam). */
async function servePassingAndFailing(options: { failingPending: boolean }): Promise<void> {
  const pact = JSON.parse(
    await readFile(path.join(here, 'divergent-pacts/DivergentConsumer-CleanRoomsMock.json'), 'utf8'),
  )
  broker.pacts.push(
    {
      consumer: 'GoodTeam',
      pact: { ...pact, consumer: { name: 'GoodTeam' }, interactions: [pact.interactions.at(-1)] },
    },
    {
      consumer: 'NewTeam',
      pact: { ...pact, consumer: { name: 'NewTeam' }, interactions: [pact.interactions[0]] },
      pending: options.failingPending,
    },
  )
}

describe('pending pacts from a broker (test double)', () => {
  it('reports the failure of a pending pact and exits 0, naming each consumer', async () => {
    await servePassingAndFailing({ failingPending: true })
    const { code, out } = await verifyCommand(['--broker-url', broker.url, '--enable-pending'])
    expect(out.join('\n')).toMatch(/There were 1 non-fatal pact failures on pending pacts/)
    expect(out.some((line) => line.startsWith('PASS  GoodTeam: the payer reads its membership'))).toBe(true)
    expect(
      out.some((line) =>
        line.startsWith('PENDING  NewTeam: a member who does not pay joins claiming to pay'),
      ),
    ).toBe(true)
    expect(out.join('\n')).toMatch(/1 passed, 0 failed, 1 pending .*: verification passed/)
    expect(code).toBe(0)
  })

  it('fails (exit 1) when the same pact is not pending', async () => {
    await servePassingAndFailing({ failingPending: false })
    const { code, out } = await verifyCommand(['--broker-url', broker.url, '--enable-pending'])
    expect(out.some((line) => line.startsWith('FAIL  NewTeam: a member who does not pay'))).toBe(true)
    expect(code).toBe(1)
  })
})

describe('broker options (test double)', () => {
  it('sends the selectors, pending, WIP, tags and branch, and publishes results with the build URL', async () => {
    await servePassingAndFailing({ failingPending: true })
    const { report } = await verifyInChild({
      broker: {
        url: broker.url,
        token: 'broker-token',
        consumerVersionSelectors: [{ mainBranch: true }, { deployedOrReleased: true }],
        enablePending: true,
        includeWipPactsSince: '2026-01-01',
        providerVersionTags: ['main'],
      },
      publish: {
        providerVersion: 'cleanrooms-mock-0.1.0',
        providerBranch: 'main',
        buildUrl: 'https://ci.example/runs/42',
      },
    })
    expect(report.passed).toBe(true)
    const forVerification = broker.requests.find(
      (request) => request.method === 'POST' && request.path.endsWith('/for-verification'),
    )
    expect(forVerification?.authorization).toBe('Bearer broker-token')
    expect(forVerification?.body).toEqual({
      consumerVersionSelectors: [{ mainBranch: true }, { deployedOrReleased: true }],
      includePendingStatus: true,
      includeWipPactsSince: '2026-01-01',
      providerVersionTags: ['main'],
      providerVersionBranch: 'main',
    })
    expect(broker.results.map((result) => [result.consumer, result.body['success']])).toEqual([
      ['GoodTeam', true],
      ['NewTeam', false],
    ])
    expect(broker.results[0]?.body).toMatchObject({
      providerApplicationVersion: 'cleanrooms-mock-0.1.0',
      buildUrl: 'https://ci.example/runs/42',
    })
    const puts = broker.requests.filter((request) => request.method === 'PUT').map((request) => request.path)
    expect(puts).toContain('/pacticipants/CleanRoomsMock/versions/cleanrooms-mock-0.1.0/tags/main')
    expect(puts).toContain('/pacticipants/CleanRoomsMock/branches/main/versions/cleanrooms-mock-0.1.0')
  })
})

describe('verify command broker flags (test double)', () => {
  it('passes --include-wip-pacts-since, --provider-version-tags and --build-url through', async () => {
    await servePassingAndFailing({ failingPending: true })
    const { code } = await verifyCommand([
      '--broker-url',
      broker.url,
      '--enable-pending',
      '--include-wip-pacts-since',
      '2026-02-01',
      '--publish',
      '--provider-version',
      'cleanrooms-mock-0.1.0',
      '--provider-version-tags',
      'main,mock',
      '--build-url',
      'https://ci.example/runs/7',
    ])
    expect(code).toBe(0)
    const forVerification = broker.requests.find(
      (request) => request.method === 'POST' && request.path.endsWith('/for-verification'),
    )
    expect(forVerification?.body).toMatchObject({
      consumerVersionSelectors: [{ mainBranch: true }, { deployedOrReleased: true }],
      includePendingStatus: true,
      includeWipPactsSince: '2026-02-01',
      providerVersionTags: ['main', 'mock'],
    })
    expect(broker.results[0]?.body).toMatchObject({ buildUrl: 'https://ci.example/runs/7' })
  })
})

describe('the whole workflow with pact-cli (test double)', () => {
  it('publish, verify with results published, then can-i-deploy says yes', async () => {
    const pacticipant = ['--pacticipant', 'CleanRoomsConsumerExample', '--version', '1.2.3']
    const published = await pactBrokerCli([
      'publish',
      path.join(root, 'contracts/pacts'),
      '--consumer-app-version',
      '1.2.3',
      '--branch',
      'main',
      '--broker-base-url',
      broker.url,
    ])
    expect(published.output).toContain('Pact published successfully for consumer: CleanRoomsConsumerExample')
    expect(published.code).toBe(0)
    const publish = broker.requests.find((request) => request.path === '/contracts/publish')
    expect(publish?.body).toMatchObject({
      pacticipantName: 'CleanRoomsConsumerExample',
      pacticipantVersionNumber: '1.2.3',
      branch: 'main',
      contracts: [
        { consumerName: 'CleanRoomsConsumerExample', providerName: 'CleanRoomsMock', specification: 'pact' },
      ],
    })

    const before = await pactBrokerCli([
      'can-i-deploy',
      ...pacticipant,
      '--to-environment',
      'production',
      '--broker-base-url',
      broker.url,
    ])
    expect(before.code).toBe(1)

    const { report } = await verifyInChild({
      broker: { url: broker.url, consumerVersionSelectors: [{ mainBranch: true }] },
      publish: { providerVersion: 'cleanrooms-mock-0.1.0', providerBranch: 'main' },
    })
    expect(report.passed).toBe(true)
    expect(report.interactions.every((outcome) => outcome.consumer === 'CleanRoomsConsumerExample')).toBe(
      true,
    )
    expect(broker.results).toEqual([
      { consumer: 'CleanRoomsConsumerExample', body: expect.objectContaining({ success: true }) },
    ])

    const after = await pactBrokerCli([
      'can-i-deploy',
      ...pacticipant,
      '--to-environment',
      'production',
      '--broker-base-url',
      broker.url,
    ])
    expect(after.output).toMatch(/Computer says yes/)
    expect(after.code).toBe(0)
    const matrix = broker.requests.filter((request) => request.path === '/matrix').at(-1)
    expect(matrix?.query.get('q[][pacticipant]')).toBe('CleanRoomsConsumerExample')
    expect(matrix?.query.get('q[][version]')).toBe('1.2.3')
    expect(matrix?.query.get('environment')).toBe('production')
  })
})
