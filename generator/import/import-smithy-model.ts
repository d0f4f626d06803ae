/** Importer layer: Smithy JSON AST → the project's OpenAPI spec (pure). */
import { CLEANROOMS_OPERATIONS } from './cleanrooms-operations.ts'
import { type SmithyAst, smithyToServiceModel } from './smithy-to-service-model.ts'
import { type OpenApiDocument, type SourceModel, toOpenApi } from './to-open-api.ts'

/** Options of `importSmithyModel`. */
export interface ImportOptions extends SourceModel {
  /** Operations to keep; defaults to the six this project mocks. */
  operations?: readonly string[]
}

/**
 * Imports a Smithy JSON AST: keeps `options.operations` and every shape they reach, drops the
 * documentation, and encodes the rest as docs/decisions/0001-spec-conventions.md says.
 */
export function importSmithyModel(ast: SmithyAst, options: ImportOptions): OpenApiDocument {
  const model = smithyToServiceModel(ast, options.operations ?? CLEANROOMS_OPERATIONS)
  return toOpenApi(model, { modelDate: options.modelDate, sha256: options.sha256 })
}
