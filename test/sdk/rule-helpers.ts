/** SDK test helpers for the business-rule suites: accounts, small inputs, and "rejected and nothing changed". */
import {
  type CleanRoomsClient,
  CreateCollaborationCommand,
  type CreateCollaborationCommandInput,
  CreateMembershipCommand,
  type CreateMembershipCommandInput,
  ListMembersCommand,
  type MemberAbility,
  type MemberSpecification,
  type PaymentConfiguration,
  type ValidationException,
} from '@aws-sdk/client-cleanrooms'
import { expect } from 'vitest'

import type { Harness } from './transports.ts'

export { A, B, C, D, OUTSIDER, T0 } from '../support/accounts.ts'

/** A lower-case UUID, any version. */
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/

/** A well-formed identifier that no collaboration or membership has. */
export const MISSING = '00000000-0000-4000-8000-000000000000'

/** A member specification as a user writes it. */
export function member(
  accountId: string,
  memberAbilities: MemberAbility[] = [],
  paymentConfiguration?: PaymentConfiguration,
): MemberSpecification {
  return {
    accountId,
    displayName: `Member ${accountId}`,
    memberAbilities,
    ...(paymentConfiguration !== undefined && { paymentConfiguration }),
  }
}

/**
 * A payment configuration from dotted category keys: `pay({ queryCompute: true, 'machineLearning.modelTraining': false })`
 * is `{ queryCompute: { isResponsible: true }, machineLearning: { modelTraining: { isResponsible: false } } }`.
 * Written here rather than taken from the mock, so the tests do not share the mock's category table.
 */
export function pay(flags: Record<string, boolean>): PaymentConfiguration {
  const result: Record<string, Record<string, unknown>> = {}
  for (const [key, isResponsible] of Object.entries(flags)) {
    const [first = key, second] = key.split('.')
    if (second === undefined) result[first] = { isResponsible }
    else result[first] = { ...result[first], [second]: { isResponsible } }
  }
  return result as unknown as PaymentConfiguration
}

/** A valid CreateCollaboration input: a creator without abilities and no members, unless overridden. */
export function collaborationInput(
  overrides: Partial<CreateCollaborationCommandInput> = {},
): CreateCollaborationCommandInput {
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

/** Creates a collaboration as `client` and returns its id. */
export async function createCollaboration(
  client: CleanRoomsClient,
  overrides: Partial<CreateCollaborationCommandInput> = {},
): Promise<string> {
  const { collaboration } = await client.send(new CreateCollaborationCommand(collaborationInput(overrides)))
  const id = collaboration?.id
  if (id === undefined) throw new Error('CreateCollaboration returned no id')
  return id
}

/** Joins `collaborationIdentifier` as `client` with `queryLogStatus: DISABLED` plus `extra`; returns the membership. */
export async function join(
  client: CleanRoomsClient,
  collaborationIdentifier: string,
  extra: Partial<CreateMembershipCommandInput> = {},
) {
  const { membership } = await client.send(
    new CreateMembershipCommand({ collaborationIdentifier, queryLogStatus: 'DISABLED', ...extra }),
  )
  if (membership === undefined) throw new Error('CreateMembership returned no membership')
  return membership
}

/** ListMembers as `client`: each participant's `paymentConfiguration`, by account id. */
export async function shownPayments(
  client: CleanRoomsClient,
  collaborationIdentifier: string,
): Promise<Record<string, PaymentConfiguration | undefined>> {
  const { memberSummaries = [] } = await client.send(new ListMembersCommand({ collaborationIdentifier }))
  return Object.fromEntries(memberSummaries.map((m) => [m.accountId, m.paymentConfiguration]))
}

/**
 * R-STATE-2: runs `call`, expects it to fail with `errorClass` (the SDK's class), and checks that the mock's
 * state is exactly what it was before. Returns the error for the test's own checks.
 */
export async function expectRejected<E extends Error>(
  h: Harness,
  call: () => Promise<unknown>,
  errorClass: abstract new (...args: never[]) => E,
): Promise<E> {
  const before = h.mock.snapshot()
  const error = await call().then(
    () => undefined,
    (e: unknown) => e,
  )
  expect(error).toBeInstanceOf(errorClass)
  expect(h.mock.snapshot()).toEqual(before)
  return error as E
}

/**
 * What a user checks on a business-rule failure (R-WIRE-6): HTTP 400, `reason: INVALID_CONFIGURATION`, one
 * `fieldList` entry per broken rule naming the input field, and a message saying the rule in plain words.
 */
export function expectBusinessRule(error: ValidationException, fields: string[], message: RegExp): void {
  expect(error.name).toBe('ValidationException')
  expect(error.$metadata.httpStatusCode).toBe(400)
  expect(error.reason).toBe('INVALID_CONFIGURATION')
  expect(error.fieldList?.map((field) => field.name)).toEqual(fields)
  expect(error.message).toMatch(message)
}

/**
 * A client that adds `extra` to the JSON body it sends, as a newer SDK with more members would. `sent` collects
 * the bodies as they left the SDK, so the test can show the extra members were on the wire.
 */
export function withExtraBodyMembers(
  client: CleanRoomsClient,
  extra: Record<string, unknown>,
): { client: CleanRoomsClient; sent: unknown[] } {
  const sent: unknown[] = []
  client.middlewareStack.add(
    (next) => async (args) => {
      const request = args.request as { body?: unknown; headers: Record<string, string> }
      // The SDK hands the serialised JSON on as bytes (or, in other versions, a string).
      const text = request.body instanceof Uint8Array ? new TextDecoder().decode(request.body) : request.body
      if (typeof text !== 'string') throw new Error('withExtraBodyMembers: the request has no JSON body')
      const body = { ...JSON.parse(text), ...extra }
      sent.push(body)
      request.body = JSON.stringify(body)
      delete request.headers['content-length']
      return next(args)
    },
    // Before the build step's content-length middleware (normal priority), so the length is computed again.
    { step: 'build', priority: 'high', name: 'addNewerSdkBodyMembers' },
  )
  return { client, sent }
}
