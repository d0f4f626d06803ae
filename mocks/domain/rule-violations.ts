/** Domain layer: business-rule failures, collected first and thrown as one ValidationException (R-WIRE-6). */
import { ValidationException } from '../generated/errors.ts'
import { decisions } from './decisions.ts'

/** One broken business rule: the input field it is about, and a plain-words message naming the rule. */
export interface RuleViolation {
  /** Dotted input path, as in validation fieldLists (`members.1.paymentConfiguration.queryCompute.isResponsible`). */
  field: string
  message: string
}

/**
 * Throws one ValidationException (`reason: INVALID_CONFIGURATION`) listing every violation, or returns when
 * there is none. Operations call it after every check and before any change, so a rejected call leaves the
 * state untouched (R-STATE-2).
 */
export function throwIfViolated(violations: readonly RuleViolation[]): void {
  if (violations.length === 0) return
  throw new ValidationException({
    message: violations.map((violation) => violation.message).join(' '),
    reason: decisions.businessRuleReason,
    fieldList: violations.map((violation) => ({ name: violation.field, message: violation.message })),
  })
}
