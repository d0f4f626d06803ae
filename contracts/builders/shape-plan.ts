/** Contracts layer: which Pact matcher fits each value, planned from a profile's schema table. */
import { resolveTarget, type SchemaNode, type SchemaTable, type Target } from '../../mocks/schema/table.ts'

/**
 * How to turn an example value of one shape into a Pact template: one per named shape, made by
 * {@link shapePlansOf} from the schema table; read by `toPactTemplate`.
 */
export type ShapePlan =
  | { readonly kind: 'object'; readonly members: Readonly<Record<string, FieldPlan>> }
  | { readonly kind: 'list'; readonly item: FieldPlan }
  | { readonly kind: 'map'; readonly value: FieldPlan }
  /** A string with a pattern Pact's (Rust) regex engine can run: matched by that regex. */
  | { readonly kind: 'regex'; readonly pattern: string }
  /** A closed set of strings: matched by a regex of the alternatives. */
  | { readonly kind: 'enum'; readonly values: readonly string[] }
  /** Any other string (or one whose pattern uses look-around, which Pact cannot run): matched by type. */
  | { readonly kind: 'string' }
  | { readonly kind: 'integer' }
  | { readonly kind: 'number' }
  /** restJson1 timestamp: epoch seconds as a JSON number, fractions allowed. */
  | { readonly kind: 'timestamp' }
  /** `exact` where the contract is the value itself (the payer flags), else matched by type. */
  | { readonly kind: 'boolean'; readonly exact?: boolean }

/** A member's plan: the name of a named shape, or an inline plan. */
export type FieldPlan = string | ShapePlan

/** Every named shape's plan, by schema name. */
export type ShapePlans = Readonly<Record<string, ShapePlan>>

/**
 * Members whose value is the contract itself, so they are matched exactly, never by type: who pays
 * is what the payer rules (R-PAY-*) decide, and a consumer that shows who pays relies on it.
 */
const EXACT_MEMBERS: ReadonlySet<string> = new Set(['isResponsible'])

/**
 * The matcher plan of every named shape of a profile's schema table (mocks/generated/schema.ts): patterns
 * the Pact engine can run → regex, enums → regex of the values, timestamps → number, lists → eachLike,
 * payer flags → exact, other scalars → by type.
 */
export function shapePlansOf(table: SchemaTable): ShapePlans {
  const plans: Record<string, ShapePlan> = {}
  for (const [name, node] of Object.entries(table.shapes)) {
    plans[name] =
      node.type === 'alias'
        ? planOf(table, resolveTarget(table, name), name, undefined)
        : planOf(table, node, name, undefined)
  }
  return plans
}

function fieldPlan(table: SchemaTable, target: Target, where: string, member: string | undefined): FieldPlan {
  if (typeof target === 'string') return target
  return planOf(table, target, where, member)
}

function planOf(table: SchemaTable, node: SchemaNode, where: string, member: string | undefined): ShapePlan {
  switch (node.type) {
    case 'structure':
    case 'union':
      return {
        kind: 'object',
        members: Object.fromEntries(
          Object.entries(node.members).map(([key, target]) => [
            key,
            fieldPlan(table, target, `${where}.${key}`, key),
          ]),
        ),
      }
    case 'list':
      return { kind: 'list', item: fieldPlan(table, node.item, `${where}[]`, undefined) }
    case 'map':
      return { kind: 'map', value: fieldPlan(table, node.value, `${where}{}`, undefined) }
    case 'string':
      if (node.enum !== undefined) return { kind: 'enum', values: node.enum }
      return node.pattern !== undefined && pactCanRun(node.pattern)
        ? { kind: 'regex', pattern: node.pattern }
        : { kind: 'string' }
    case 'integer':
      return { kind: 'integer' }
    case 'number':
      return { kind: 'number' }
    case 'timestamp':
      return { kind: 'timestamp' }
    case 'boolean':
      return member !== undefined && EXACT_MEMBERS.has(member)
        ? { kind: 'boolean', exact: true }
        : { kind: 'boolean' }
    case 'alias':
      return planOf(table, resolveTarget(table, node.target), where, member)
    case 'any':
      throw new Error(`${where} has no type, so no Pact matcher fits it`)
  }
}

/**
 * Pact matches regexes with Rust's engine, which has no look-around and rejects lone surrogate
 * escapes; such patterns (the display-name and bucket patterns) fall back to matching by type.
 */
export function pactCanRun(pattern: string): boolean {
  return !/\(\?<?[=!]/.test(pattern) && !/\\u/.test(pattern)
}
