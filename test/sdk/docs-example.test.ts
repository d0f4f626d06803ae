/** The example of docs/behaviour.md ("How to test your code's payer logic"), run as a test so the page cannot rot. */
// --8<-- [start:example]
import {
  CleanRoomsClient,
  CreateMembershipCommand,
  GetMembershipCommand,
  ListMembersCommand,
  ValidationException,
} from '@aws-sdk/client-cleanrooms'
import { createCleanRoomsMock } from 'cleanrooms-mock'
import { setupServer } from 'msw/node'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'

// ---- Your code: join a collaboration, paying for queries only when your configuration says so. ----

type JoinResult = { joined: true; membershipId: string } | { joined: false; problem: string }

async function joinCollaboration(
  client: CleanRoomsClient,
  collaborationId: string,
  config: { paysForQueries: boolean },
): Promise<JoinResult> {
  try {
    const { membership } = await client.send(
      new CreateMembershipCommand({
        collaborationIdentifier: collaborationId,
        queryLogStatus: 'DISABLED',
        paymentConfiguration: { queryCompute: { isResponsible: config.paysForQueries } },
      }),
    )
    return { joined: true, membershipId: membership?.id ?? '' }
  } catch (error) {
    // The service refuses a payment block that does not match what the collaboration creator set.
    if (error instanceof ValidationException && error.reason === 'INVALID_CONFIGURATION') {
      return { joined: false, problem: error.message }
    }
    throw error
  }
}

// ---- Your tests, against the mock. ----

const CREATOR = '111111111111' // can query
const PARTNER = '222222222222' // set by the creator to pay for queries

const mock = createCleanRoomsMock()
const server = setupServer(...mock.handlers)
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
afterEach(() => mock.reset())
afterAll(() => server.close())

/** A real SDK client; a 12-digit access key is its own account in the mock. */
function clientFor(accountId: string): CleanRoomsClient {
  return new CleanRoomsClient({
    region: 'us-east-1',
    maxAttempts: 1,
    credentials: { accessKeyId: accountId, secretAccessKey: 'unused' },
  })
}

/** A collaboration in which the creator can query and the partner pays for queries. */
function partnerPaysCollaboration(): string {
  const { collaborationId } = mock.seed.collaboration({
    creator: { accountId: CREATOR, abilities: ['CAN_QUERY'] },
    members: [{ accountId: PARTNER, paymentConfiguration: { queryCompute: { isResponsible: true } } }],
  })
  return collaborationId
}

describe('joining a collaboration where a partner pays', () => {
  it('the partner joins with queryCompute.isResponsible true, and its membership says it pays', async () => {
    const collaborationId = partnerPaysCollaboration()
    const partner = clientFor(PARTNER)

    const result = await joinCollaboration(partner, collaborationId, { paysForQueries: true })

    expect(result).toEqual({ joined: true, membershipId: expect.any(String) })
    if (!result.joined) throw new Error(result.problem)
    const { membership } = await partner.send(
      new GetMembershipCommand({ membershipIdentifier: result.membershipId }),
    )
    expect(membership?.paymentConfiguration).toEqual({ queryCompute: { isResponsible: true } })
  })

  it('the querier, relieved of paying, joins with isResponsible false', async () => {
    const collaborationId = partnerPaysCollaboration()
    const result = await joinCollaboration(clientFor(CREATOR), collaborationId, { paysForQueries: false })
    expect(result).toMatchObject({ joined: true })
  })

  it('a wrong payment block is refused, your code reports it, and nothing was joined', async () => {
    const collaborationId = partnerPaysCollaboration()
    const partner = clientFor(PARTNER)

    // Your configuration is wrong: it says the partner does not pay.
    const result = await joinCollaboration(partner, collaborationId, { paysForQueries: false })

    expect(result).toEqual({
      joined: false,
      problem: `Account ${PARTNER} is responsible for paying for queryCompute in collaboration ${collaborationId}, so paymentConfiguration.queryCompute.isResponsible cannot be false.`,
    })
    const { memberSummaries } = await partner.send(
      new ListMembersCommand({ collaborationIdentifier: collaborationId }),
    )
    expect(memberSummaries?.find((m) => m.accountId === PARTNER)?.status).toBe('INVITED')
  })
})

// --8<-- [end:example]

import { existsSync, readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'

describe('docs/behaviour.md stays true', () => {
  const repoRoot = path.resolve(import.meta.dirname, '../..')
  const doc = readFileSync(path.join(repoRoot, 'docs/behaviour.md'), 'utf8')

  it('quotes this file’s example verbatim', () => {
    const self = readFileSync(path.join(repoRoot, 'test/sdk/docs-example.test.ts'), 'utf8')
    const start = '// --8<-- [start:example]\n'
    const example = self.slice(self.indexOf(start) + start.length, self.indexOf('// --8<-- [end:example]'))
    const marker = '<!-- quoted from test/sdk/docs-example.test.ts -->\n```ts\n'
    const quoted = doc.slice(
      doc.indexOf(marker) + marker.length,
      doc.indexOf('\n```', doc.indexOf(marker) + marker.length),
    )
    expect(doc.includes(marker)).toBe(true)
    expect(quoted).toBe(example.trimEnd())
  })

  it('every test it cites exists, under that name, in that file', () => {
    const citations = [...doc.matchAll(/^- `(test\/[\w/.-]+\.test\.ts)` › (.+)$/gm)]
    expect(citations.length).toBeGreaterThan(200)
    const missing = citations
      .filter(([, file = '', name = '']) => {
        const full = path.join(repoRoot, file)
        return !existsSync(full) || !readFileSync(full, 'utf8').includes(name)
      })
      .map(([line]) => line)
    expect(missing).toEqual([])
  })

  it('has a section, with at least one test from test/sdk, for every rule id the tests name', () => {
    const testFiles = readdirSync(path.join(repoRoot, 'test'), { recursive: true, encoding: 'utf8' })
      .filter((file) => file.endsWith('.test.ts'))
      .map((file) => readFileSync(path.join(repoRoot, 'test', file), 'utf8'))
    const named = new Set(testFiles.flatMap((text) => text.match(/R-[A-Z]+-\d+/g) ?? []))
    const sections = doc.split(/^### /m).slice(1)
    const withSdkTest = sections
      .filter((section) => section.includes('- `test/sdk/'))
      .map((section) => section.slice(0, section.indexOf(':')))
    expect([...named].filter((id) => !withSdkTest.includes(id))).toEqual([])
  })

  const rulesFile = path.resolve(repoRoot, '../shared/design/RULES.md')
  it.skipIf(!existsSync(rulesFile))(
    existsSync(rulesFile)
      ? 'covers every rule id of the behaviour book'
      : 'covers every rule id of the behaviour book (skipped: ../shared/design/RULES.md is absent)',
    () => {
      const ids = new Set(
        readFileSync(rulesFile, 'utf8')
          .match(/^- (R-[A-Z]+-\d+)/gm)
          ?.map((line) => line.slice(2)),
      )
      expect(ids.size).toBeGreaterThan(30)
      const headings = new Set(doc.match(/^### (R-[A-Z]+-\d+)/gm)?.map((line) => line.slice(4)))
      expect([...ids].filter((id) => !headings.has(id))).toEqual([])
    },
  )
})

describe('the example is what the mock enforces', () => {
  it('R-PAY-4: the refusal the example handles is ValidationException INVALID_CONFIGURATION on the payment field', async () => {
    const collaborationId = partnerPaysCollaboration()
    const error = await clientFor(PARTNER)
      .send(
        new CreateMembershipCommand({
          collaborationIdentifier: collaborationId,
          queryLogStatus: 'DISABLED',
          paymentConfiguration: { queryCompute: { isResponsible: false } },
        }),
      )
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ValidationException)
    expect(error).toMatchObject({
      $metadata: { httpStatusCode: 400 },
      reason: 'INVALID_CONFIGURATION',
      fieldList: [{ name: 'paymentConfiguration.queryCompute.isResponsible' }],
    })
  })
})
