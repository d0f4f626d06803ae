/** Emits contracts/generated/interactions.ts: typed Pact interaction builders and a matcher plan per shape. */
import type { FieldPlan, ShapePlan } from '../../contracts/builders/shape-plan.ts'
import type { JsonSchema, OperationIR, SpecIR } from '../ir.ts'
import { errorSchemaNames } from './errors.ts'
import { GENERATED_HEADER } from './header.ts'
import { toLiteral } from './literal.ts'
import { refName } from './schema-ref.ts'

/**
 * Members whose value is the contract itself, so they are matched exactly, never by type: who pays
 * is what the payer rules (R-PAY-*) decide, and a consumer that shows who pays relies on it.
 */
const EXACT_MEMBERS: ReadonlySet<string> = new Set(['isResponsible'])

/** The text of `contracts/generated/interactions.ts`. */
export function emitInteractions(ir: SpecIR): string {
  const plans = shapePlans(ir)
  const errors = errorSchemaNames(ir)
  const inputOutput = ir.operations.flatMap((operation) => [operation.inputShape, operation.outputShape])
  const { modelDate, format, sha256 } = ir.source

  return `${GENERATED_HEADER}
import type { PactV4 } from '@pact-foundation/pact'
import type {
${errors.map((name) => `  ${name}Body,`).join('\n')}
} from '../../mocks/generated/errors.ts'
import { operations } from '../../mocks/generated/operations.ts'
import type {
${[...new Set(inputOutput)]
  .sort()
  .map((name) => `  ${name},`)
  .join('\n')}
} from '../../mocks/generated/types.ts'
import { addOperationInteraction } from '../builders/add-operation-interaction.ts'
import type { OperationContract, PactInteraction } from '../builders/contract-types.ts'
import type { ShapePlans } from '../builders/shape-plan.ts'

/**
 * How each shape's example values become Pact matchers (source: ${format} model of ${modelDate},
 * sha256 ${sha256.slice(0, 12)}…): patterns the Pact engine can run → regex, enums → regex of the
 * values, timestamps → number, lists → eachLike, payer flags → exact, other scalars → by type.
 */
export const shapePlans: ShapePlans = ${toLiteral(plans)}

/** Every modeled error's body, by error name. */
export interface ErrorBodies {
${errors.map((name) => `  ${name}: ${name}Body`).join('\n')}
}

${ir.operations.map(emitOperation).join('\n\n')}
`
}

function emitOperation(operation: OperationIR): string {
  const { name } = operation
  const errorNames = operation.errors.map((error) => error.name)
  const errorList = operation.errors.map((error) => `${error.name} ${error.status}`).join(', ')
  return `/** The errors ${name} declares, with their bodies. */
export type ${name}Errors = Pick<ErrorBodies, ${errorNames.map((error) => `'${error}'`).join(' | ')}>

/** A contract for ${name}: its input, and a deep-partial of its output or one of its declared errors. */
export type ${name}Contract = OperationContract<${operation.inputShape}, ${operation.outputShape}, ${name}Errors>

/**
 * Adds an interaction for ${name} (\`${operation.method} ${operation.path}\` → ${operation.successStatus}) to \`pact\`.
 * Declared errors: ${errorList}.
 */
export function ${lowerFirst(name)}(pact: PactV4, contract: ${name}Contract): PactInteraction {
  return addOperationInteraction(pact, operations.${name}, contract, shapePlans)
}`
}

/** The matcher plan of every named schema. */
export function shapePlans(ir: SpecIR): Record<string, ShapePlan> {
  const plans: Record<string, ShapePlan> = {}
  for (const name of Object.keys(ir.schemas).sort()) {
    const schema = ir.schemas[name]
    if (schema) plans[name] = inlinePlan(schema, undefined)
  }
  return plans
}

/** The plan of a member or item: a reference stays a name; anything else is planned inline. */
function fieldPlan(schema: JsonSchema, member: string | undefined): FieldPlan {
  if (schema.$ref) return refName(schema.$ref)
  const [base] = schema.allOf ?? []
  // `allOf: [{$ref}]` plus member-level constraints: the member's own pattern or enum wins.
  if (base?.$ref && schema.pattern === undefined && schema.enum === undefined) return refName(base.$ref)
  return inlinePlan(schema, member)
}

function inlinePlan(schema: JsonSchema, member: string | undefined): ShapePlan {
  if (schema.enum) return { kind: 'enum', values: schema.enum }
  switch (schema.type) {
    case 'object':
      if (typeof schema.additionalProperties === 'object') {
        return { kind: 'map', value: fieldPlan(schema.additionalProperties, undefined) }
      }
      return {
        kind: 'object',
        members: Object.fromEntries(
          Object.entries(schema.properties ?? {}).map(([key, value]) => [key, fieldPlan(value, key)]),
        ),
      }
    case 'array':
      return { kind: 'list', item: schema.items ? fieldPlan(schema.items, undefined) : { kind: 'string' } }
    case 'string':
      return schema.pattern !== undefined && pactCanRun(schema.pattern)
        ? { kind: 'regex', pattern: schema.pattern }
        : { kind: 'string' }
    case 'integer':
      return { kind: 'integer' }
    case 'number':
      return schema.format === 'epoch-seconds' ? { kind: 'timestamp' } : { kind: 'number' }
    case 'boolean':
      return member !== undefined && EXACT_MEMBERS.has(member)
        ? { kind: 'boolean', exact: true }
        : { kind: 'boolean' }
    default:
      throw new Error(`cannot plan a Pact matcher for schema ${JSON.stringify(schema)}`)
  }
}

/**
 * Pact matches regexes with Rust's engine, which has no look-around and rejects lone surrogate
 * escapes; such patterns (the display-name and bucket patterns) fall back to matching by type.
 */
export function pactCanRun(pattern: string): boolean {
  return !/\(\?<?[=!]/.test(pattern) && !/\\u/.test(pattern)
}

function lowerFirst(name: string): string {
  return name.charAt(0).toLowerCase() + name.slice(1)
}
