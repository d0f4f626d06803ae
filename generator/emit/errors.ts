/** Emits mocks/generated/errors.ts: one class per modeled error. */
import type { SpecIR } from '../ir.ts'
import { GENERATED_HEADER } from './header.ts'

/** The names of the schemas that are modeled errors, sorted. */
export function errorSchemaNames(ir: SpecIR): string[] {
  return Object.keys(ir.schemas)
    .filter((name) => ir.schemas[name]?.['x-error'])
    .sort()
}

/** The text of `mocks/generated/errors.ts`. */
export function emitErrors(ir: SpecIR): string {
  const names = errorSchemaNames(ir)
  const classes = names.map((name) => {
    const marker = ir.schemas[name]?.['x-error']
    const members = Object.keys(ir.schemas[name]?.properties ?? {}).join(', ')
    return `/** ${name} (${marker?.fault}, HTTP ${marker?.httpStatus}). Modeled members: ${members}. */
export class ${name} extends CleanRoomsServiceException<${name}Body> {
  override readonly name = '${name}'
  readonly $fault = '${marker?.fault}'
}

export type ${name}Body = components['schemas']['${name}']`
  })

  return `${GENERATED_HEADER}
import type { components } from './types.ts'

/**
 * Base of every modeled error. \`body\` holds the modeled members exactly as they go on the wire;
 * the protocol layer turns an instance into a restJson1 error response.
 */
export abstract class CleanRoomsServiceException<B extends { message?: string } = { message?: string }> extends Error {
  abstract override readonly name: ErrorName
  abstract readonly $fault: 'client' | 'server'
  readonly body: B

  constructor(body: B) {
    super(body.message ?? '')
    this.body = body
  }
}

${classes.join('\n\n')}

/** The name of a modeled error. */
export type ErrorName = ${names.map((name) => `'${name}'`).join(' | ')}

const ERROR_NAMES: ReadonlySet<string> = new Set<ErrorName>([${names.map((name) => `'${name}'`).join(', ')}])

/** True for an instance of any modeled error class. */
export function isServiceException(error: unknown): error is CleanRoomsServiceException {
  return error instanceof CleanRoomsServiceException && ERROR_NAMES.has(error.name)
}
`
}
