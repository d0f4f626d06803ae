/** Test helpers for the domain unit tests: a fresh store, a frozen clock, predictable ids, small inputs. */
import { expect } from 'vitest'

import {
  type Caller,
  createCollaboration,
  createMembership,
  createStore,
  type DomainDeps,
  type Store,
} from '../../mocks/domain/index.ts'
import type {
  CreateCollaborationInput,
  CreateMembershipInput,
  MemberSpecification,
  PaymentConfiguration,
} from '../../mocks/generated/types.ts'
import { A as CREATOR, T0 } from '../support/accounts.ts'

export { A as CREATOR, B, C, D, OUTSIDER, T0 } from '../support/accounts.ts'
export const REGION = 'us-east-1'

/** Deps with a clock the test moves by hand and ids 00000000-0000-4000-8000-000000000001, …02, … */
export function testDeps(): DomainDeps & { advance(ms: number): void; issued(): number } {
  let time = T0
  let count = 0
  return {
    now: () => time,
    newId: () => {
      count += 1
      return `00000000-0000-4000-8000-${count.toString(16).padStart(12, '0')}`
    },
    advance: (ms) => {
      time += ms
    },
    issued: () => count,
  }
}

/** A fresh store and deps, plus a caller factory. */
export function setup() {
  const store = createStore({ tokenSecret: 'test-secret' })
  const deps = testDeps()
  const as = (accountId: string, region = REGION): Caller => ({ accountId, region })
  return { store, deps, as }
}

/** A member specification with the given abilities and creator-set payment configuration. */
export function member(
  accountId: string,
  memberAbilities: MemberSpecification['memberAbilities'] = [],
  paymentConfiguration?: PaymentConfiguration,
): MemberSpecification {
  return {
    accountId,
    displayName: `Member ${accountId}`,
    memberAbilities,
    ...(paymentConfiguration !== undefined && { paymentConfiguration }),
  }
}

/** `{ queryCompute: { isResponsible } }` */
export function pays(isResponsible: boolean): PaymentConfiguration {
  return { queryCompute: { isResponsible } }
}

/** A valid CreateCollaboration input: creator without abilities, no members, unless overridden. */
export function collaborationInput(
  overrides: Partial<CreateCollaborationInput> = {},
): CreateCollaborationInput {
  return {
    name: 'Shared audience',
    description: 'Overlap analysis',
    creatorDisplayName: 'Creator',
    creatorMemberAbilities: [],
    members: [],
    queryLogStatus: 'DISABLED',
    ...overrides,
  }
}

/** Creates a collaboration as CREATOR (or `creator`) and returns its id. */
export function newCollaboration(
  env: ReturnType<typeof setup>,
  overrides: Partial<CreateCollaborationInput> = {},
  creator = CREATOR,
): string {
  return createCollaboration(env.store, env.as(creator), collaborationInput(overrides), env.deps)
    .collaboration.id
}

/** Joins a collaboration as `accountId` with `queryLogStatus: DISABLED` plus `extra`. */
export function join(
  env: ReturnType<typeof setup>,
  accountId: string,
  collaborationIdentifier: string,
  extra: Partial<CreateMembershipInput> = {},
) {
  return createMembership(
    env.store,
    env.as(accountId),
    { collaborationIdentifier, queryLogStatus: 'DISABLED', ...extra },
    env.deps,
  ).membership
}

/**
 * R-STATE-2: runs `call`, expects it to throw `errorClass`, and checks the state did not change.
 * Returns the error so the test can check its body.
 */
export function expectRejected<E extends Error>(
  store: Store,
  call: () => unknown,
  errorClass: new (...args: never[]) => E,
): E {
  const before = store.snapshot()
  let thrown: unknown
  try {
    call()
  } catch (error) {
    thrown = error
  }
  expect(thrown).toBeInstanceOf(errorClass)
  expect(store.snapshot()).toEqual(before)
  return thrown as E
}
