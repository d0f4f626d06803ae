/**
 * Type-level fidelity: every structure the spec generates has exactly the member names and
 * required-ness of the same shape in @aws-sdk/client-cleanrooms@3.1048.0 (the model the spec targets).
 * Member types are not compared: timestamps are numbers on our wire and `Date` in the SDK, on purpose.
 */
import type * as Sdk from '@aws-sdk/client-cleanrooms'
import { describe, expectTypeOf, it } from 'vitest'

import type * as Ours from '../../mocks/generated/types.ts'

/** Keys that must be present (not `?`). A member typed `X | undefined` without `?` is still required. */
type RequiredKeys<T> = { [K in keyof T]-?: object extends Pick<T, K> ? never : K }[keyof T]
/** Member names of a union shape: the SDK models unions as one interface per member plus `$unknown`. */
type UnionMembers<T> = Exclude<T extends unknown ? keyof T : never, '$unknown'>

/** `never` when both shapes agree; otherwise a record naming what differs. */
type Mismatch<A, B> = [keyof A] extends [keyof B]
  ? [keyof B] extends [keyof A]
    ? [RequiredKeys<A>] extends [RequiredKeys<B>]
      ? [RequiredKeys<B>] extends [RequiredKeys<A>]
        ? never
        : { requiredOnlyInSdk: Exclude<RequiredKeys<B>, RequiredKeys<A>> }
      : { requiredOnlyInSpec: Exclude<RequiredKeys<A>, RequiredKeys<B>> }
    : { onlyInSdk: Exclude<keyof B, keyof A> }
  : { onlyInSpec: Exclude<keyof A, keyof B> }

type UnionMismatch<A, B> = [UnionMembers<A>] extends [UnionMembers<B>]
  ? [UnionMembers<B>] extends [UnionMembers<A>]
    ? never
    : { onlyInSdk: Exclude<UnionMembers<B>, UnionMembers<A>> }
  : { onlyInSpec: Exclude<UnionMembers<A>, UnionMembers<B>> }

describe('operation inputs and outputs match the SDK command shapes', () => {
  it('CreateCollaboration', () => {
    expectTypeOf<Mismatch<Ours.CreateCollaborationInput, Sdk.CreateCollaborationCommandInput>>().toBeNever()
    expectTypeOf<Mismatch<Ours.CreateCollaborationOutput, Sdk.CreateCollaborationOutput>>().toBeNever()
  })
  it('CreateMembership', () => {
    expectTypeOf<Mismatch<Ours.CreateMembershipInput, Sdk.CreateMembershipCommandInput>>().toBeNever()
    expectTypeOf<Mismatch<Ours.CreateMembershipOutput, Sdk.CreateMembershipOutput>>().toBeNever()
  })
  it('GetMembership', () => {
    expectTypeOf<Mismatch<Ours.GetMembershipInput, Sdk.GetMembershipCommandInput>>().toBeNever()
    expectTypeOf<Mismatch<Ours.GetMembershipOutput, Sdk.GetMembershipOutput>>().toBeNever()
  })
  it('ListMembers', () => {
    expectTypeOf<Mismatch<Ours.ListMembersInput, Sdk.ListMembersCommandInput>>().toBeNever()
    expectTypeOf<Mismatch<Ours.ListMembersOutput, Sdk.ListMembersOutput>>().toBeNever()
  })
  it('ListMemberships', () => {
    expectTypeOf<Mismatch<Ours.ListMembershipsInput, Sdk.ListMembershipsCommandInput>>().toBeNever()
    expectTypeOf<Mismatch<Ours.ListMembershipsOutput, Sdk.ListMembershipsOutput>>().toBeNever()
  })
  it('UpdateMembership', () => {
    expectTypeOf<Mismatch<Ours.UpdateMembershipInput, Sdk.UpdateMembershipCommandInput>>().toBeNever()
    expectTypeOf<Mismatch<Ours.UpdateMembershipOutput, Sdk.UpdateMembershipOutput>>().toBeNever()
  })
})

describe('every nested structure matches the SDK model of the same name', () => {
  it('collaboration and member shapes', () => {
    expectTypeOf<Mismatch<Ours.Collaboration, Sdk.Collaboration>>().toBeNever()
    expectTypeOf<Mismatch<Ours.MemberSpecification, Sdk.MemberSpecification>>().toBeNever()
    expectTypeOf<Mismatch<Ours.MemberSummary, Sdk.MemberSummary>>().toBeNever()
    expectTypeOf<Mismatch<Ours.MLMemberAbilities, Sdk.MLMemberAbilities>>().toBeNever()
    expectTypeOf<Mismatch<Ours.DataEncryptionMetadata, Sdk.DataEncryptionMetadata>>().toBeNever()
    expectTypeOf<Mismatch<Ours.ValidationExceptionField, Sdk.ValidationExceptionField>>().toBeNever()
  })
  it('membership shapes', () => {
    expectTypeOf<Mismatch<Ours.Membership, Sdk.Membership>>().toBeNever()
    expectTypeOf<Mismatch<Ours.MembershipSummary, Sdk.MembershipSummary>>().toBeNever()
    expectTypeOf<
      Mismatch<
        Ours.MembershipProtectedQueryResultConfiguration,
        Sdk.MembershipProtectedQueryResultConfiguration
      >
    >().toBeNever()
    expectTypeOf<
      Mismatch<Ours.MembershipProtectedJobResultConfiguration, Sdk.MembershipProtectedJobResultConfiguration>
    >().toBeNever()
    expectTypeOf<
      Mismatch<Ours.ProtectedQueryS3OutputConfiguration, Sdk.ProtectedQueryS3OutputConfiguration>
    >().toBeNever()
    expectTypeOf<
      Mismatch<Ours.ProtectedJobS3OutputConfigurationInput, Sdk.ProtectedJobS3OutputConfigurationInput>
    >().toBeNever()
  })
  it('unions have the same members', () => {
    expectTypeOf<
      UnionMismatch<
        Ours.MembershipProtectedQueryOutputConfiguration,
        Sdk.MembershipProtectedQueryOutputConfiguration
      >
    >().toBeNever()
    expectTypeOf<
      UnionMismatch<
        Ours.MembershipProtectedJobOutputConfiguration,
        Sdk.MembershipProtectedJobOutputConfiguration
      >
    >().toBeNever()
  })
  it('creator-set payment configuration (PaymentConfiguration and its categories)', () => {
    expectTypeOf<Mismatch<Ours.PaymentConfiguration, Sdk.PaymentConfiguration>>().toBeNever()
    expectTypeOf<Mismatch<Ours.QueryComputePaymentConfig, Sdk.QueryComputePaymentConfig>>().toBeNever()
    expectTypeOf<Mismatch<Ours.JobComputePaymentConfig, Sdk.JobComputePaymentConfig>>().toBeNever()
    expectTypeOf<Mismatch<Ours.MLPaymentConfig, Sdk.MLPaymentConfig>>().toBeNever()
    expectTypeOf<Mismatch<Ours.ModelTrainingPaymentConfig, Sdk.ModelTrainingPaymentConfig>>().toBeNever()
    expectTypeOf<Mismatch<Ours.ModelInferencePaymentConfig, Sdk.ModelInferencePaymentConfig>>().toBeNever()
    expectTypeOf<
      Mismatch<Ours.SyntheticDataGenerationPaymentConfig, Sdk.SyntheticDataGenerationPaymentConfig>
    >().toBeNever()
  })
  it('member-accepted payment configuration (MembershipPaymentConfiguration and its categories)', () => {
    expectTypeOf<
      Mismatch<Ours.MembershipPaymentConfiguration, Sdk.MembershipPaymentConfiguration>
    >().toBeNever()
    expectTypeOf<
      Mismatch<Ours.MembershipQueryComputePaymentConfig, Sdk.MembershipQueryComputePaymentConfig>
    >().toBeNever()
    expectTypeOf<
      Mismatch<Ours.MembershipJobComputePaymentConfig, Sdk.MembershipJobComputePaymentConfig>
    >().toBeNever()
    expectTypeOf<Mismatch<Ours.MembershipMLPaymentConfig, Sdk.MembershipMLPaymentConfig>>().toBeNever()
    expectTypeOf<
      Mismatch<Ours.MembershipModelTrainingPaymentConfig, Sdk.MembershipModelTrainingPaymentConfig>
    >().toBeNever()
    expectTypeOf<
      Mismatch<Ours.MembershipModelInferencePaymentConfig, Sdk.MembershipModelInferencePaymentConfig>
    >().toBeNever()
    expectTypeOf<
      Mismatch<
        Ours.MembershipSyntheticDataGenerationPaymentConfig,
        Sdk.MembershipSyntheticDataGenerationPaymentConfig
      >
    >().toBeNever()
  })
})

describe('the comparison itself catches drift', () => {
  it('reports a member the SDK has and the spec lacks, and a required-ness difference', () => {
    type Dropped = Omit<Ours.Membership, 'paymentConfiguration'>
    expectTypeOf<Mismatch<Dropped, Sdk.Membership>>().toEqualTypeOf<{ onlyInSdk: 'paymentConfiguration' }>()
    type Loosened = Omit<Ours.Membership, 'status'> & { status?: Ours.MembershipStatus }
    expectTypeOf<Mismatch<Loosened, Sdk.Membership>>().toEqualTypeOf<{ requiredOnlyInSdk: 'status' }>()
  })
})
