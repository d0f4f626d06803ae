/** Contracts layer: the provider states catalogue; each state seeds the mock and returns the ids it made. */
import { createHash } from 'node:crypto'
import { Sha256 } from '@aws-crypto/sha256-js'
import { SignatureV4 } from '@smithy/signature-v4'
import { membershipArn } from '../../mocks/domain/arn.ts'
import type { MockSeeding, SeedCollaborationSpec, SeedParticipant } from '../../mocks/index.ts'
import type { WireRequest, WireResponse } from '../../mocks/protocol/wire.ts'
import { STATE_ACCOUNTS, STATE_CATALOGUE, type StateKey, type StateParamSpec } from '../state-names.ts'
import { VERIFY_SECRET } from './signing-request-filter.ts'

/**
 * What a state needs from the mock: reset and the public seeding API (`createCleanRoomsMock()` fits).
 * The pagination states also read a first page through `handle`, to return its `nextToken`.
 */
export interface SeedableMock {
  reset(): void
  seed: MockSeeding
  handle?(request: WireRequest): WireResponse
}

/** Parameters as the pact file carries them. */
export type StateParameters = Record<string, unknown>

/** Parameters once checked: every catalogued parameter, given or defaulted, with its kind's type. */
export type ResolvedParameters = Record<string, string | number>

/** One named state: what it sets up, its parameters (with defaults), what it returns, and how. */
export interface ProviderStateDefinition {
  key: StateKey
  /** The name with its `{param}` placeholders. */
  name: string
  summary: string
  params: Readonly<Record<string, StateParamSpec>>
  /** Values returned to the verifier, usable as `stateValue(name, example)` in the pact. */
  returns: Record<string, string>
  /** Seeds `mock` (already reset for this interaction) and returns the values above. */
  setup(
    mock: SeedableMock,
    params: ResolvedParameters,
  ): Record<string, string> | Promise<Record<string, string>>
}

/** A state name and parameters from a pact, matched to the catalogue and checked. */
export interface ResolvedState {
  definition: ProviderStateDefinition
  params: ResolvedParameters
  /** The region the state seeds (its `region` parameter), when it has one. */
  region: string | undefined
}

const defaults = {
  creator: STATE_ACCOUNTS.creator,
  payer: STATE_ACCOUNTS.payer,
  resultReceiver: STATE_ACCOUNTS.resultReceiver,
}

/** Every state a contract may name. docs/contracts.md lists the same table for consumer teams. */
export const providerStates: readonly ProviderStateDefinition[] = [
  {
    key: 'empty',
    name: STATE_CATALOGUE.empty.name,
    summary: 'Nothing exists in any region.',
    params: STATE_CATALOGUE.empty.params,
    returns: {},
    setup: () => ({}),
  },
  {
    key: 'paidCollaboration',
    name: STATE_CATALOGUE.paidCollaboration.name,
    summary:
      'A collaboration whose creator can query and has set a partner to pay for queries; a third ' +
      'account can receive results. Every participant is INVITED; nobody has a membership yet.',
    params: STATE_CATALOGUE.paidCollaboration.params,
    returns: { collaborationId: 'the collaboration id', collaborationArn: 'its ARN' },
    setup(mock, params) {
      const seeded = mock.seed.collaboration(paidCollaboration(params, undefined))
      return { collaborationId: seeded.collaborationId, collaborationArn: seeded.collaborationArn }
    },
  },
  {
    key: 'activeMembership',
    name: STATE_CATALOGUE.activeMembership.name,
    summary:
      'The collaboration above, where `accountId` has joined: its membership is ACTIVE and holds its ' +
      'effective payer flags (true for the payer). The other participants stay INVITED.',
    params: STATE_CATALOGUE.activeMembership.params,
    returns: {
      membershipId: 'the membership id',
      membershipArn: 'its ARN',
      collaborationId: 'the collaboration id',
      collaborationArn: 'its ARN',
    },
    setup(mock, params) {
      const accountId = String(params['accountId'])
      const seeded = mock.seed.collaboration(paidCollaboration(params, accountId))
      const membershipId = seeded.membershipIds[accountId]
      if (membershipId === undefined)
        throw new Error(`state: ${accountId} is not a participant of the collaboration`)
      return {
        membershipId,
        membershipArn: membershipArn(String(params['region']), accountId, membershipId),
        collaborationId: seeded.collaborationId,
        collaborationArn: seeded.collaborationArn,
      }
    },
  },
  {
    key: 'collaborationWithMembers',
    name: STATE_CATALOGUE.collaborationWithMembers.name,
    summary:
      'A collaboration of `memberCount` participants: the creator (who can query and pays) first, then ' +
      'members 400000000001, 400000000002, … (INVITED). Its id, and so the page tokens, are the same ' +
      'every time the state is set up with the same parameters.',
    params: STATE_CATALOGUE.collaborationWithMembers.params,
    returns: {
      collaborationId: 'the collaboration id',
      nextToken:
        'the nextToken of the first page of ListMembers, as the creator lists it with maxResults = pageSize',
    },
    async setup(mock, params) {
      const memberCount = Number(params['memberCount'])
      const pageSize = Number(params['pageSize'])
      const creator = String(params['creatorAccountId'])
      const region = String(params['region'])
      needsSecondPage('memberCount', memberCount, pageSize)
      const seeded = mock.seed.collaboration({
        region,
        id: stableId('collaborationWithMembers', params),
        name: 'Audience overlap',
        description: 'Seeded by the cleanrooms-mock provider states',
        createTime: STATE_TIME,
        creator: {
          accountId: creator,
          displayName: 'Data team',
          abilities: ['CAN_QUERY'],
          paymentConfiguration: { queryCompute: { isResponsible: true } },
        },
        members: Array.from({ length: memberCount - 1 }, (_, index) => ({
          accountId: memberAccount(index + 1),
          displayName: `Partner ${index + 1}`,
          abilities: [],
        })),
      })
      const nextToken = await firstPageToken(mock, {
        account: creator,
        region,
        path: `/collaborations/${seeded.collaborationId}/members`,
        query: { maxResults: String(pageSize) },
      })
      return { collaborationId: seeded.collaborationId, nextToken }
    },
  },
  {
    key: 'activeMemberships',
    name: STATE_CATALOGUE.activeMemberships.name,
    summary:
      '`membershipCount` collaborations named "Audience overlap 1", "Audience overlap 2", …, each created by ' +
      '`accountId` (who can query and pays) with its ACTIVE membership. Ids and creation times are the same ' +
      'every time, and so are the page tokens.',
    params: STATE_CATALOGUE.activeMemberships.params,
    returns: {
      nextToken:
        'the nextToken of the first page of ListMemberships with status ACTIVE and maxResults = pageSize, as `accountId` lists it',
    },
    async setup(mock, params) {
      const membershipCount = Number(params['membershipCount'])
      const pageSize = Number(params['pageSize'])
      const accountId = String(params['accountId'])
      const region = String(params['region'])
      needsSecondPage('membershipCount', membershipCount, pageSize)
      for (let index = 1; index <= membershipCount; index++) {
        mock.seed.collaboration({
          region,
          id: stableId('activeMemberships', params, `collaboration ${index}`),
          name: `Audience overlap ${index}`,
          description: 'Seeded by the cleanrooms-mock provider states',
          createTime: STATE_TIME + index,
          creator: {
            accountId,
            displayName: 'Data team',
            abilities: ['CAN_QUERY'],
            paymentConfiguration: { queryCompute: { isResponsible: true } },
            status: 'ACTIVE',
            membership: {
              id: stableId('activeMemberships', params, `membership ${index}`),
              createTime: STATE_TIME + index,
            },
          },
        })
      }
      const nextToken = await firstPageToken(mock, {
        account: accountId,
        region,
        path: '/memberships',
        query: { maxResults: String(pageSize), status: 'ACTIVE' },
      })
      return { nextToken }
    },
  },
]

/** Creation time of what the pagination states seed (epoch seconds): fixed, so their tokens are too. */
const STATE_TIME = 1_700_000_000

/** The `index`th generated member account of `collaborationWithMembers`: 400000000001, … */
function memberAccount(index: number): string {
  return `4${String(index).padStart(11, '0')}`
}

/** A UUID derived from the state and its parameters, so the same state gives the same ids (and tokens). */
function stableId(key: StateKey, params: ResolvedParameters, what = ''): string {
  const text = JSON.stringify([key, Object.entries(params).sort(), what])
  const hex = createHash('sha256').update(text).digest('hex')
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`
}

function needsSecondPage(param: string, items: number, pageSize: number): void {
  if (items <= pageSize) {
    throw new Error(
      `state: ${param} (${items}) must be greater than pageSize (${pageSize}), or there is no second page`,
    )
  }
}

/** Lists the first page through the mock itself, signed as `account`, and returns its nextToken. */
async function firstPageToken(
  mock: SeedableMock,
  request: { account: string; region: string; path: string; query: Record<string, string> },
): Promise<string> {
  if (mock.handle === undefined) throw new Error('state: this mock cannot handle requests (no handle())')
  const host = 'cleanrooms.state.local'
  const signer = new SignatureV4({
    service: 'cleanrooms',
    region: request.region,
    credentials: { accessKeyId: request.account, secretAccessKey: VERIFY_SECRET },
    sha256: Sha256,
  })
  const signed = await signer.sign({
    method: 'GET',
    protocol: 'http:',
    hostname: host,
    path: request.path,
    query: request.query,
    headers: { host },
  })
  const response = mock.handle({
    method: 'GET',
    path: request.path,
    query: new URLSearchParams(request.query),
    headers: Object.fromEntries(
      Object.entries(signed.headers).map(([name, value]) => [name.toLowerCase(), value]),
    ),
    body: undefined,
  })
  const token = (JSON.parse(response.body || '{}') as { nextToken?: unknown }).nextToken
  if (response.status !== 200 || typeof token !== 'string') {
    throw new Error(
      `state: the first page of ${request.path} gave no nextToken (${response.status} ${response.body})`,
    )
  }
  return token
}

/** The seed spec of the paid collaboration; `joined` (if any) gets an ACTIVE membership. */
function paidCollaboration(params: ResolvedParameters, joined: string | undefined): SeedCollaborationSpec {
  const creator = String(params['creatorAccountId'] ?? defaults.creator)
  const payer = String(params['payerAccountId'] ?? defaults.payer)
  const receiver = String(params['resultReceiverAccountId'] ?? defaults.resultReceiver)
  const participant = (accountId: string, displayName: string): SeedParticipant => ({
    accountId,
    displayName,
    abilities: [
      ...(accountId === creator ? (['CAN_QUERY'] as const) : []),
      ...(accountId === receiver ? (['CAN_RECEIVE_RESULTS'] as const) : []),
    ],
    paymentConfiguration: { queryCompute: { isResponsible: accountId === payer } },
    ...(accountId === joined ? { membership: true } : {}),
  })
  const others = [...new Set([payer, receiver])].filter((accountId) => accountId !== creator)
  if (joined !== undefined && joined !== creator && !others.includes(joined)) {
    throw new Error(`state: accountId ${joined} must be the creator, the payer or the result receiver`)
  }
  return {
    region: String(params['region'] ?? 'us-east-1'),
    name: 'Audience overlap',
    description: 'Seeded by the cleanrooms-mock provider states',
    creator: participant(creator, 'Data team'),
    members: others.map((accountId) =>
      participant(accountId, accountId === payer ? 'Paying partner' : 'Results partner'),
    ),
  }
}

/** The state named `name` (placeholders or values in it), or undefined. */
export function findState(name: string): ProviderStateDefinition | undefined {
  return providerStates.find((state) => namePattern(state).test(name))
}

/**
 * Matches a state name and parameters from a pact against the catalogue and checks every parameter:
 * values written into the name (`a collaboration where 222222222222 pays …`) count as parameters, so a
 * pact from another Pact implementation that carries only the name works too.
 * @throws Error naming the state and, for a bad parameter, the parameter and the ones it accepts
 */
export function resolveState(name: string, given: StateParameters = {}): ResolvedState {
  const definition = findState(name)
  if (definition === undefined) {
    const known = providerStates.map((known) => `"${known.name}"`).join(', ')
    throw new Error(`unknown provider state "${name}"; the mock knows ${known}`)
  }
  const accepted = Object.keys(definition.params)
  const acceptedText = accepted.length === 0 ? 'it takes no parameters' : `it accepts ${accepted.join(', ')}`
  const fail = (problem: string): never => {
    throw new Error(`state "${name}": ${problem}; ${acceptedText}`)
  }
  for (const param of Object.keys(given)) {
    if (!accepted.includes(param)) fail(`unknown parameter "${param}"`)
  }
  const fromName = namePattern(definition).exec(name)?.groups ?? {}
  const params: ResolvedParameters = {}
  for (const [param, spec] of Object.entries(definition.params)) {
    const inName = fromName[param]
    const named = inName === undefined || inName === `{${param}}` ? undefined : inName
    const raw = given[param] ?? named ?? spec.default
    const value = checkParam(spec, raw)
    if (value === undefined)
      fail(`parameter "${param}" must be ${describeKind(spec)}, got ${JSON.stringify(raw)}`)
    else params[param] = value
    if (named !== undefined && given[param] !== undefined && String(given[param]) !== named) {
      fail(`the name says ${param} is ${named} but the parameter is ${JSON.stringify(given[param])}`)
    }
  }
  const region = params['region']
  return { definition, params, region: typeof region === 'string' ? region : undefined }
}

function checkParam(spec: StateParamSpec, raw: unknown): string | number | undefined {
  switch (spec.kind) {
    case 'account':
      return typeof raw === 'string' && /^\d{12}$/.test(raw) ? raw : undefined
    case 'region':
      return typeof raw === 'string' && /^[a-z]{2}(-[a-z]+)+-\d+$/.test(raw) ? raw : undefined
    case 'count': {
      // Pact implementations that only carry strings (V2 names, some V3 writers) give counts as text.
      const value = typeof raw === 'string' && /^\d+$/.test(raw) ? Number(raw) : raw
      return typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= 100
        ? value
        : undefined
    }
  }
}

function describeKind(spec: StateParamSpec): string {
  switch (spec.kind) {
    case 'account':
      return 'a 12-digit account id (a string)'
    case 'region':
      return 'an AWS region such as us-east-1'
    case 'count':
      return 'an integer from 1 to 100'
  }
}

const patterns = new Map<string, RegExp>()

/** The state's name as a regex: each `{param}` matches a value without spaces (or the placeholder itself). */
function namePattern(state: ProviderStateDefinition): RegExp {
  let pattern = patterns.get(state.name)
  if (pattern === undefined) {
    const source = state.name
      .split(/(\{[A-Za-z]+\})/)
      .map((part) => {
        const param = /^\{([A-Za-z]+)\}$/.exec(part)?.[1]
        return param === undefined ? part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&') : `(?<${param}>[^ ]+)`
      })
      .join('')
    pattern = new RegExp(`^${source}$`)
    patterns.set(state.name, pattern)
  }
  return pattern
}
