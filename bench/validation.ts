/** Bench: a full CreateMembership input through the schema-table validator vs. the frozen compiled checks. */
import { validateInput } from '../mocks/schema/default.ts'
import { compiledCreateMembership } from './baseline/compiled-create-membership.ts'
import { compare, perCallRatio } from './measure.ts'
import type { Figure } from './report.ts'

/** Every member of CreateMembershipInput set, each nested union and payment config too: the longest walk. */
export const FULL_CREATE_MEMBERSHIP = {
  collaborationIdentifier: '0f1e2d3c-4b5a-4978-8a6b-5c4d3e2f1a0b',
  queryLogStatus: 'ENABLED',
  jobLogStatus: 'DISABLED',
  tags: { team: 'measurement', stage: 'prod' },
  defaultResultConfiguration: {
    outputConfiguration: {
      s3: {
        resultFormat: 'PARQUET',
        bucket: 'results-bucket',
        keyPrefix: 'runs/2026/',
        singleFileOutput: true,
      },
    },
    roleArn: 'arn:aws:iam::111122223333:role/CleanRoomsResultsRole',
  },
  defaultJobResultConfiguration: {
    outputConfiguration: { s3: { bucket: 'job-results', keyPrefix: 'jobs/' } },
    roleArn: 'arn:aws:iam::111122223333:role/CleanRoomsJobsRole',
  },
  paymentConfiguration: {
    queryCompute: { isResponsible: true },
    machineLearning: {
      modelTraining: { isResponsible: true },
      modelInference: { isResponsible: false },
      syntheticDataGeneration: { isResponsible: true },
    },
    jobCompute: { isResponsible: false },
  },
  isMetricsEnabled: true,
}

/** Validations per timed call, so the bench's per-call await is small beside the work timed. */
const BATCH = 20

/**
 * Issue 13 replaced the per-schema compiled checks by one generated table that a hand-written runtime
 * interprets; the target keeps a full CreateMembership within 1.5× of the compiled checks it replaced.
 */
export async function benchValidation(): Promise<Figure[]> {
  const table = validateInput.CreateMembership
  if (
    table(FULL_CREATE_MEMBERSHIP).length !== 0 ||
    compiledCreateMembership(FULL_CREATE_MEMBERSHIP).length !== 0
  ) {
    throw new Error('bench: the full CreateMembership input is not valid')
  }
  const batch = (validate: (value: unknown) => unknown) => () => {
    for (let index = 0; index < BATCH; index++) validate(FULL_CREATE_MEMBERSHIP)
  }
  const timings = await compare(
    [
      { name: 'table', run: batch(table) },
      { name: 'compiled', run: batch(compiledCreateMembership) },
    ],
    { callsPerRound: 2_000, rounds: 12 },
  )
  const perValidation = (timing: { minNs: number; medianNs: number; name: string; warmupCalls: number }) => ({
    ...timing,
    minNs: timing.minNs / BATCH,
    medianNs: timing.medianNs / BATCH,
  })
  return [
    {
      kind: 'ratio',
      benchmark: 'Validation: a full CreateMembership input',
      contender: '`validateInput.CreateMembership` (schema table, interpreted)',
      baseline: 'the compiled checks it replaced (bench/baseline/, frozen)',
      ...perCallRatio(perValidation(timings.get('table')!), perValidation(timings.get('compiled')!)),
      target: { op: '<=', value: 1.5 },
      why:
        'the table runtime walks member lists of closures built once per profile, where the compiled ' +
        'checks were straight-line code per schema; both share the path buffer and the messages.',
    },
  ]
}
