/** Domain layer: the membership settings rules shared by CreateMembership and UpdateMembership (R-MEM-3, R-MEM-4). */
import type { MemberAbility } from '../generated/types.ts'
import { payersOf } from './payers-of.ts'
import { paymentCategory } from './payment-categories.ts'
import type { RuleViolation } from './rule-violations.ts'
import type { CollaborationRecord, MembershipRecord } from './state.ts'

/** The settings of a membership that the rules constrain. */
export type MembershipSettings = Pick<
  MembershipRecord,
  | 'queryLogStatus'
  | 'jobLogStatus'
  | 'isMetricsEnabled'
  | 'defaultResultConfiguration'
  | 'defaultJobResultConfiguration'
>

/**
 * Checks a membership's settings as they would be stored (after an update, for UpdateMembership: R-UPD-2).
 * - R-MEM-3: default result configurations only from a member with CAN_RECEIVE_RESULTS;
 * - R-MEM-4: query/job logging only where the collaboration enables it; metrics only where the collaboration
 *   enables them, and only for a member who can query or pays for queries.
 */
export function checkMembershipSettings(
  settings: MembershipSettings,
  member: { accountId: string; abilities: readonly MemberAbility[] },
  collaboration: CollaborationRecord,
): RuleViolation[] {
  const violations: RuleViolation[] = []
  const canReceiveResults = member.abilities.includes('CAN_RECEIVE_RESULTS')
  for (const field of ['defaultResultConfiguration', 'defaultJobResultConfiguration'] as const) {
    if (settings[field] !== undefined && !canReceiveResults) {
      violations.push({
        field,
        message: `Only a member with CAN_RECEIVE_RESULTS can set ${field}; account ${member.accountId} does not have it.`,
      })
    }
  }
  if (settings.queryLogStatus === 'ENABLED' && collaboration.queryLogStatus !== 'ENABLED') {
    violations.push({
      field: 'queryLogStatus',
      message: `Query logging cannot be ENABLED for a membership: collaboration ${collaboration.id} has query logging DISABLED.`,
    })
  }
  if (settings.jobLogStatus === 'ENABLED' && collaboration.jobLogStatus !== 'ENABLED') {
    violations.push({
      field: 'jobLogStatus',
      message: `Job logging cannot be ENABLED for a membership: collaboration ${collaboration.id} does not have job logging ENABLED.`,
    })
  }
  if (settings.isMetricsEnabled === true) {
    if (collaboration.isMetricsEnabled !== true) {
      violations.push({
        field: 'isMetricsEnabled',
        message: `Metrics cannot be enabled for a membership: collaboration ${collaboration.id} does not have metrics enabled.`,
      })
    }
    const paysForQueries = payersOf(collaboration, paymentCategory('queryCompute')).includes(member.accountId)
    if (!member.abilities.includes('CAN_QUERY') && !paysForQueries) {
      violations.push({
        field: 'isMetricsEnabled',
        message: `Only the member who can query or the member who pays for queries can enable metrics; account ${member.accountId} is neither.`,
      })
    }
  }
  return violations
}
