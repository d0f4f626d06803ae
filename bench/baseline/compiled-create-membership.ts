// biome-ignore-all lint/correctness/noVoidTypeReturn: a frozen copy of the generated checks, kept as they were emitted
/**
 * Bench baseline: the compiled checks of CreateMembershipInput as the per-check generator emitted them until
 * 2026-11-30 (mocks/generated/validators.ts, before the schema table), frozen so that `npm run bench` can
 * time the table interpreter against them in the same run. Not used by the mock.
 */
import { isRecord } from '../../mocks/internal/is-record.ts'
import {
  checkBoolean,
  checkMapKey,
  codePointLength,
  optionalMember,
  report,
  requiredMember,
  run,
  type ValidationIssue,
} from '../../mocks/validation/runtime.ts'

// The runtime's isObject of that day, since merged into mocks/internal/is-record.ts (the same check).
const isObject = isRecord

const CollaborationIdentifierPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/
const KeyPrefixPattern = /^[\w!.=*/-]*$/
const MembershipJobLogStatusValues: ReadonlySet<string> = new Set(['ENABLED', 'DISABLED'])
const MembershipQueryLogStatusValues: ReadonlySet<string> = new Set(['ENABLED', 'DISABLED'])
const ProtectedJobS3OutputConfigurationInput_bucketPattern =
  /(?!^(\d+\.)+\d+$)(^(([a-z0-9]|[a-z0-9][a-z0-9-]*[a-z0-9])\.)*([a-z0-9]|[a-z0-9][a-z0-9-]*[a-z0-9])$)/
const ProtectedQueryS3OutputConfiguration_bucketPattern =
  /(?!^(\d+\.)+\d+$)(^(([a-z0-9]|[a-z0-9][a-z0-9-]*[a-z0-9])\.)*([a-z0-9]|[a-z0-9][a-z0-9-]*[a-z0-9])$)/
const ResultFormatValues: ReadonlySet<string> = new Set(['CSV', 'PARQUET'])
const RoleArnPattern = /^arn:aws:iam::[\w]+:role\/[\w+=./@-]+$/

/** CollaborationIdentifier (string). */
function checkCollaborationIdentifier(value: unknown, issues: ValidationIssue[]): void {
  if (typeof value !== 'string') return report(issues, 'type', 'Member must be of type string')
  const length = codePointLength(value)
  if (length < 36) report(issues, 'constraint', 'Member must have length greater than or equal to 36')
  if (length > 36) report(issues, 'constraint', 'Member must have length less than or equal to 36')
  if (!CollaborationIdentifierPattern.test(value))
    report(
      issues,
      'constraint',
      'Member must satisfy regular expression pattern: ^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$',
    )
}

/** CreateMembershipInput (structure). */
function checkCreateMembershipInput(value: unknown, issues: ValidationIssue[]): void {
  if (!isObject(value)) return report(issues, 'type', 'Member must be of type object')
  requiredMember(
    value['collaborationIdentifier'],
    'collaborationIdentifier',
    checkCollaborationIdentifier,
    issues,
  )
  requiredMember(value['queryLogStatus'], 'queryLogStatus', checkMembershipQueryLogStatus, issues)
  optionalMember(value['jobLogStatus'], 'jobLogStatus', checkMembershipJobLogStatus, issues)
  optionalMember(value['tags'], 'tags', checkTagMap, issues)
  optionalMember(
    value['defaultResultConfiguration'],
    'defaultResultConfiguration',
    checkMembershipProtectedQueryResultConfiguration,
    issues,
  )
  optionalMember(
    value['defaultJobResultConfiguration'],
    'defaultJobResultConfiguration',
    checkMembershipProtectedJobResultConfiguration,
    issues,
  )
  optionalMember(
    value['paymentConfiguration'],
    'paymentConfiguration',
    checkMembershipPaymentConfiguration,
    issues,
  )
  optionalMember(value['isMetricsEnabled'], 'isMetricsEnabled', checkBoolean, issues)
}

/** KeyPrefix (string). */
function checkKeyPrefix(value: unknown, issues: ValidationIssue[]): void {
  if (typeof value !== 'string') return report(issues, 'type', 'Member must be of type string')
  const length = codePointLength(value)
  if (length > 512) report(issues, 'constraint', 'Member must have length less than or equal to 512')
  if (!KeyPrefixPattern.test(value))
    report(issues, 'constraint', 'Member must satisfy regular expression pattern: ^[\\w!.=*/-]*$')
}

/** MembershipJobComputePaymentConfig (structure). */
function checkMembershipJobComputePaymentConfig(value: unknown, issues: ValidationIssue[]): void {
  if (!isObject(value)) return report(issues, 'type', 'Member must be of type object')
  requiredMember(value['isResponsible'], 'isResponsible', checkBoolean, issues)
}

/** MembershipJobLogStatus (enum). */
function checkMembershipJobLogStatus(value: unknown, issues: ValidationIssue[]): void {
  if (typeof value !== 'string') return report(issues, 'type', 'Member must be of type string')
  if (!MembershipJobLogStatusValues.has(value))
    report(issues, 'constraint', 'Member must satisfy enum value set: [ENABLED, DISABLED]')
}

/** MembershipMLPaymentConfig (structure). */
function checkMembershipMLPaymentConfig(value: unknown, issues: ValidationIssue[]): void {
  if (!isObject(value)) return report(issues, 'type', 'Member must be of type object')
  optionalMember(value['modelTraining'], 'modelTraining', checkMembershipModelTrainingPaymentConfig, issues)
  optionalMember(
    value['modelInference'],
    'modelInference',
    checkMembershipModelInferencePaymentConfig,
    issues,
  )
  optionalMember(
    value['syntheticDataGeneration'],
    'syntheticDataGeneration',
    checkMembershipSyntheticDataGenerationPaymentConfig,
    issues,
  )
}

/** MembershipModelInferencePaymentConfig (structure). */
function checkMembershipModelInferencePaymentConfig(value: unknown, issues: ValidationIssue[]): void {
  if (!isObject(value)) return report(issues, 'type', 'Member must be of type object')
  requiredMember(value['isResponsible'], 'isResponsible', checkBoolean, issues)
}

/** MembershipModelTrainingPaymentConfig (structure). */
function checkMembershipModelTrainingPaymentConfig(value: unknown, issues: ValidationIssue[]): void {
  if (!isObject(value)) return report(issues, 'type', 'Member must be of type object')
  requiredMember(value['isResponsible'], 'isResponsible', checkBoolean, issues)
}

/** MembershipPaymentConfiguration (structure). */
function checkMembershipPaymentConfiguration(value: unknown, issues: ValidationIssue[]): void {
  if (!isObject(value)) return report(issues, 'type', 'Member must be of type object')
  requiredMember(value['queryCompute'], 'queryCompute', checkMembershipQueryComputePaymentConfig, issues)
  optionalMember(value['machineLearning'], 'machineLearning', checkMembershipMLPaymentConfig, issues)
  optionalMember(value['jobCompute'], 'jobCompute', checkMembershipJobComputePaymentConfig, issues)
}

/** MembershipProtectedJobOutputConfiguration (union). */
function checkMembershipProtectedJobOutputConfiguration(value: unknown, issues: ValidationIssue[]): void {
  if (!isObject(value)) return report(issues, 'type', 'Member must be of type object')
  let set = 0
  if (value['s3'] != null) set++
  if (set !== 1) report(issues, 'constraint', 'Member must have exactly one member set')
  optionalMember(value['s3'], 's3', checkProtectedJobS3OutputConfigurationInput, issues)
}

/** MembershipProtectedJobResultConfiguration (structure). */
function checkMembershipProtectedJobResultConfiguration(value: unknown, issues: ValidationIssue[]): void {
  if (!isObject(value)) return report(issues, 'type', 'Member must be of type object')
  requiredMember(
    value['outputConfiguration'],
    'outputConfiguration',
    checkMembershipProtectedJobOutputConfiguration,
    issues,
  )
  requiredMember(value['roleArn'], 'roleArn', checkRoleArn, issues)
}

/** MembershipProtectedQueryOutputConfiguration (union). */
function checkMembershipProtectedQueryOutputConfiguration(value: unknown, issues: ValidationIssue[]): void {
  if (!isObject(value)) return report(issues, 'type', 'Member must be of type object')
  let set = 0
  if (value['s3'] != null) set++
  if (set !== 1) report(issues, 'constraint', 'Member must have exactly one member set')
  optionalMember(value['s3'], 's3', checkProtectedQueryS3OutputConfiguration, issues)
}

/** MembershipProtectedQueryResultConfiguration (structure). */
function checkMembershipProtectedQueryResultConfiguration(value: unknown, issues: ValidationIssue[]): void {
  if (!isObject(value)) return report(issues, 'type', 'Member must be of type object')
  requiredMember(
    value['outputConfiguration'],
    'outputConfiguration',
    checkMembershipProtectedQueryOutputConfiguration,
    issues,
  )
  optionalMember(value['roleArn'], 'roleArn', checkRoleArn, issues)
}

/** MembershipQueryComputePaymentConfig (structure). */
function checkMembershipQueryComputePaymentConfig(value: unknown, issues: ValidationIssue[]): void {
  if (!isObject(value)) return report(issues, 'type', 'Member must be of type object')
  requiredMember(value['isResponsible'], 'isResponsible', checkBoolean, issues)
}

/** MembershipQueryLogStatus (enum). */
function checkMembershipQueryLogStatus(value: unknown, issues: ValidationIssue[]): void {
  if (typeof value !== 'string') return report(issues, 'type', 'Member must be of type string')
  if (!MembershipQueryLogStatusValues.has(value))
    report(issues, 'constraint', 'Member must satisfy enum value set: [ENABLED, DISABLED]')
}

/** MembershipSyntheticDataGenerationPaymentConfig (structure). */
function checkMembershipSyntheticDataGenerationPaymentConfig(
  value: unknown,
  issues: ValidationIssue[],
): void {
  if (!isObject(value)) return report(issues, 'type', 'Member must be of type object')
  requiredMember(value['isResponsible'], 'isResponsible', checkBoolean, issues)
}

/** ProtectedJobS3OutputConfigurationInput (structure). */
function checkProtectedJobS3OutputConfigurationInput(value: unknown, issues: ValidationIssue[]): void {
  if (!isObject(value)) return report(issues, 'type', 'Member must be of type object')
  requiredMember(value['bucket'], 'bucket', checkProtectedJobS3OutputConfigurationInput_bucket, issues)
  optionalMember(value['keyPrefix'], 'keyPrefix', checkKeyPrefix, issues)
}

/** ProtectedJobS3OutputConfigurationInput_bucket (string). */
function checkProtectedJobS3OutputConfigurationInput_bucket(value: unknown, issues: ValidationIssue[]): void {
  if (typeof value !== 'string') return report(issues, 'type', 'Member must be of type string')
  const length = codePointLength(value)
  if (length < 3) report(issues, 'constraint', 'Member must have length greater than or equal to 3')
  if (length > 63) report(issues, 'constraint', 'Member must have length less than or equal to 63')
  if (!ProtectedJobS3OutputConfigurationInput_bucketPattern.test(value))
    report(
      issues,
      'constraint',
      'Member must satisfy regular expression pattern: (?!^(\\d+\\.)+\\d+$)(^(([a-z0-9]|[a-z0-9][a-z0-9\\-]*[a-z0-9])\\.)*([a-z0-9]|[a-z0-9][a-z0-9\\-]*[a-z0-9])$)',
    )
}

/** ProtectedQueryS3OutputConfiguration (structure). */
function checkProtectedQueryS3OutputConfiguration(value: unknown, issues: ValidationIssue[]): void {
  if (!isObject(value)) return report(issues, 'type', 'Member must be of type object')
  requiredMember(value['resultFormat'], 'resultFormat', checkResultFormat, issues)
  requiredMember(value['bucket'], 'bucket', checkProtectedQueryS3OutputConfiguration_bucket, issues)
  optionalMember(value['keyPrefix'], 'keyPrefix', checkKeyPrefix, issues)
  optionalMember(value['singleFileOutput'], 'singleFileOutput', checkBoolean, issues)
}

/** ProtectedQueryS3OutputConfiguration_bucket (string). */
function checkProtectedQueryS3OutputConfiguration_bucket(value: unknown, issues: ValidationIssue[]): void {
  if (typeof value !== 'string') return report(issues, 'type', 'Member must be of type string')
  const length = codePointLength(value)
  if (length < 3) report(issues, 'constraint', 'Member must have length greater than or equal to 3')
  if (length > 63) report(issues, 'constraint', 'Member must have length less than or equal to 63')
  if (!ProtectedQueryS3OutputConfiguration_bucketPattern.test(value))
    report(
      issues,
      'constraint',
      'Member must satisfy regular expression pattern: (?!^(\\d+\\.)+\\d+$)(^(([a-z0-9]|[a-z0-9][a-z0-9\\-]*[a-z0-9])\\.)*([a-z0-9]|[a-z0-9][a-z0-9\\-]*[a-z0-9])$)',
    )
}

/** ResultFormat (enum). */
function checkResultFormat(value: unknown, issues: ValidationIssue[]): void {
  if (typeof value !== 'string') return report(issues, 'type', 'Member must be of type string')
  if (!ResultFormatValues.has(value))
    report(issues, 'constraint', 'Member must satisfy enum value set: [CSV, PARQUET]')
}

/** RoleArn (string). */
function checkRoleArn(value: unknown, issues: ValidationIssue[]): void {
  if (typeof value !== 'string') return report(issues, 'type', 'Member must be of type string')
  const length = codePointLength(value)
  if (length < 32) report(issues, 'constraint', 'Member must have length greater than or equal to 32')
  if (length > 512) report(issues, 'constraint', 'Member must have length less than or equal to 512')
  if (!RoleArnPattern.test(value))
    report(
      issues,
      'constraint',
      'Member must satisfy regular expression pattern: ^arn:aws:iam::[\\w]+:role/[\\w+=./@-]+$',
    )
}

/** TagKey (string). */
function checkTagKey(value: unknown, issues: ValidationIssue[]): void {
  if (typeof value !== 'string') return report(issues, 'type', 'Member must be of type string')
  const length = codePointLength(value)
  if (length < 1) report(issues, 'constraint', 'Member must have length greater than or equal to 1')
  if (length > 128) report(issues, 'constraint', 'Member must have length less than or equal to 128')
}

/** TagMap (map). */
function checkTagMap(value: unknown, issues: ValidationIssue[]): void {
  if (!isObject(value)) return report(issues, 'type', 'Member must be of type map')
  let size = 0
  for (const key in value) {
    if (!Object.hasOwn(value, key)) continue
    size++
    checkMapKey(key, checkTagKey, issues)
    requiredMember(value[key], key, checkTagValue, issues)
  }
  if (size > 200) report(issues, 'constraint', 'Member must have length less than or equal to 200')
}

/** TagValue (string). */
function checkTagValue(value: unknown, issues: ValidationIssue[]): void {
  if (typeof value !== 'string') return report(issues, 'type', 'Member must be of type string')
  const length = codePointLength(value)
  if (length > 256) report(issues, 'constraint', 'Member must have length less than or equal to 256')
}

/** The frozen check of a whole CreateMembership input. */
export const compiledCreateMembership = (input: unknown): ValidationIssue[] =>
  run(checkCreateMembershipInput, input)
