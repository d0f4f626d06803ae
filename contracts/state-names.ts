/** Contracts layer: the provider states a contract may name, their typed parameters, and example ids. */

/** Default accounts of the states' parameters. */
export const STATE_ACCOUNTS = {
  creator: '111111111111',
  payer: '222222222222',
  resultReceiver: '333333333333',
} as const

/** What a parameter holds: a 12-digit account id, an AWS region, or a count (integer 1–100). */
export type StateParamKind = 'account' | 'region' | 'count'

/** One parameter of a state: its kind, default, and meaning. */
export interface StateParamSpec {
  readonly kind: StateParamKind
  readonly default: string | number
  readonly meaning: string
}

const account = (fallback: string, meaning: string) =>
  ({ kind: 'account', default: fallback, meaning }) as const
const count = (fallback: number, meaning: string) => ({ kind: 'count', default: fallback, meaning }) as const
const region = {
  kind: 'region',
  default: 'us-east-1',
  meaning: 'region of the state: must be the region the client signs for (its SigV4 credential scope)',
} as const

const collaborationParams = {
  creatorAccountId: account(STATE_ACCOUNTS.creator, 'creates the collaboration; the member who can query'),
  payerAccountId: account(
    STATE_ACCOUNTS.payer,
    'pays for query compute (a member with no abilities, or the creator itself)',
  ),
  resultReceiverAccountId: account(STATE_ACCOUNTS.resultReceiver, 'the member who can receive results'),
  region,
} as const

/**
 * The catalogue's names, parameters and returned values, as data the types below are derived from.
 * A name holds `{param}` placeholders (Pact convention: the pact carries the name with the values
 * filled in, e.g. `a collaboration where 222222222222 pays for queries`, and the same values as
 * parameters). `contracts/provider/states.ts` holds how each one seeds the mock.
 */
export const STATE_CATALOGUE = {
  empty: {
    name: 'no collaborations exist',
    params: {},
    returns: [],
  },
  paidCollaboration: {
    name: 'a collaboration where {payerAccountId} pays for queries',
    params: collaborationParams,
    returns: ['collaborationId', 'collaborationArn'],
  },
  activeMembership: {
    name: '{accountId} has an ACTIVE membership in a collaboration where {payerAccountId} pays for queries',
    params: {
      accountId: account(STATE_ACCOUNTS.payer, 'the member that joined: one of the three accounts'),
      ...collaborationParams,
    },
    returns: ['membershipId', 'membershipArn', 'collaborationId', 'collaborationArn'],
  },
  collaborationWithMembers: {
    name: 'a collaboration with {memberCount} participants, listed {pageSize} per page',
    params: {
      memberCount: count(5, 'participants, the creator included (2–100)'),
      pageSize: count(2, 'the maxResults the consumer lists with'),
      creatorAccountId: account(
        STATE_ACCOUNTS.creator,
        'creates the collaboration (can query, pays) and lists',
      ),
      region,
    },
    returns: ['collaborationId', 'nextToken'],
  },
  activeMemberships: {
    name: '{accountId} has {membershipCount} ACTIVE memberships, listed {pageSize} per page',
    params: {
      accountId: account(STATE_ACCOUNTS.payer, 'the account whose memberships are listed'),
      membershipCount: count(3, 'ACTIVE memberships, in as many collaborations (1–100)'),
      pageSize: count(2, 'the maxResults the consumer lists with'),
      region,
    },
    returns: ['nextToken'],
  },
} as const satisfies Record<
  string,
  { name: string; params: Record<string, StateParamSpec>; returns: readonly string[] }
>

type Catalogue = typeof STATE_CATALOGUE

/** The key of a catalogued state (`paidCollaboration`, …). */
export type StateKey = keyof Catalogue

/**
 * Provider state names, with their placeholders. The builders fill the placeholders from the
 * parameters (or their defaults), so the pact reads `a collaboration where 222222222222 pays for queries`.
 */
export const STATES: { readonly [K in StateKey]: Catalogue[K]['name'] } = Object.fromEntries(
  Object.entries(STATE_CATALOGUE).map(([key, state]) => [key, state.name]),
) as { readonly [K in StateKey]: Catalogue[K]['name'] }

/** Every name a contract may give as its provider state. */
export type StateName = Catalogue[StateKey]['name']

type KeyOf<N extends StateName> = { [K in StateKey]: Catalogue[K]['name'] extends N ? K : never }[StateKey]
type ValueOf<Spec> = Spec extends { kind: 'count' } ? number : string

/**
 * The parameters of the state named `N`, each typed by its kind (all optional: each has a default).
 * A state without parameters takes none (`Record<string, never>`, so a stray one is an error).
 */
export type StateParamsOf<N extends StateName> = [keyof Catalogue[KeyOf<N>]['params']] extends [never]
  ? Record<string, never>
  : { -readonly [P in keyof Catalogue[KeyOf<N>]['params']]?: ValueOf<Catalogue[KeyOf<N>]['params'][P]> }

/** The names of the values the state named `N` returns to the verifier. */
export type StateReturnsOf<N extends StateName> = Catalogue[KeyOf<N>]['returns'][number]

/** Every name `stateValue` may read: the values some catalogued state returns. */
export type StateValueName = { [K in StateKey]: Catalogue[K]['returns'][number] }[StateKey]

/** One provider state with its typed parameters. */
export type TypedProviderState = { [N in StateName]: { name: N; params?: StateParamsOf<N> } }[StateName]

/**
 * Example values consumer tests use for state-supplied ids (with `stateValue`); at verification the
 * ids the provider state generated replace them.
 */
export const EXAMPLE_IDS = {
  collaborationId: '0f3c1f9e-7a2b-4c5d-8e6f-1a2b3c4d5e6f',
  membershipId: '5b2d7c1a-3e4f-4a6b-9c8d-7e6f5a4b3c2d',
  nextToken: 'v1.example-next-token',
} as const

/** Fills a state name's `{param}` placeholders from `params`, falling back to the defaults. */
export function stateNameWith(name: StateName, params: Readonly<Record<string, unknown>> = {}): string {
  const key = (Object.keys(STATE_CATALOGUE) as StateKey[]).find((k) => STATE_CATALOGUE[k].name === name)
  const specs: Readonly<Record<string, StateParamSpec>> = key === undefined ? {} : STATE_CATALOGUE[key].params
  return name.replace(/\{([A-Za-z]+)\}/g, (whole, param: string) => {
    const value = params[param] ?? specs[param]?.default
    return value === undefined ? whole : String(value)
  })
}
