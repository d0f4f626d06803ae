/** Contracts layer: the data the generator emits so the builders know which Pact matcher fits each value. */

/**
 * How to turn an example value of one shape into a Pact template. Emitted per named schema of the
 * spec into `contracts/generated/interactions.ts`; read by {@link toPactTemplate}.
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
