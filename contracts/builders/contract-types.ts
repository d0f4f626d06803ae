/** Contracts layer: the types a consumer writes when it describes one interaction with the builders. */
import type { Matcher, PactV4 } from '@pact-foundation/pact'
import type { StateName, StateParamsOf, TypedProviderState } from '../state-names.ts'

/** Any Pact matcher (`MatchersV3.*`, `fromProviderState`, …): kept as written by the builders. */
export type AnyMatcher = Matcher<unknown>

/** A value of type `T` where any member, at any depth, may instead be a Pact matcher. */
export type Templated<T> =
  | AnyMatcher
  | (T extends readonly (infer U)[]
      ? Templated<U>[]
      : T extends object
        ? { [K in keyof T]: Templated<T[K]> }
        : T)

/**
 * What a consumer expects back: a deep-partial of `T` (list only the members your code reads;
 * the provider may return more), any member of which may be a Pact matcher.
 */
export type Expected<T> =
  | AnyMatcher
  | (T extends readonly (infer U)[]
      ? Expected<U>[]
      : T extends object
        ? { [K in keyof T]?: Expected<T[K]> }
        : T)

/** Parameters of a provider state, as they go into the pact file. */
export type StateParams = Record<string, string | number | boolean>

/** One provider state the interaction needs (see docs/contracts.md for the catalogue), typed by name. */
export type ProviderState = TypedProviderState

/**
 * The provider state an interaction starts from: a catalogued name with its typed `stateParams`, a
 * list of `{ name, params }`, or none. A name or parameter the catalogue does not have is a compile error.
 */
export type StateChoice =
  | { [N in StateName]: { state: N; stateParams?: StateParamsOf<N> } }[StateName]
  | { state: readonly ProviderState[]; stateParams?: never }
  | { state?: never; stateParams?: never }

/** An expected modeled error: its name (header `x-amzn-errortype`, sets the HTTP status) and body. */
export type ErrorExpectation<E> = {
  [K in keyof E & string]: { name: K; body?: Expected<E[K]> }
}[keyof E & string]

type ContractBase<I> = StateChoice & {
  /** The interaction's description; unique within the pact. A readable default is derived. */
  uponReceiving?: string
  /**
   * The caller's 12-digit account id. The `Authorization` header is matched by a regex that pins this
   * account in the SigV4 credential (the access key id is the account id), never by a signature.
   */
  account: string
  /** The operation input (labels, query and body members, by member name). */
  request: Templated<I>
}

/**
 * One interaction of an operation with input `I`, output `O` and declared error bodies `E`:
 * either a success (`response`, optionally `status`) or a modeled error (`error`).
 */
export type OperationContract<I, O, E> =
  | (ContractBase<I> & { response?: Expected<O>; status?: number; error?: never })
  | (ContractBase<I> & { error: ErrorExpectation<E>; response?: never; status?: never })

/** Any operation's contract, with the types erased: what the generated helpers hand to the runtime. */
export interface LooseContract {
  state?: string | readonly { name: string; params?: StateParams }[]
  stateParams?: StateParams
  uponReceiving?: string
  account: string
  request: unknown
  response?: unknown
  status?: number
  error?: { name: string; body?: unknown }
}

/** The interaction the builders return: call `.executeTest(async (mockServer) => …)` on it. */
export type PactInteraction = ReturnType<
  ReturnType<ReturnType<PactV4['addInteraction']>['withRequest']>['willRespondWith']
>
