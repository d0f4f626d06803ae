/**
 * The model profiles (RULES.md "Model profiles", R-MODEL-1..3): for each AWS model date the mock can be pinned
 * to, its generated wire tables and the domain rules derived from them. The generator's side of the same list
 * is generator/profiles.ts (which spec, which folder); test/generator/profiles.test.ts keeps the two in step.
 */
import { DEFAULT_RULES, type ModelFacts, rulesFor, type ServiceRules } from './domain/profile-rules.ts'
import { operations as operations20231114 } from './generated/2023-11-14/operations.ts'
import { schema as schema20231114 } from './generated/2023-11-14/schema.ts'
import { operations as operations20260727 } from './generated/2026-07-27/operations.ts'
import { schema as schema20260727 } from './generated/2026-07-27/schema.ts'
import { DEFAULT_WIRE_MODEL, type WireModel, wireModel } from './protocol/handle-request.ts'
import { validateShape } from './schema/default.ts'
import { type ShapeEntry, shapesOf } from './schema/shapes.ts'
import type { SchemaTable } from './schema/table.ts'
import { compileValidators } from './schema/validate.ts'
import type { SnapshotModel } from './validation/snapshot.ts'

/** The model dates a mock can be pinned to, oldest first. */
export const MODELS = ['2023-11-14', '2026-04-17', '2026-07-27'] as const

/** A model profile's name: the date of its AWS model. */
export type ModelName = (typeof MODELS)[number]

/** The profile a mock follows when none is asked for: the model SDK 3.1048.0 speaks. */
export const DEFAULT_MODEL: ModelName = '2026-04-17'

/** One profile: its wire tables and its rules. */
export interface ModelProfile {
  readonly model: ModelName
  readonly wire: WireModel
  readonly rules: ServiceRules
  /** A validator per shape, for the deep check of a snapshot (mocks/validation/snapshot.ts). */
  readonly validateShape: SnapshotModel['validateShape']
}

/**
 * What the generated tables cannot say because the importer drops AWS's documentation (0001): since
 * 2026-06-30 the `isResponsible` documentation speaks of payer candidates (RULES.md R-CAND).
 */
const PAYER_CANDIDATES_FROM = '2026-06-30'

/** A non-default profile from its generated operations and schema table (validators built here, once). */
function profile(
  model: ModelName,
  operations: WireModel['operations'],
  table: SchemaTable & { readonly inputs: Readonly<Record<keyof WireModel['operations'], string>> },
): ModelProfile {
  const { validateInput, validateShape } = compileValidators(table)
  const shapes = shapesOf(table)
  return {
    model,
    wire: wireModel({ operations, validateInput, shapes }),
    rules: rulesFromShapes(model, shapes),
    validateShape,
  }
}

/** The domain rules of a model, read from its generated shape table (exported for the test that checks DEFAULT_RULES). */
export function rulesFromShapes(model: string, shapes: Readonly<Record<string, ShapeEntry>>): ServiceRules {
  return rulesFor(factsOf(model, shapes))
}

/** The payment members and the UpdateMembership payment member, read from a profile's shape table. */
function factsOf(model: string, shapes: Readonly<Record<string, ShapeEntry>>): ModelFacts {
  const paymentMembers = new Map<string, ReadonlySet<string> | undefined>()
  const config = shapes['PaymentConfiguration']
  if (config?.kind === 'structure') {
    for (const [member, target] of Object.entries(config.members)) {
      const nested = target === null ? undefined : shapes[target]
      paymentMembers.set(
        member,
        nested?.kind === 'structure' && !('isResponsible' in nested.members)
          ? new Set(Object.keys(nested.members))
          : undefined,
      )
    }
  }
  const update = shapes['UpdateMembershipInput']
  return {
    paymentMembers,
    paymentUpdatable: update?.kind === 'structure' && 'membershipPaymentConfiguration' in update.members,
    payerCandidates: model >= PAYER_CANDIDATES_FROM,
  }
}

const DEFAULT_PROFILE: ModelProfile = {
  model: DEFAULT_MODEL,
  wire: DEFAULT_WIRE_MODEL,
  rules: DEFAULT_RULES,
  validateShape,
}

/** Every profile by name. */
export const PROFILES: Readonly<Record<ModelName, ModelProfile>> = {
  '2023-11-14': profile('2023-11-14', operations20231114, schema20231114),
  '2026-04-17': DEFAULT_PROFILE,
  '2026-07-27': profile('2026-07-27', operations20260727, schema20260727),
}

/**
 * The profile of a model name (R-MODEL-1).
 * @throws TypeError naming the profiles when `model` is not one of them
 */
export function profileFor(model: unknown = DEFAULT_MODEL): ModelProfile {
  if (typeof model === 'string' && Object.hasOwn(PROFILES, model)) return PROFILES[model as ModelName]
  throw new TypeError(`unknown model profile ${JSON.stringify(model)}; the profiles are ${MODELS.join(', ')}`)
}

/** What a snapshot of a mock of `profile` is checked against (mocks/validation/snapshot.ts). */
export function snapshotModelOf(profile: ModelProfile): SnapshotModel {
  return { shapes: profile.wire.shapes, validateShape: profile.validateShape, rules: profile.rules }
}
