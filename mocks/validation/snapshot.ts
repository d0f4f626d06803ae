/**
 * Core (no node:*): the deep check of a snapshot (restore, the server's `--state`) before it replaces anything:
 * the schema of the state, then the invariants the operations rely on. The first problem is reported with
 * its path, so a snapshot is either used whole or refused whole.
 * Imports (enforced by biome.json, test/architecture/layers.test.ts): mocks/validation imports its own
 * files, the generated tables, the domain and mocks/internal: no node:*, no msw.
 */

import { collaborationArn, membershipArn } from '../domain/arn.ts'
import type { DomainState } from '../domain/index.ts'
import type { ServiceRules } from '../domain/profile-rules.ts'
import { type PayerCandidate, resolvePayers } from '../domain/resolve-payers.ts'
import { isRecord } from '../internal/is-record.ts'
import { REGION_NAME } from '../internal/region-name.ts'
import type { ShapeEntry } from '../schema/shapes.ts'
import type { Validator } from './runtime.ts'

/**
 * What a snapshot is checked against: the shape table, shape validators and payer rules of the model
 * profile it belongs to (R-MODEL-1), so a 2023-11-14 record is held to the 2023-11-14 shapes.
 */
export interface SnapshotModel {
  readonly shapes: Readonly<Record<string, ShapeEntry>>
  readonly validateShape: Readonly<Record<string, Validator>>
  readonly rules: ServiceRules
}

type ShapeName = string

/** The members each kind of record may store, per model (derived once from its shape table). */
interface RecordMembers {
  collaboration: string[]
  participant: string[]
  membership: string[]
}

/** A snapshot that breaks the schema or an invariant; `path` names the first bad member (`regions.us-east-1.…`). */
export class StateValidationError extends TypeError {
  override readonly name = 'StateValidationError'
  readonly path: string
  constructor(path: string, problem: string) {
    super(`${path}: ${problem}`)
    this.path = path
  }
}

type Json = Record<string, unknown>

/**
 * The members a snapshot may have at its top level, and their checks. Anything else is refused (decision in
 * docs/server.md: junk in a snapshot is a mistake to report, not data to carry). A new member (a model
 * profile, say) is one more line here.
 */
const TOP_LEVEL: Record<
  string,
  { required: boolean; check: (value: unknown, path: string, model: SnapshotModel) => void }
> = {
  version: { required: true, check: checkVersion },
  regions: { required: true, check: checkRegions },
}

/**
 * Checks a snapshot deeply. Throws a {@link StateValidationError} naming the first bad path; returns
 * nothing and changes nothing otherwise.
 */
export function assertValidState(value: unknown, model: SnapshotModel): asserts value is DomainState {
  if (!isRecord(value)) fail('(snapshot)', 'must be a JSON object { version: 1, regions: {…} }')
  for (const key of Object.keys(value)) {
    if (!Object.hasOwn(TOP_LEVEL, key)) {
      fail(key, `is not a member of a snapshot (expected ${Object.keys(TOP_LEVEL).join(', ')})`)
    }
  }
  for (const [key, member] of Object.entries(TOP_LEVEL)) {
    if (value[key] === undefined) {
      if (member.required) fail(key, 'is required')
      continue
    }
    member.check(value[key], key, model)
  }
}

function checkVersion(value: unknown, path: string): void {
  if (value !== 1) fail(path, `must be 1 (the only snapshot version), got ${JSON.stringify(value)}`)
}

function checkRegions(value: unknown, path: string, model: SnapshotModel): void {
  if (!isRecord(value)) fail(path, 'must be an object keyed by region name')
  for (const [region, regionState] of Object.entries(value)) {
    const at = `${path}.${region}`
    if (!REGION_NAME.test(region)) fail(at, 'is not a region name (like us-east-1)')
    checkRegion(region, regionState, at, model)
  }
}

const REGION_MEMBERS = ['collaborations', 'memberships', 'lastSequence']

const recordMembers = new WeakMap<SnapshotModel, RecordMembers>()

/** The members each record may store in `model`: its output shape's, less the caller-dependent ones, plus its own. */
function membersOf(model: SnapshotModel): RecordMembers {
  let members = recordMembers.get(model)
  if (members === undefined) {
    members = {
      collaboration: storedMembers(
        model,
        'Collaboration',
        ['memberStatus', 'membershipId', 'membershipArn'],
        ['tags', 'participants', 'payers', 'payerCandidates'],
      ),
      participant: storedMembers(model, 'MemberSummary', [], []),
      membership: storedMembers(
        model,
        'Membership',
        [
          'collaborationArn',
          'collaborationCreatorAccountId',
          'collaborationCreatorDisplayName',
          'collaborationName',
        ],
        ['accountId', 'sequence', 'tags'],
      ),
    }
    recordMembers.set(model, members)
  }
  return members
}

function checkRegion(region: string, value: unknown, path: string, model: SnapshotModel): void {
  if (!isRecord(value)) fail(path, 'must be an object { collaborations, memberships, lastSequence }')
  checkKnownMembers(value, REGION_MEMBERS, path)
  const { collaborations, memberships, lastSequence } = value
  if (!Number.isSafeInteger(lastSequence) || (lastSequence as number) < 0) {
    fail(`${path}.lastSequence`, 'must be a non-negative integer')
  }
  if (!isRecord(collaborations)) fail(`${path}.collaborations`, 'must be an object keyed by collaboration id')
  if (!isRecord(memberships)) fail(`${path}.memberships`, 'must be an object keyed by membership id')

  for (const [id, record] of Object.entries(collaborations)) {
    checkCollaboration(region, id, record, `${path}.collaborations.${id}`, model)
  }
  const sequences = new Set<number>()
  const joined = new Set<string>()
  for (const [id, record] of Object.entries(memberships)) {
    const at = `${path}.memberships.${id}`
    const membership = checkMembership(region, id, record, collaborations, at, model)
    if (sequences.has(membership.sequence) || membership.sequence > (lastSequence as number)) {
      fail(`${at}.sequence`, `${membership.sequence} is reused or later than lastSequence ${lastSequence}`)
    }
    sequences.add(membership.sequence)
    const pair = `${membership.collaborationId}\n${membership.accountId}`
    if (joined.has(pair)) {
      fail(
        at,
        `is a second membership of account ${membership.accountId} in collaboration ${membership.collaborationId} (one per account and collaboration)`,
      )
    }
    joined.add(pair)
  }
  // Every participant that claims a membership points at that account's membership of this collaboration.
  for (const [id, record] of Object.entries(collaborations)) {
    const participants = (record as Json)['participants'] as Json[]
    participants.forEach((participant, index) => {
      const membershipId = participant['membershipId']
      if (membershipId === undefined) return
      const at = `${path}.collaborations.${id}.participants.${index}.membershipId`
      const membership = Object.hasOwn(memberships, membershipId as string)
        ? (memberships[membershipId as string] as Json)
        : undefined
      if (
        membership === undefined ||
        membership['collaborationId'] !== id ||
        membership['accountId'] !== participant['accountId']
      ) {
        fail(
          at,
          `${membershipId} is not a membership of account ${participant['accountId']} in this collaboration`,
        )
      }
    })
  }
}

function checkCollaboration(
  region: string,
  id: string,
  value: unknown,
  path: string,
  model: SnapshotModel,
): void {
  if (!isRecord(value)) fail(path, 'must be an object (a collaboration record)')
  checkKnownMembers(value, membersOf(model).collaboration, path)
  // The output shape, with a placeholder for the one required member that depends on the caller.
  checkShape(model, 'Collaboration', { ...value, memberStatus: 'ACTIVE' }, path)
  if (value['tags'] !== undefined) checkShape(model, 'TagMap', value['tags'], `${path}.tags`)
  if (value['id'] !== id) fail(`${path}.id`, `must equal its key ${id}`)
  const arn = collaborationArn(region, String(value['creatorAccountId']), id)
  if (value['arn'] !== arn) fail(`${path}.arn`, `must be ${arn} (region, creator and id of the record)`)

  const participants = value['participants']
  if (!Array.isArray(participants) || participants.length === 0) {
    fail(`${path}.participants`, 'must list the creator, then the members')
  }
  const accounts = new Set<string>()
  participants.forEach((participant: unknown, index) => {
    const at = `${path}.participants.${index}`
    if (!isRecord(participant)) fail(at, 'must be an object (a participant)')
    checkKnownMembers(participant, membersOf(model).participant, at)
    // The output's paymentConfiguration is computed; a stored one is what the creator set, when it did.
    const placeholder = { queryCompute: { isResponsible: false } }
    checkShape(model, 'MemberSummary', { paymentConfiguration: placeholder, ...participant }, at)
    const accountId = participant['accountId'] as string
    if (accounts.has(accountId)) fail(`${at}.accountId`, `account ${accountId} is listed twice`)
    accounts.add(accountId)
  })
  if (participants[0].accountId !== value['creatorAccountId']) {
    fail(`${path}.participants.0.accountId`, 'must be the creator (creatorAccountId)')
  }
  checkPayers(participants as Json[], value, path, model)
}

/**
 * The stored payers (and, with payer candidates, the candidates) are what the profile's payer rules give
 * for the stored participants: they are computed once at creation.
 */
function checkPayers(participants: Json[], collaboration: Json, path: string, model: SnapshotModel): void {
  const payers = collaboration['payers']
  if (!isRecord(payers)) fail(`${path}.payers`, 'must be an object (payment category → account id or null)')
  const candidates: PayerCandidate[] = participants.map((participant, index) => ({
    accountId: participant['accountId'] as string,
    abilities: participant['abilities'] as PayerCandidate['abilities'],
    paymentConfiguration: participant['paymentConfiguration'] as PayerCandidate['paymentConfiguration'],
    paymentField: `participants.${index}.paymentConfiguration`,
  }))
  const { payers: expected, payerCandidates, violations } = resolvePayers(candidates, model.rules)
  const [violation] = violations
  if (violation !== undefined) fail(`${path}.${violation.field}`, violation.message)
  for (const key of new Set([...Object.keys(payers), ...Object.keys(expected)])) {
    const want = (expected as Json)[key]
    if (payers[key] !== want) {
      fail(
        `${path}.payers.${key}`,
        `is ${JSON.stringify(payers[key])}, but the payer rules give ${JSON.stringify(want)} for these participants`,
      )
    }
  }
  const stored = JSON.stringify(collaboration['payerCandidates'])
  if (stored !== JSON.stringify(payerCandidates)) {
    fail(
      `${path}.payerCandidates`,
      `is ${stored ?? 'absent'}, but the payer rules give ${JSON.stringify(payerCandidates) ?? 'none'} for these participants`,
    )
  }
}

interface CheckedMembership {
  accountId: string
  collaborationId: string
  sequence: number
}

function checkMembership(
  region: string,
  id: string,
  value: unknown,
  collaborations: Json,
  path: string,
  model: SnapshotModel,
): CheckedMembership {
  if (!isRecord(value)) fail(path, 'must be an object (a membership record)')
  checkKnownMembers(value, membersOf(model).membership, path)
  const collaborationId = value['collaborationId']
  const collaboration =
    typeof collaborationId === 'string' && Object.hasOwn(collaborations, collaborationId)
      ? (collaborations[collaborationId] as Json)
      : undefined
  // The output shape, with the members the projection copies from the collaboration.
  checkShape(
    model,
    'Membership',
    {
      ...value,
      collaborationArn: collaboration?.['arn'],
      collaborationCreatorAccountId: collaboration?.['creatorAccountId'],
      collaborationCreatorDisplayName: collaboration?.['creatorDisplayName'],
      collaborationName: collaboration?.['name'],
    },
    path,
    new Set([
      'collaborationArn',
      'collaborationCreatorAccountId',
      'collaborationCreatorDisplayName',
      'collaborationName',
    ]),
  )
  if (value['tags'] !== undefined) checkShape(model, 'TagMap', value['tags'], `${path}.tags`)
  checkShape(model, 'AccountId', value['accountId'], `${path}.accountId`)
  if (!Number.isSafeInteger(value['sequence']) || (value['sequence'] as number) < 1) {
    fail(`${path}.sequence`, 'must be a positive integer')
  }
  if (value['id'] !== id) fail(`${path}.id`, `must equal its key ${id}`)
  const arn = membershipArn(region, String(value['accountId']), id)
  if (value['arn'] !== arn) fail(`${path}.arn`, `must be ${arn} (region, owner and id of the record)`)
  if (collaboration === undefined) {
    fail(`${path}.collaborationId`, `refers to unknown collaboration ${collaborationId} (not in ${region})`)
  }
  const participants = collaboration['participants'] as Json[]
  if (!participants.some((participant) => participant['accountId'] === value['accountId'])) {
    fail(
      `${path}.accountId`,
      `account ${value['accountId']} is not a participant of collaboration ${collaborationId}`,
    )
  }
  return {
    accountId: value['accountId'] as string,
    collaborationId: collaborationId as string,
    sequence: value['sequence'] as number,
  }
}

/** The members a record may store: those of its output shape, minus the computed ones, plus its own. */
function storedMembers(model: SnapshotModel, shape: ShapeName, computed: string[], own: string[]): string[] {
  const entry = model.shapes[shape]
  const members = entry !== undefined && 'members' in entry ? Object.keys(entry.members) : []
  return [...members.filter((member) => !computed.includes(member)), ...own]
}

function checkKnownMembers(value: Json, known: readonly string[], path: string): void {
  for (const key of Object.keys(value)) {
    if (!known.includes(key)) fail(`${path}.${key}`, 'is not a member of this record')
  }
}

/**
 * Runs the generated validator of `shape` and fails on its first issue. Issues under `joined` members
 * (copied from another record, checked there) are skipped.
 */
function checkShape(
  model: SnapshotModel,
  shape: ShapeName,
  value: unknown,
  path: string,
  joined?: ReadonlySet<string>,
): void {
  const validate = model.validateShape[shape]
  if (validate === undefined) fail(path, `has no ${shape} shape in this model profile`)
  for (const issue of validate(value)) {
    if (joined?.has(issue.path.split('.')[0] ?? '')) continue
    fail(issue.path === '' ? path : `${path}.${issue.path}`, issue.message)
  }
}

function fail(path: string, problem: string): never {
  throw new StateValidationError(path, problem)
}
