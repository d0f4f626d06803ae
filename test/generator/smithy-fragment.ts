/** Test helper: a one-operation Smithy JSON AST, the importer and diff suites' unit of a model feature. */
import type { SmithyAst, SmithyShape } from '../../generator/import/smithy-to-service-model.ts'

/** The provenance the fragment suites import with. */
export const SOURCE = { modelDate: '2020-01-01', sha256: 'ab'.repeat(32) }

/** Where a spec's `$ref`s point: `${S}ThingId`. */
export const S = '#/components/schemas/'

/** A member of a structure: its target shape and traits. */
export const member = (target: string, traits: Record<string, unknown> = {}) => ({ target, traits })

/** What a fragment adds to the bare service; the `op` and `service` fields replace the defaults. */
export interface FragmentParts {
  input?: SmithyShape['members']
  output?: SmithyShape['members']
  op?: Partial<SmithyShape>
  service?: Partial<SmithyShape>
  shapes?: Record<string, SmithyShape>
}

/**
 * Service `ex#Svc` with operation `Op` (POST /things unless `op` overrides it), input `OpInput` with
 * `input` members, output `OpOutput` with `output` members, plus `shapes`.
 */
export function smithyFragment(parts: FragmentParts): SmithyAst {
  return {
    smithy: '2.0',
    shapes: {
      'ex#Svc': {
        type: 'service',
        version: '2020-01-01',
        operations: [{ target: 'ex#Op' }],
        traits: { 'aws.api#service': { sdkId: 'Example' } },
        ...parts.service,
      },
      'ex#Op': {
        type: 'operation',
        input: { target: 'ex#OpInput' },
        output: { target: 'ex#OpOutput' },
        traits: { 'smithy.api#http': { method: 'POST', uri: '/things', code: 200 } },
        ...parts.op,
      },
      'ex#OpInput': { type: 'structure', members: parts.input ?? {} },
      'ex#OpOutput': { type: 'structure', members: parts.output ?? {} },
      ...parts.shapes,
    },
  }
}
