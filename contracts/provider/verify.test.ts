/** `cleanrooms-mock verify` catches pacts that contradict the mock's behaviour, and names each interaction. */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { beforeAll, describe, expect, it } from 'vitest'
import { verifyCommand } from '../../test/support/run-verify.ts'

const here = path.dirname(fileURLToPath(import.meta.url))
const divergent = path.join(here, 'divergent-pacts')

/** `verify` in a child process: Pact's report and ours are captured, so a passing run prints nothing. */
const verify = (args: string[], env?: Record<string, string | undefined>) => verifyCommand(args, env)

/** The failure lines printed under the FAIL line of `description` (empty when it passed or is absent). */
function failuresOf(out: string[], description: string): string[] {
  const at = out.findIndex((line) => /^(FAIL|PENDING)/.test(line) && line.includes(description))
  if (at === -1) return []
  const lines: string[] = []
  for (const line of out.slice(at + 1)) {
    if (!line.startsWith('        ')) break
    lines.push(line.trim())
  }
  return lines
}

describe('verify on pacts that contradict the rules', () => {
  let result: Awaited<ReturnType<typeof verify>>
  beforeAll(async () => {
    result = await verify([divergent])
  })

  it("exits 1 and prints the total, after Pact's own report (captured here, not printed)", () => {
    expect(result.code).toBe(1)
    expect(result.out.join('\n')).toMatch(/1 passed, 3 failed: verification FAILED/)
    expect(result.out.join('\n')).toMatch(/There were 3 pact failures/)
  })

  it('R-PAY-4: fails a non-payer joining with isResponsible true and expecting 200, naming the interaction', () => {
    const failures = failuresOf(
      result.out,
      'DivergentConsumer: a member who does not pay joins claiming to pay and expects success',
    )
    expect(failures).toContain('expected 200 but was 400')
  })

  it("names the provider's error type and message under a status mismatch", () => {
    const failures = failuresOf(
      result.out,
      'a member who does not pay joins claiming to pay and expects success',
    )
    expect(failures.join('\n')).toMatch(
      /the provider answered 400 ValidationException: Account 333333333333 is not responsible for paying/,
    )
  })

  it('R-WIRE-1: fails a pact that expects a timestamp as a string', () => {
    const failures = failuresOf(
      result.out,
      'DivergentConsumer: reading a membership expects its createTime as an ISO-8601 string',
    )
    expect(failures.join('\n')).toMatch(
      /\$\.membership\.createTime: Expected .* \(Decimal|Integer\) to be the same type/,
    )
  })

  it('R-WIRE-5: fails a request missing a required member that expects success', () => {
    const failures = failuresOf(
      result.out,
      'DivergentConsumer: the payer joins without the required queryLogStatus and expects success',
    )
    expect(failures).toContain('expected 200 but was 400')
  })

  it('passes the interaction of the same pact that agrees with the mock', () => {
    expect(result.out).toContain(
      'PASS  DivergentConsumer: the payer reads its membership and sees that it pays (given 222222222222 has an ACTIVE membership in a collaboration where 222222222222 pays for queries)',
    )
  })
})

describe('verify on the example consumer', () => {
  it('exits 0 with every interaction passing', async () => {
    const { code, out } = await verify([path.join(here, '../pacts')])
    expect(code).toBe(0)
    expect(out.filter((line) => line.startsWith('FAIL'))).toEqual([])
    expect(out.filter((line) => line.startsWith('PASS')).length).toBeGreaterThanOrEqual(18)
  })
})

describe('verify with a state the catalogue does not know', () => {
  it('fails that interaction and names the state', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'cleanrooms-verify-'))
    try {
      const pact = JSON.parse(
        await readFile(path.join(divergent, 'DivergentConsumer-CleanRoomsMock.json'), 'utf8'),
      )
      const good = pact.interactions.at(-1)
      good.description = 'reading a membership in a state nobody defined'
      good.providerStates = [{ name: 'a membership that was never catalogued' }]
      pact.interactions = [good]
      await writeFile(path.join(dir, 'unknown-state.json'), JSON.stringify(pact))
      const { code, out } = await verify([dir])
      expect(code).toBe(1)
      expect(out).toContain(
        'FAIL  DivergentConsumer: reading a membership in a state nobody defined (given a membership that was never catalogued)',
      )
      expect(failuresOf(out, 'reading a membership in a state nobody defined')).toContain(
        'expected 200 but was 500',
      )
      expect(failuresOf(out, 'in a state nobody defined').join('\n')).toMatch(
        /unknown provider state "a membership that was never catalogued"/,
      )
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  })
})

describe('verify isolates interactions', () => {
  it('an interaction without provider states runs against an empty mock, whatever ran before it', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'cleanrooms-verify-'))
    try {
      const pact = JSON.parse(
        await readFile(path.join(divergent, 'DivergentConsumer-CleanRoomsMock.json'), 'utf8'),
      )
      const seeded = pact.interactions.at(-1)
      seeded.description = 'a: the payer reads its seeded membership'
      const stateless = {
        type: 'Synchronous/HTTP',
        description: 'b: the payer, with no state, has no memberships',
        request: { method: 'GET', path: '/memberships', headers: seeded.request.headers },
        response: {
          status: 200,
          body: { content: { membershipSummaries: [] }, contentType: 'application/json', encoded: false },
        },
      }
      pact.interactions = [seeded, stateless]
      await writeFile(path.join(dir, 'isolation.json'), JSON.stringify(pact))
      const { code, out } = await verify([dir])
      expect(out).toContain('PASS  DivergentConsumer: b: the payer, with no state, has no memberships')
      expect(code).toBe(0)
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  })
})

describe('verify usage', () => {
  it('exits 2 without pacts or a broker', async () => {
    const { code, err } = await verify([])
    expect(code).toBe(2)
    expect(err.join('\n')).toMatch(/give pact files or directories, or --broker-url/)
  })

  it('exits 2 when --publish has no provider version', async () => {
    const { code, err } = await verify(['--publish', '--broker-url', 'http://broker.invalid', divergent])
    expect(code).toBe(2)
    expect(err.join('\n')).toMatch(/--publish needs --provider-version/)
  })

  it('exits 2 on a missing path and on selectors that are not JSON', async () => {
    expect((await verify(['no/such/dir'])).code).toBe(2)
    expect((await verify(['--consumer-version-selectors', '{nope', divergent])).code).toBe(2)
  })

  it('exits 2 on a file that is not JSON, naming it', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'cleanrooms-verify-'))
    try {
      const file = path.join(dir, 'notes.json')
      await writeFile(file, 'interactions: none')
      const { code, err } = await verify([file])
      expect(code).toBe(2)
      expect(err.join('\n')).toContain(`${file} is not a pact file`)
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  })
})

describe('verify on pacts without interactions', () => {
  it('fails (exit 1), naming the file: a run that verified nothing must not pass a CI gate', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'cleanrooms-verify-'))
    try {
      const file = path.join(dir, 'empty.json')
      const pact = {
        consumer: { name: 'SomeConsumer' },
        provider: { name: 'CleanRoomsMock' },
        interactions: [],
        metadata: { pactSpecification: { version: '4.0' } },
      }
      await writeFile(file, JSON.stringify(pact))
      const { code, out, err } = await verify([file])
      expect(code).toBe(1)
      expect(out.join('\n')).toMatch(/0 passed, 0 failed: verification FAILED/)
      expect(err).toContain(`error: no interactions to verify in ${file}`)
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  })
})

/** The parts of a V4 interaction these tests edit. */
interface Interaction {
  description: string
  providerStates: Array<{ name: string; params?: Record<string, unknown> }>
  response: {
    status: number
    body?: { content: { membership: Record<string, unknown> } }
    matchingRules?: unknown
  }
}

/** The divergent pact's last interaction: the payer reads its membership and sees that it pays (it passes). */
async function goodInteraction(): Promise<Interaction> {
  const pact = JSON.parse(
    await readFile(path.join(divergent, 'DivergentConsumer-CleanRoomsMock.json'), 'utf8'),
  )
  return pact.interactions.at(-1)
}

/** Writes one pact file per consumer into a fresh directory, runs `verify` on it, and removes it. */
async function verifyPacts(
  pacts: Record<string, Interaction[]>,
  env?: Record<string, string | undefined>,
): Promise<Awaited<ReturnType<typeof verify>>> {
  const dir = await mkdtemp(path.join(tmpdir(), 'cleanrooms-verify-'))
  try {
    for (const [consumer, interactions] of Object.entries(pacts)) {
      const pact = {
        consumer: { name: consumer },
        provider: { name: 'CleanRoomsMock' },
        interactions,
        metadata: { pactSpecification: { version: '4.0' } },
      }
      await writeFile(path.join(dir, `${consumer}-CleanRoomsMock.json`), JSON.stringify(pact))
    }
    return await verify([dir], env)
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}

describe('verify keys results by consumer, provider state and description', () => {
  it('two consumers with the same description each get their own result', async () => {
    const good = await goodInteraction()
    const bad = structuredClone(good)
    if (bad.response.body) bad.response.body.content.membership['status'] = 'REMOVED'
    bad.response.matchingRules = { body: {} }
    good.description = bad.description = 'reading the membership'
    const { code, out } = await verifyPacts({ AlphaTeam: [good], OtherTeam: [bad] })
    const given =
      '(given 222222222222 has an ACTIVE membership in a collaboration where 222222222222 pays for queries)'
    expect(out).toContain(`PASS  AlphaTeam: reading the membership ${given}`)
    expect(out).toContain(`FAIL  OtherTeam: reading the membership ${given}`)
    expect(failuresOf(out, 'OtherTeam: reading the membership').join('\n')).toMatch(/status/)
    expect(failuresOf(out, 'AlphaTeam: reading the membership')).toEqual([])
    expect(code).toBe(1)
  })
})

describe('verify refuses a contract that checks nothing', () => {
  it('fails an interaction whose response states only a status (no body, no header)', async () => {
    const halfBuilt = await goodInteraction()
    halfBuilt.description = 'a half-built interaction'
    halfBuilt.response = { status: 200 }
    const { code, out } = await verifyPacts({ HalfBuilt: [halfBuilt] })
    expect(code).toBe(1)
    expect(failuresOf(out, 'HalfBuilt: a half-built interaction').join('\n')).toMatch(
      /the pact expects nothing of the response .* it is refused/,
    )
  })
})

describe('verify refuses a provider-state value no state supplies', () => {
  it('fails an interaction whose request reads a name its states do not return, instead of keeping the example', async () => {
    const typo = (await goodInteraction()) as Interaction & { request: { generators: unknown } }
    typo.description = 'reading a membership by a misspelled state value'
    const misspelled = `\${membershipID}` // a Pact provider-state expression, with a typo
    typo.request.generators = { path: { type: 'ProviderState', expression: `/memberships/${misspelled}` } }
    const { code, out } = await verifyPacts({ Misspelled: [typo] })
    expect(code).toBe(1)
    expect(failuresOf(out, 'Misspelled: ').join('\n')).toContain(
      `the request reads ${misspelled} from the provider state, but its states return membershipId, membershipArn, collaborationId, collaborationArn`,
    )
  })
})

describe('verify checks provider state parameters', () => {
  it('fails a misspelled parameter, naming it and the accepted ones', async () => {
    const typo = await goodInteraction()
    typo.providerStates = [
      {
        name: typo.providerStates[0]?.name ?? '',
        params: { accountId: '222222222222', payerAccount: '222222222222' },
      },
    ]
    const { code, out } = await verifyPacts({ Typo: [typo] })
    expect(code).toBe(1)
    expect(failuresOf(out, 'Typo: ').join('\n')).toContain(
      'unknown parameter "payerAccount"; it accepts accountId, creatorAccountId, payerAccountId, resultReceiverAccountId, region',
    )
  })

  it('fails a state seeded in another region than the request is signed for, saying so', async () => {
    const elsewhere = await goodInteraction()
    elsewhere.providerStates = [
      {
        name: elsewhere.providerStates[0]?.name ?? '',
        params: { accountId: '222222222222', region: 'eu-west-1' },
      },
    ]
    const { code, out } = await verifyPacts({ Elsewhere: [elsewhere] })
    expect(code).toBe(1)
    expect(failuresOf(out, 'Elsewhere: ').join('\n')).toMatch(
      /seeded region eu-west-1 but the request is signed for us-east-1 .*set the state's region parameter to the client's region/,
    )
  })
})

describe('verify hints at datetime() matchers on epoch timestamps', () => {
  it('adds a hint to the matcher error', async () => {
    const datetime = await goodInteraction()
    datetime.description = 'reading createTime with a datetime matcher'
    datetime.response.body = { content: { membership: { createTime: '2024-01-01T00:00:00' } } }
    datetime.response.matchingRules = {
      body: {
        '$.membership.createTime': {
          combine: 'AND',
          matchers: [{ match: 'datetime', format: "yyyy-MM-dd'T'HH:mm:ss" }],
        },
      },
    }
    const { code, out } = await verifyPacts({ Dates: [datetime] })
    expect(code).toBe(1)
    expect(failuresOf(out, 'Dates: ').join('\n')).toMatch(/hint: .*epoch seconds.*MatchersV3\.number\(\)/)
  })
})

describe('verify of pacts written by other Pact implementations', () => {
  it('verifies a specification V2 pact (pact-jvm) and a V3 pact (pact-python)', async () => {
    const { code, out } = await verify([path.join(here, 'other-implementations')])
    const given =
      '(given 222222222222 has an ACTIVE membership in a collaboration where 222222222222 pays for queries)'
    expect(out).toContain(
      `PASS  JvmBillingService: a request for the active memberships of the paying partner ${given}`,
    )
    expect(out).toContain(
      `PASS  PythonReportingJob: a request for the membership of the paying partner ${given}`,
    )
    expect(code).toBe(0)
  })

  it('refuses a specification version it does not read, naming it', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'cleanrooms-verify-'))
    try {
      const file = path.join(dir, 'old.json')
      await writeFile(
        file,
        JSON.stringify({
          consumer: { name: 'Old' },
          interactions: [],
          metadata: { pactSpecification: { version: '1.0.0' } },
        }),
      )
      const { code, err } = await verify([file])
      expect(code).toBe(2)
      expect(err.join('\n')).toContain(
        'is a Pact specification 1.0.0 pact; verify reads specifications 2, 3 and 4',
      )
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  })
})

describe('verify of local files and PACT_BROKER_BASE_URL', () => {
  it('never contacts the broker of the environment unless asked, and says it ignores it', async () => {
    const good = await goodInteraction()
    // Nothing listens on port 9 of this host: contacting it would fail the run.
    const { code, out, err } = await verifyPacts(
      { LocalOnly: [good] },
      { PACT_BROKER_BASE_URL: 'http://127.0.0.1:9', PACT_BROKER_PUBLISH_VERIFICATION_RESULTS: 'true' },
    )
    expect(err.join('\n')).toContain(
      'note: PACT_BROKER_BASE_URL is set but not used: verifying local pact files only',
    )
    expect(out.join('\n')).toMatch(/1 passed, 0 failed: verification passed/)
    expect(code).toBe(0)
  })
})
