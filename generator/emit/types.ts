/** Emits mocks/generated/types.ts: openapi-typescript's output plus one friendly alias per shape. */
import openapiTS, { astToString } from 'openapi-typescript'
import type { SpecIR } from '../ir.ts'
import type { OpenApiDocument } from '../load.ts'
import { GENERATED_HEADER } from './header.ts'
import { propertyKey, quote } from './literal.ts'

/** The text of `mocks/generated/types.ts`. */
export async function emitTypes(doc: OpenApiDocument, ir: SpecIR): Promise<string> {
  // openapi-typescript mutates nothing, but it may resolve refs against a base: hand it a deep copy.
  const ast = await openapiTS(structuredClone(doc) as unknown as Parameters<typeof openapiTS>[0], {
    alphabetize: false,
    excludeDeprecated: false,
  })
  const aliases: string[] = []
  for (const name of Object.keys(ir.schemas).sort()) {
    const schema = ir.schemas[name]
    if (!schema || schema['x-error']) continue // errors are classes: see errors.ts
    if (schema.enum) {
      const values = schema.enum.map((value) => `  ${propertyKey(value)}: ${quote(value)},`).join('\n')
      aliases.push(
        `export const ${name} = {\n${values}\n} as const\nexport type ${name} = (typeof ${name})[keyof typeof ${name}]`,
      )
    } else {
      aliases.push(`export type ${name} = components['schemas']['${name}']`)
    }
  }
  const io = ir.operations
    .map(
      (operation) =>
        `  ${operation.name}: { input: ${operation.inputShape}; output: ${operation.outputShape} }`,
    )
    .join('\n')
  return `${GENERATED_HEADER}/* eslint-disable */
/* openapi-typescript output for the spec. */
${astToString(ast)}
/* One alias per named shape; enums also as values. <Op>Input and <Op>Output are full operation inputs and outputs. */
${aliases.join('\n')}

/** Input and output type of each operation, by operation name. */
export interface OperationTypes {
${io}
}
`
}
