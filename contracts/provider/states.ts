/** Contracts layer: the provider states catalogue; each state seeds the mock and returns the ids it made. */
import type { MockSeeding, SeedCollaborationSpec, SeedParticipant } from '../../mocks/index.ts'
import { STATE_ACCOUNTS, STATES } from '../state-names.ts'

/** What a state needs from the mock: reset and the public seeding API (`createCleanRoomsMock()` fits). */
export interface SeedableMock {
  reset(): void
  seed: MockSeeding
}

/** Parameters as the pact file carries them. */
export type StateParameters = Record<string, unknown>

/** One named state: what it sets up, its parameters (with defaults), what it returns, and how. */
export interface ProviderStateDefinition {
  name: string
  summary: string
  params: Record<string, { default?: string; meaning: string }>
  /** Values returned to the verifier, usable as `fromProviderState('${name}', …)` in the pact. */
  returns: Record<string, string>
  /** Seeds `mock` (already reset for this interaction) and returns the values above. */
  setup(mock: SeedableMock, params: StateParameters): Record<string, string>
}

const REGION_PARAM = {
  default: 'us-east-1',
  meaning: 'region of the state (the SigV4 credential scope of the requests)',
}

const collaborationParams = {
  creatorAccountId: {
    default: STATE_ACCOUNTS.creator,
    meaning: 'creates the collaboration; the member who can query',
  },
  payerAccountId: {
    default: STATE_ACCOUNTS.payer,
    meaning: 'pays for query compute (a member with no abilities, or the creator itself)',
  },
  resultReceiverAccountId: {
    default: STATE_ACCOUNTS.resultReceiver,
    meaning: 'the member who can receive results',
  },
  region: REGION_PARAM,
}

/** Every state a contract may name. docs/contracts.md lists the same table for consumer teams. */
export const providerStates: readonly ProviderStateDefinition[] = [
  {
    name: STATES.empty,
    summary: 'Nothing exists in any region.',
    params: {},
    returns: {},
    setup: () => ({}),
  },
  {
    name: STATES.paidCollaboration,
    summary:
      'A collaboration whose creator can query and has set a partner to pay for queries; a third ' +
      'account can receive results. Every participant is INVITED; nobody has a membership yet.',
    params: collaborationParams,
    returns: { collaborationId: 'the collaboration id', collaborationArn: 'its ARN' },
    setup(mock, params) {
      const seeded = mock.seed.collaboration(paidCollaboration(params, undefined))
      return { collaborationId: seeded.collaborationId, collaborationArn: seeded.collaborationArn }
    },
  },
  {
    name: STATES.activeMembership,
    summary:
      'The collaboration above, where `accountId` has joined: its membership is ACTIVE and holds its ' +
      'effective payer flags (true for the payer). The other participants stay INVITED.',
    params: {
      accountId: {
        default: STATE_ACCOUNTS.payer,
        meaning: 'the member that joined: one of the three accounts',
      },
      ...collaborationParams,
    },
    returns: {
      membershipId: 'the membership id',
      membershipArn: 'its ARN',
      collaborationId: 'the collaboration id',
      collaborationArn: 'its ARN',
    },
    setup(mock, params) {
      const accountId = text(params, 'accountId', STATE_ACCOUNTS.payer)
      const region = text(params, 'region', 'us-east-1')
      const seeded = mock.seed.collaboration(paidCollaboration(params, accountId))
      const membershipId = seeded.membershipIds[accountId]
      if (membershipId === undefined)
        throw new Error(`state: ${accountId} is not a participant of the collaboration`)
      return {
        membershipId,
        membershipArn: `arn:aws:cleanrooms:${region}:${accountId}:membership/${membershipId}`,
        collaborationId: seeded.collaborationId,
        collaborationArn: seeded.collaborationArn,
      }
    },
  },
]

/** The seed spec of the paid collaboration; `joined` (if any) gets an ACTIVE membership. */
function paidCollaboration(params: StateParameters, joined: string | undefined): SeedCollaborationSpec {
  const creator = text(params, 'creatorAccountId', STATE_ACCOUNTS.creator)
  const payer = text(params, 'payerAccountId', STATE_ACCOUNTS.payer)
  const receiver = text(params, 'resultReceiverAccountId', STATE_ACCOUNTS.resultReceiver)
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
    region: text(params, 'region', 'us-east-1'),
    name: 'Audience overlap',
    description: 'Seeded by the cleanrooms-mock provider states',
    creator: participant(creator, 'Data team'),
    members: others.map((accountId) =>
      participant(accountId, accountId === payer ? 'Paying partner' : 'Results partner'),
    ),
  }
}

function text(params: StateParameters, name: string, fallback: string): string {
  const value = params[name]
  if (value === undefined || value === null) return fallback
  if (typeof value !== 'string')
    throw new Error(`state parameter ${name} must be a string, got ${JSON.stringify(value)}`)
  return value
}

/** The state named `name`, or undefined. */
export function findState(name: string): ProviderStateDefinition | undefined {
  return providerStates.find((state) => state.name === name)
}
