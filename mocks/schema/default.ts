/**
 * The default model profile's (2026-04-17) validators and container shapes, built once from its schema
 * table. The other profiles build theirs the same way in mocks/profiles.ts.
 */
import { schema } from '../generated/schema.ts'
import { shapesOf } from './shapes.ts'
import { compileValidators } from './validate.ts'

export type { ShapeEntry } from './shapes.ts'
export type { ValidationIssue, Validator } from './validate.ts'

/** Validators of the default profile: `validateInput[operation]` and `validateShape[shape]`. */
export const { validateInput, validateShape } = compileValidators(schema)

/** The default profile's container shapes, by name. */
export const shapes = shapesOf(schema)
