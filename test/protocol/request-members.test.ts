/**
 * No request member is "accepted and ignored" (RULES.md R-WIRE-5, R-MODEL-2): for every model profile, every
 * body member of the three operations that change state has a case below, and sending it changes the answer or
 * the state. A member a new model brings (2026-07-27's `membershipPaymentConfiguration`) fails the first test until
 * someone writes its case, and its case fails while the domain does not act on it (last test).
 */
import { describe, expect, it } from 'vitest'

import { createDomainService, createStore } from '../../mocks/domain/index.ts'
import type { ServiceRules } from '../../mocks/domain/profile-rules.ts'
import { MODELS, type ModelName, PROFILES } from '../../mocks/profiles.ts'
import { handleRequest } from '../../mocks/protocol/handle-request.ts'
import { A, B, T0 } from '../support/accounts.ts'

const ROLE = 'arn:aws:iam::222222222222:role/results'

/** The operations that change state, their path, and the case of each of their body members. */
interface OperationCases {
  method: string
  /** Path, given what `setup` created. */
  path(context: Context): string
  /** A valid request body without the member under test (it may hold other members). */
  base(context: Context): Record<string, unknown>
  /** Per member: the value whose presence (against its absence) must change the answer or the state. */
  members: Record<string, (context: Context) => unknown>
}

interface Context {
  collaborationId: string
  membershipId: string
}

const CASES: Record<'CreateCollaboration' | 'CreateMembership' | 'UpdateMembership', OperationCases> = {
  CreateCollaboration: {
    method: 'POST',
    path: () => '/collaborations',
    base: () => ({
      name: 'n',
      description: 'd',
      creatorDisplayName: 'c',
      creatorMemberAbilities: [],
      members: [],
      queryLogStatus: 'DISABLED',
    }),
    members: {
      members: () => [{ accountId: '333333333333', displayName: 'm', memberAbilities: [] }],
      name: () => 'another name',
      description: () => 'another description',
      creatorMemberAbilities: () => ['CAN_QUERY'],
      creatorMLMemberAbilities: () => ({ customMLMemberAbilities: ['CAN_RECEIVE_MODEL_OUTPUT'] }),
      creatorDisplayName: () => 'another creator',
      dataEncryptionMetadata: () => ({
        allowCleartext: true,
        allowDuplicates: true,
        allowJoinsOnColumnsWithDifferentNames: true,
        preserveNulls: true,
      }),
      queryLogStatus: () => 'ENABLED',
      jobLogStatus: () => 'ENABLED',
      tags: () => ({ team: 'ads' }),
      creatorPaymentConfiguration: () => ({ queryCompute: { isResponsible: false } }),
      analyticsEngine: () => 'SPARK',
      autoApprovedChangeRequestTypes: () => ['ADD_MEMBER'],
      allowedResultRegions: () => ['us-east-1'],
      isMetricsEnabled: () => true,
    },
  },
  CreateMembership: {
    method: 'POST',
    path: () => '/memberships',
    base: ({ collaborationId }) => ({
      collaborationIdentifier: collaborationId,
      queryLogStatus: 'DISABLED',
      paymentConfiguration: { queryCompute: { isResponsible: true } },
    }),
    members: {
      collaborationIdentifier: ({ collaborationId }) => collaborationId,
      queryLogStatus: () => 'ENABLED',
      jobLogStatus: () => 'ENABLED',
      tags: () => ({ team: 'ads' }),
      defaultResultConfiguration: () => ({
        outputConfiguration: { s3: { resultFormat: 'CSV', bucket: 'results-bucket' } },
        roleArn: ROLE,
      }),
      defaultJobResultConfiguration: () => ({
        outputConfiguration: { s3: { bucket: 'job-bucket' } },
        roleArn: ROLE,
      }),
      // B was set to pay and cannot query: without the block it cannot join (R-PAY-5).
      paymentConfiguration: () => ({ queryCompute: { isResponsible: true } }),
      isMetricsEnabled: () => true,
    },
  },
  UpdateMembership: {
    method: 'PATCH',
    path: ({ membershipId }) => `/memberships/${membershipId}`,
    base: () => ({}),
    members: {
      queryLogStatus: () => 'ENABLED',
      jobLogStatus: () => 'ENABLED',
      defaultResultConfiguration: () => ({
        outputConfiguration: { s3: { resultFormat: 'PARQUET', bucket: 'results-bucket' } },
        roleArn: ROLE,
      }),
      defaultJobResultConfiguration: () => ({
        outputConfiguration: { s3: { bucket: 'job-bucket' } },
        roleArn: ROLE,
      }),
      // B is no candidate for model training (nobody can query): its false is stored (R-CAND-4).
      membershipPaymentConfiguration: () => ({
        machineLearning: { modelTraining: { isResponsible: false } },
      }),
    },
  },
}

/** A mock of one profile, built from its parts so a test can change its rules. */
function mockOf(model: ModelName, rules: ServiceRules = PROFILES[model].rules) {
  const store = createStore({ tokenSecret: 'request-members', rules })
  let count = 0
  const service = createDomainService(store, {
    now: () => T0,
    newId: () => `00000000-0000-4000-8000-${(++count).toString(16).padStart(12, '0')}`,
  })
  const options = {
    service,
    model: PROFILES[model].wire,
    accounts: new Map<string, string>(),
    strict: false,
    defaultAccountId: '123456789012',
    defaultRegion: 'us-east-1',
    newRequestId: () => 'request',
  }
  const send = (account: string, method: string, path: string, body: unknown) => {
    const response = handleRequest(
      {
        method,
        path,
        query: new URLSearchParams(),
        headers: {
          authorization: `AWS4-HMAC-SHA256 Credential=${account}/20260101/us-east-1/cleanrooms/aws4_request, SignedHeaders=host, Signature=0`,
        },
        body: JSON.stringify(body),
      },
      options,
    )
    return { status: response.status, body: JSON.parse(response.body) as Record<string, unknown> }
  }
  // A collaboration that lets B set everything: B receives results and pays for queries, logs and metrics on.
  const created = send(A, 'POST', '/collaborations', {
    name: 'n',
    description: 'd',
    creatorDisplayName: 'c',
    creatorMemberAbilities: [],
    members: [
      {
        accountId: B,
        displayName: 'b',
        memberAbilities: ['CAN_RECEIVE_RESULTS'],
        paymentConfiguration: { queryCompute: { isResponsible: true } },
      },
    ],
    queryLogStatus: 'ENABLED',
    jobLogStatus: 'ENABLED',
    isMetricsEnabled: true,
  })
  const collaborationId = (created.body['collaboration'] as { id: string }).id
  return { store, send, context: { collaborationId, membershipId: '' } }
}

/** What one request leads to: the answer and the state after it. */
function outcome(
  model: ModelName,
  operation: keyof typeof CASES,
  body: (c: Context) => object,
  rules?: ServiceRules,
) {
  const mock = mockOf(model, rules)
  const { context } = mock
  if (operation === 'UpdateMembership') {
    const joined = mock.send(B, 'POST', '/memberships', CASES.CreateMembership.base(context))
    context.membershipId = (joined.body['membership'] as { id: string }).id
  }
  const cases = CASES[operation]
  const caller = operation === 'CreateCollaboration' ? A : B
  const answer = mock.send(caller, cases.method, cases.path(context), body(context))
  return { answer, state: mock.store.snapshot() }
}

/**
 * Whether sending `member` changes the answer or the state of `operation` in `model`.
 * @throws when the request with the member is refused: a case must be a value the service accepts
 */
function hasEffect(
  model: ModelName,
  operation: keyof typeof CASES,
  member: string,
  rules?: ServiceRules,
): boolean {
  const cases = CASES[operation]
  const value = cases.members[member]
  if (value === undefined) throw new Error(`no case for ${operation}.${member}`)
  const without = (context: Context) => {
    const { [member]: _dropped, ...rest } = cases.base(context)
    return rest
  }
  const withMember = (context: Context) => ({ ...cases.base(context), [member]: value(context) })
  const sent = outcome(model, operation, withMember, rules)
  if (sent.answer.status !== 200) {
    throw new Error(`${operation}.${member} in ${model} was refused: ${JSON.stringify(sent.answer.body)}`)
  }
  return JSON.stringify(outcome(model, operation, without, rules)) !== JSON.stringify(sent)
}

describe('every request member of every profile is acted on (R-WIRE-5, R-MODEL-2)', () => {
  it.each(MODELS)('model %s: every body member of the state-changing operations has a case here', (model) => {
    const { operations } = PROFILES[model].wire
    for (const operation of Object.keys(CASES) as Array<keyof typeof CASES>) {
      const missing = operations[operation].bodyMembers.filter(
        (member) => !(member in CASES[operation].members),
      )
      expect(missing, `${operation} members of ${model} without a case`).toEqual([])
    }
  })

  const rows = MODELS.flatMap((model) =>
    (Object.keys(CASES) as Array<keyof typeof CASES>).flatMap((operation) =>
      PROFILES[model].wire.operations[operation].bodyMembers.map((member) => ({ model, operation, member })),
    ),
  )
  it.each(rows)(
    'model $model: $operation.$member changes the answer or the state',
    ({ model, operation, member }) => {
      expect(hasEffect(model, operation, member)).toBe(true)
    },
  )

  it('R-CAND-4: a domain that does not act on membershipPaymentConfiguration fails its case (accepted and ignored is caught)', () => {
    const rules = { ...PROFILES['2026-07-27'].rules, paymentUpdatable: false }
    expect(hasEffect('2026-07-27', 'UpdateMembership', 'membershipPaymentConfiguration')).toBe(true)
    expect(hasEffect('2026-07-27', 'UpdateMembership', 'membershipPaymentConfiguration', rules)).toBe(false)
  })
})
