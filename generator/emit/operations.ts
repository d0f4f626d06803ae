/** Emits mocks/generated/operations.ts: the operations table, as data. */
import type { SpecIR } from '../ir.ts'
import { GENERATED_HEADER } from './header.ts'
import { toLiteral } from './literal.ts'

/** The text of `mocks/generated/operations.ts`. */
export function emitOperations(ir: SpecIR): string {
  const table = Object.fromEntries(ir.operations.map((operation) => [operation.name, operation]))
  const errorStatus: Record<string, number> = {}
  for (const operation of ir.operations) {
    for (const error of operation.errors) errorStatus[error.name] = error.status
  }
  const sortedStatus = Object.fromEntries(Object.entries(errorStatus).sort(([a], [b]) => a.localeCompare(b)))
  const { modelDate, format, sha256 } = ir.source

  return `${GENERATED_HEADER}
/**
 * HTTP bindings of every operation in the spec (source: ${format} model of ${modelDate}, sha256 ${sha256.slice(0, 12)}…).
 * Data only: the protocol layer routes, reads labels and query members, and paginates from it.
 */
export const operations = ${toLiteral(table)} as const satisfies Record<string, OperationDescriptor>

/** The name of one of the operations in the spec. */
export type OperationName = keyof typeof operations

/** The HTTP status of every modeled error, from the spec's error responses. */
export const errorStatus = ${toLiteral(sortedStatus)} as const

/** The name of a modeled error. */
export type ModeledErrorName = keyof typeof errorStatus

/** The shape of one row of {@link operations}. */
export interface OperationDescriptor {
  readonly name: string
  readonly method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'
  readonly path: string
  readonly successStatus: number
  readonly labels: readonly string[]
  readonly query: Readonly<Record<string, { readonly member: string; readonly schema: string; readonly type: 'string' | 'integer' | 'boolean' }>>
  readonly inputShape: string
  readonly outputShape: string
  readonly bodyMembers: readonly string[]
  readonly errors: readonly { readonly name: string; readonly status: number; readonly fault: 'client' | 'server' }[]
  readonly paginated?: { readonly inputToken: string; readonly outputToken: string; readonly pageSize: string; readonly items: string }
  readonly readonly: boolean
}
`
}
