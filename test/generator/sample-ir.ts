/**
 * Test data: a small hand-made IR in the spec's conventions (docs/decisions/0001), with the constraints of
 * cleanrooms-api.md §4 plus a few the real spec lacks (a two-member union, a member-level allOf, a capped
 * list, a ranged float), so every constraint kind has a schema to test against.
 */
import type { JsonSchema, SpecIR } from '../../generator/ir.ts'

const ref = (name: string): JsonSchema => ({ $ref: `#/components/schemas/${name}` })

/** Smithy's text class for names: UTF-16 code units, surrogates listed piecemeal, tab allowed. */
export const DISPLAY_NAME_PATTERN =
  '^(?!\\s*$)[\\u0020-\\uD7FF\\uE000-\\uFFFD\\uD800\\uDBFF-\\uDC00\\uDFFF\\t]*$'
export const UUID_PATTERN = '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'
export const BUCKET_PATTERN =
  '(?!^(\\d+\\.)+\\d+$)(^(([a-z0-9]|[a-z0-9][a-z0-9\\-]*[a-z0-9])\\.)*([a-z0-9]|[a-z0-9][a-z0-9\\-]*[a-z0-9])$)'
export const MEMBERSHIP_ARN_PATTERN =
  '^arn:aws:[\\w]+:[\\w]{2}-[\\w]{4,9}-[\\d]:[\\d]{12}:membership/[\\d\\w-]+$'
export const ROLE_ARN_PATTERN = '^arn:aws:iam::[\\w]+:role/[\\w+=./@-]+$'

const schemas: Record<string, JsonSchema> = {
  AccountId: { type: 'string', minLength: 12, maxLength: 12, pattern: '^\\d+$' },
  UUID: { type: 'string', minLength: 36, maxLength: 36, pattern: UUID_PATTERN },
  DisplayName: { type: 'string', minLength: 1, maxLength: 100, pattern: DISPLAY_NAME_PATTERN },
  MembershipArn: { type: 'string', maxLength: 100, pattern: MEMBERSHIP_ARN_PATTERN },
  RoleArn: { type: 'string', minLength: 32, maxLength: 512, pattern: ROLE_ARN_PATTERN },
  KeyPrefix: { type: 'string', minLength: 0, maxLength: 512, pattern: '^[\\w!.=*/-]*$' },
  PaginationToken: { type: 'string', maxLength: 10240 },
  MaxResults: { type: 'integer', minimum: 1, maximum: 100 },
  Ratio: { type: 'number', minimum: 0, maximum: 1 },
  MemberAbility: { type: 'string', enum: ['CAN_QUERY', 'CAN_RECEIVE_RESULTS', 'CAN_RUN_JOB'] },
  MemberAbilities: { type: 'array', items: ref('MemberAbility'), uniqueItems: true },
  ResultFormat: { type: 'string', enum: ['CSV', 'PARQUET'] },
  TagKey: { type: 'string', minLength: 1, maxLength: 128 },
  TagValue: { type: 'string', minLength: 0, maxLength: 256 },
  TagMap: {
    type: 'object',
    additionalProperties: ref('TagValue'),
    propertyNames: ref('TagKey'),
    minProperties: 0,
    maxProperties: 200,
  },
  QueryComputePaymentConfig: {
    type: 'object',
    properties: { isResponsible: { type: 'boolean' } },
    required: ['isResponsible'],
  },
  PaymentConfiguration: {
    type: 'object',
    properties: { queryCompute: ref('QueryComputePaymentConfig') },
    required: ['queryCompute'],
  },
  MemberSpecification: {
    type: 'object',
    properties: {
      accountId: ref('AccountId'),
      memberAbilities: ref('MemberAbilities'),
      displayName: ref('DisplayName'),
      paymentConfiguration: ref('PaymentConfiguration'),
      // A member-level constraint over a named shape: the member's maxLength tightens DisplayName's.
      nickname: { allOf: [ref('DisplayName')], maxLength: 20 },
    },
    required: ['accountId', 'memberAbilities', 'displayName'],
  },
  // The 2023 baseline's cap of nine invited members.
  MemberList: { type: 'array', items: ref('MemberSpecification'), minItems: 0, maxItems: 9 },
  S3Output: {
    type: 'object',
    properties: {
      resultFormat: ref('ResultFormat'),
      bucket: { type: 'string', minLength: 3, maxLength: 63, pattern: BUCKET_PATTERN },
      keyPrefix: ref('KeyPrefix'),
    },
    required: ['resultFormat', 'bucket'],
  },
  LocalOutput: {
    type: 'object',
    properties: { roleArn: ref('RoleArn') },
    required: ['roleArn'],
  },
  OutputConfiguration: {
    type: 'object',
    properties: { s3: ref('S3Output'), local: ref('LocalOutput') },
    minProperties: 1,
    maxProperties: 1,
    'x-union': true,
  },
  Membership: {
    type: 'object',
    properties: {
      id: ref('UUID'),
      arn: ref('MembershipArn'),
      createTime: { type: 'number', format: 'epoch-seconds' },
      sampleRate: ref('Ratio'),
      revision: { type: 'integer' },
      outputConfiguration: ref('OutputConfiguration'),
      tags: ref('TagMap'),
    },
    required: ['id', 'arn', 'createTime'],
  },
  CreateCollaborationInput: {
    type: 'object',
    properties: {
      members: ref('MemberList'),
      name: ref('DisplayName'),
      creatorMemberAbilities: ref('MemberAbilities'),
      creatorDisplayName: ref('DisplayName'),
      isMetricsEnabled: { type: 'boolean' },
      tags: ref('TagMap'),
    },
    required: ['members', 'name', 'creatorMemberAbilities', 'creatorDisplayName'],
  },
  CreateCollaborationOutput: {
    type: 'object',
    properties: { membership: ref('Membership') },
    required: ['membership'],
  },
  ListMembersInput: {
    type: 'object',
    properties: {
      collaborationIdentifier: { ...ref('UUID'), 'x-location': 'label' },
      nextToken: { ...ref('PaginationToken'), 'x-location': 'query' },
      maxResults: { ...ref('MaxResults'), 'x-location': 'query' },
    },
    required: ['collaborationIdentifier'],
  },
  ListMembersOutput: {
    type: 'object',
    properties: { memberSummaries: ref('MemberList'), nextToken: ref('PaginationToken') },
    required: ['memberSummaries'],
  },
  ValidationException: {
    type: 'object',
    properties: { message: { type: 'string' } },
    'x-error': { fault: 'client', httpStatus: 400 },
  },
}

/** Two operations over the schemas above: one with a body, one with a label and query members. */
export const sampleIR: SpecIR = {
  source: { format: 'smithy', modelDate: '2026-04-17', sha256: '0'.repeat(64), service: 'Sample' },
  operations: [
    {
      name: 'CreateCollaboration',
      method: 'POST',
      path: '/collaborations',
      successStatus: 200,
      labels: [],
      query: {},
      inputShape: 'CreateCollaborationInput',
      outputShape: 'CreateCollaborationOutput',
      bodyMembers: [
        'members',
        'name',
        'creatorMemberAbilities',
        'creatorDisplayName',
        'isMetricsEnabled',
        'tags',
      ],
      errors: [{ name: 'ValidationException', status: 400, fault: 'client' }],
      readonly: false,
    },
    {
      name: 'ListMembers',
      method: 'GET',
      path: '/collaborations/{collaborationIdentifier}/members',
      successStatus: 200,
      labels: ['collaborationIdentifier'],
      query: {
        maxResults: { member: 'maxResults', schema: 'MaxResults', type: 'integer' },
        nextToken: { member: 'nextToken', schema: 'PaginationToken', type: 'string' },
      },
      inputShape: 'ListMembersInput',
      outputShape: 'ListMembersOutput',
      bodyMembers: [],
      errors: [{ name: 'ValidationException', status: 400, fault: 'client' }],
      paginated: {
        inputToken: 'nextToken',
        outputToken: 'nextToken',
        pageSize: 'maxResults',
        items: 'memberSummaries',
      },
      readonly: true,
    },
  ],
  schemas,
}
