/** CLI: `cleanrooms-mock import-model`, an AWS model (Smithy JSON AST or botocore) into an OpenAPI spec. */
import { parseArgs } from 'node:util'
import { writeSpec } from '../generator/import/write-spec.ts'
import { DEFAULT_SPEC, usage } from './usage.ts'

export const IMPORT_MODEL_USAGE = `import-model <model.json> --model-date YYYY-MM-DD [--paginators <paginators-1.json>] [--unique-items-from <smithy.json>] [--out ${DEFAULT_SPEC}]`

/** `import-model <model.json> --model-date YYYY-MM-DD [--paginators <file>] [--out spec/cleanrooms.openapi.json]` */
export async function runImportModel(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      out: { type: 'string', default: DEFAULT_SPEC },
      'model-date': { type: 'string' },
      paginators: { type: 'string' },
      'unique-items-from': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  })
  if (values.help) return usage('import-model', IMPORT_MODEL_USAGE, 0)
  const [model, ...extra] = positionals
  const modelDate = values['model-date']
  if (model === undefined || extra.length > 0)
    return usage('import-model', IMPORT_MODEL_USAGE, 2, 'give exactly one model file')
  // A Smithy JSON AST carries no release date, and the spec must record one: ask for it.
  if (modelDate === undefined)
    return usage('import-model', IMPORT_MODEL_USAGE, 2, '--model-date is required (the model has no date)')
  if (!isCalendarDate(modelDate))
    return usage(
      'import-model',
      IMPORT_MODEL_USAGE,
      2,
      `--model-date must be a date as YYYY-MM-DD, got ${modelDate}`,
    )
  const { doc, paginatorsPath } = await writeSpec(model, values.out, {
    modelDate,
    ...(values.paginators === undefined ? {} : { paginatorsPath: values.paginators }),
    ...(values['unique-items-from'] === undefined ? {} : { uniqueItemsFrom: values['unique-items-from'] }),
  })
  const ops = doc.info['x-operations']
  const source = doc.info['x-source-model'] as
    | { format?: string; uniqueItemsFrom?: { shapes: string[] } }
    | undefined
  console.log(`wrote ${values.out}: ${Array.isArray(ops) ? ops.length : 0} operations, model ${modelDate}`)
  if (source?.format === 'botocore') {
    // botocore keeps pagination in a second file; without it the spec says nothing is paginated.
    if (paginatorsPath) console.log(`pagination from ${paginatorsPath}`)
    else
      console.warn('no paginators-1.json beside the model: the spec has no x-paginated (pass --paginators)')
    const carried = source.uniqueItemsFrom?.shapes
    if (carried !== undefined)
      console.log(`uniqueItems carried over (R-MODEL-3): ${carried.join(', ') || 'none'}`)
    else
      console.warn(
        'botocore cannot say @uniqueItems: no list rejects duplicates (pass --unique-items-from <smithy model>)',
      )
  }
  return 0
}

/** `YYYY-MM-DD` naming a real day (not 2026-02-30). */
function isCalendarDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false
  const date = new Date(`${text}T00:00:00Z`)
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(text)
}
