/**
 * The model profiles the generator builds (RULES.md "Model profiles"): each profile's spec, where its own
 * generated tables go, and the AWS model it is imported from. The default profile keeps the historical paths
 * (spec/cleanrooms.openapi.json → mocks/generated/, contracts/generated/); every other profile gets
 * spec/cleanrooms-<date>.openapi.json → mocks/generated/<date>/ (types, operations, validators, shapes).
 * The runtime side of the same list is mocks/profiles.ts; test/generator/profiles.test.ts keeps both in step.
 */

/** One profile, as the generator and the importer see it. */
export interface ProfileSource {
  /** The model date that names the profile (`createCleanRoomsMock({ model })`). */
  model: string
  /** The profile's spec, relative to the project root. */
  spec: string
  /** Folder of the profile's generated tables; undefined for the default profile (the historical folders). */
  out: string | undefined
  /** The AWS model it is imported from, a file name in ../shared/reference (SOURCES.md). */
  source: string
  /** botocore's paginators file for a botocore source. */
  paginators?: string
  /** R-MODEL-3: the Smithy model whose `@uniqueItems` a botocore import carries over. */
  uniqueItemsFrom?: string
}

/** The default profile's model date. */
export const DEFAULT_MODEL = '2026-04-17'

/** Every profile, oldest first. */
export const PROFILE_SOURCES: readonly ProfileSource[] = [
  {
    model: '2023-11-14',
    spec: 'spec/cleanrooms-2023-11-14.openapi.json',
    out: 'mocks/generated/2023-11-14',
    source: 'botocore-service-2.2023-11-14.json',
    paginators: 'botocore-paginators-1.json',
    uniqueItemsFrom: 'cleanrooms-2022-02-17.smithy.json',
  },
  {
    model: DEFAULT_MODEL,
    spec: 'spec/cleanrooms.openapi.json',
    out: undefined,
    source: 'cleanrooms-2022-02-17.smithy.json',
  },
  {
    model: '2026-07-27',
    spec: 'spec/cleanrooms-2026-07-27.openapi.json',
    out: 'mocks/generated/2026-07-27',
    source: 'botocore-service-2.json',
    paginators: 'botocore-paginators-1.json',
    uniqueItemsFrom: 'cleanrooms-2022-02-17.smithy.json',
  },
]
