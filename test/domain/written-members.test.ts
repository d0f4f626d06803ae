/** WRITTEN_OUTPUT_MEMBERS (read by `diff`) is exactly what the operations write, for the richest answers they give. */
import { describe, expect, it } from 'vitest'

import {
  createCollaboration,
  createMembership,
  getMembership,
  listMembers,
  listMemberships,
} from '../../mocks/domain/index.ts'
import { WRITTEN_OUTPUT_MEMBERS } from '../../mocks/domain/written-members.ts'
import { B, CREATOR, collaborationInput, member, setup } from './helpers.ts'

const ROLE = 'arn:aws:iam::222222222222:role/results'

describe('the output members the domain writes (docs/decisions/0005)', () => {
  it('WRITTEN_OUTPUT_MEMBERS lists every member of Collaboration, MemberSummary, Membership and MembershipSummary the operations write', () => {
    const env = setup()
    const { collaboration } = createCollaboration(
      env.store,
      env.as(CREATOR),
      collaborationInput({
        creatorMemberAbilities: ['CAN_QUERY'],
        creatorMLMemberAbilities: { customMLMemberAbilities: ['CAN_RECEIVE_MODEL_OUTPUT'] },
        members: [
          {
            ...member(B, ['CAN_RECEIVE_RESULTS']),
            mlMemberAbilities: { customMLMemberAbilities: ['CAN_RECEIVE_INFERENCE_OUTPUT'] },
          },
        ],
        queryLogStatus: 'ENABLED',
        jobLogStatus: 'ENABLED',
        isMetricsEnabled: true,
        dataEncryptionMetadata: {
          allowCleartext: true,
          allowDuplicates: true,
          allowJoinsOnColumnsWithDifferentNames: true,
          preserveNulls: true,
        },
        analyticsEngine: 'SPARK',
        autoApprovedChangeRequestTypes: ['ADD_MEMBER'],
        allowedResultRegions: ['us-east-1'],
      }),
      env.deps,
    )
    const { membership } = createMembership(
      env.store,
      env.as(B),
      {
        collaborationIdentifier: collaboration.id,
        queryLogStatus: 'ENABLED',
        jobLogStatus: 'ENABLED',
        defaultResultConfiguration: {
          outputConfiguration: { s3: { resultFormat: 'CSV', bucket: 'results' } },
          roleArn: ROLE,
        },
        defaultJobResultConfiguration: { outputConfiguration: { s3: { bucket: 'jobs' } }, roleArn: ROLE },
      },
      env.deps,
    )
    const joined = createMembership(
      env.store,
      env.as(CREATOR),
      { collaborationIdentifier: collaboration.id, queryLogStatus: 'DISABLED', isMetricsEnabled: true },
      env.deps,
    )
    const members = listMembers(env.store, env.as(B), {
      collaborationIdentifier: collaboration.id,
    }).memberSummaries
    const summaries = listMemberships(env.store, env.as(B), {}).membershipSummaries
    const got = getMembership(env.store, env.as(CREATOR), {
      membershipIdentifier: joined.membership.id,
    }).membership
    const keys = (...values: object[]) => [...new Set(values.flatMap((v) => Object.keys(v)))].sort()
    // toCollaboration also writes membershipId/membershipArn for a caller with a membership; CreateCollaboration,
    // its only user among the six operations, never has one (R-COL-3), so they are added here by hand.
    expect(keys(collaboration, { membershipId: 1, membershipArn: 1 })).toEqual(
      [...(WRITTEN_OUTPUT_MEMBERS['Collaboration'] ?? [])].sort(),
    )
    expect(keys(...members)).toEqual([...(WRITTEN_OUTPUT_MEMBERS['MemberSummary'] ?? [])].sort())
    expect(keys(membership, got)).toEqual([...(WRITTEN_OUTPUT_MEMBERS['Membership'] ?? [])].sort())
    expect(keys(...summaries)).toEqual([...(WRITTEN_OUTPUT_MEMBERS['MembershipSummary'] ?? [])].sort())
  })
})
