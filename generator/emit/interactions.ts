/** Emits contracts/generated/interactions.ts: typed Pact interaction builders over the schema table's plans. */
import type { OperationIR, SpecIR } from '../ir.ts'
import { errorSchemaNames } from './errors.ts'
import { GENERATED_HEADER } from './header.ts'

/** The text of `contracts/generated/interactions.ts`. */
export function emitInteractions(ir: SpecIR): string {
  const errors = errorSchemaNames(ir)
  const inputOutput = ir.operations.flatMap((operation) => [operation.inputShape, operation.outputShape])
  const { modelDate, format, sha256 } = ir.source

  return `${GENERATED_HEADER}
import type { PactV4 } from '@pact-foundation/pact'
import type {
${errors.map((name) => `  ${name}Body,`).join('\n')}
} from '../../mocks/generated/errors.ts'
import { operations } from '../../mocks/generated/operations.ts'
import { schema } from '../../mocks/generated/schema.ts'
import type {
${[...new Set(inputOutput)]
  .sort()
  .map((name) => `  ${name},`)
  .join('\n')}
} from '../../mocks/generated/types.ts'
import { addOperationInteraction } from '../builders/add-operation-interaction.ts'
import type { OperationContract, PactInteraction } from '../builders/contract-types.ts'
import { type ShapePlans, shapePlansOf } from '../builders/shape-plan.ts'

/**
 * How each shape's example values become Pact matchers, planned from the schema table (source: ${format}
 * model of ${modelDate}, sha256 ${sha256.slice(0, 12)}…).
 */
export const shapePlans: ShapePlans = shapePlansOf(schema)

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

function lowerFirst(name: string): string {
  return name.charAt(0).toLowerCase() + name.slice(1)
}
