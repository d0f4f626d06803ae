/**
 * Importer layer: fingerprints of the documentation of the members that carry a rule (RULES.md "Who pays").
 * The spec keeps none of AWS's text (0001), so a rule that changed in documentation only (the 2026-06-30
 * "payer candidates" wording) would be invisible to `diff`. The importer records, per rule-bearing member, a
 * hash of its documentation with tags and spacing removed, in `info["x-rule-documentation"]`; `diff` reports
 * a member whose hash differs, naming the member and the two model dates.
 */
import { createHash } from 'node:crypto'

/** The members whose documentation states a rule the mock implements: every `isResponsible` of the payment shapes. */
export const RULE_BEARING_MEMBERS: readonly string[] = [
  'JobComputePaymentConfig.isResponsible',
  'MembershipJobComputePaymentConfig.isResponsible',
  'MembershipModelInferencePaymentConfig.isResponsible',
  'MembershipModelTrainingPaymentConfig.isResponsible',
  'MembershipQueryComputePaymentConfig.isResponsible',
  'MembershipSyntheticDataGenerationPaymentConfig.isResponsible',
  'ModelInferencePaymentConfig.isResponsible',
  'ModelTrainingPaymentConfig.isResponsible',
  'QueryComputePaymentConfig.isResponsible',
  'SyntheticDataGenerationPaymentConfig.isResponsible',
]

type Json = { [key: string]: unknown }

/** `Shape.member` → fingerprint, for every rule-bearing member the model (Smithy AST or botocore) documents. */
export function ruleDocumentation(model: unknown, format: 'smithy' | 'botocore'): Record<string, string> {
  const shapes = ((model as Json)['shapes'] ?? {}) as Record<string, Json>
  const out: Record<string, string> = {}
  for (const entry of RULE_BEARING_MEMBERS) {
    const [shapeName = '', memberName = ''] = entry.split('.')
    const shape =
      format === 'botocore'
        ? shapes[shapeName]
        : Object.entries(shapes).find(([id]) => id.endsWith(`#${shapeName}`))?.[1]
    const member = (shape?.['members'] as Record<string, Json> | undefined)?.[memberName]
    const text =
      format === 'botocore'
        ? member?.['documentation']
        : (member?.['traits'] as Json | undefined)?.['smithy.api#documentation']
    if (typeof text === 'string') out[entry] = fingerprint(text)
  }
  return out
}

/** sha256 (16 hex digits) of the text with HTML tags removed and spacing collapsed. */
function fingerprint(html: string): string {
  const text = html
    .replace(/<[^>]*>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
  return createHash('sha256').update(text).digest('hex').slice(0, 16)
}
