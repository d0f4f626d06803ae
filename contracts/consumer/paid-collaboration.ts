/** Example consumer: a data team's module on @aws-sdk/client-cleanrooms that decides who pays for queries. */
import {
  type CleanRoomsClient,
  CreateCollaborationCommand,
  CreateMembershipCommand,
  GetMembershipCommand,
  type MemberSummary,
  type MembershipPaymentConfiguration,
  type PaymentConfiguration,
  paginateListMembers,
  paginateListMemberships,
  type ResultFormat,
  UpdateMembershipCommand,
} from '@aws-sdk/client-cleanrooms'

/** An AWS account taking part in a collaboration. */
export interface Partner {
  accountId: string
  displayName: string
}

/** A collaboration where we (the creator) run the queries and a partner pays for them. */
export interface PaidCollaborationPlan {
  name: string
  description: string
  /** Our display name; we can query, but do not pay. */
  creatorDisplayName: string
  /** Contributes data and pays for query compute. */
  payer: Partner
  /** Receives query results in its own bucket. */
  resultReceiver: Partner
}

/** Where a result receiver wants query results written. */
export interface ResultDestination {
  bucket: string
  keyPrefix?: string
  format: ResultFormat
  roleArn: string
}

/** Creates the collaboration: we query, `payer` pays for query compute, `resultReceiver` receives results. */
export async function createPaidCollaboration(
  client: CleanRoomsClient,
  plan: PaidCollaborationPlan,
): Promise<{ collaborationId: string; collaborationArn: string }> {
  const { collaboration } = await client.send(
    new CreateCollaborationCommand({
      name: plan.name,
      description: plan.description,
      creatorDisplayName: plan.creatorDisplayName,
      creatorMemberAbilities: ['CAN_QUERY'],
      // The querier would pay by default; saying `false` moves the bill to the partner set `true` below.
      creatorPaymentConfiguration: { queryCompute: { isResponsible: false } },
      members: [
        {
          accountId: plan.payer.accountId,
          displayName: plan.payer.displayName,
          memberAbilities: [],
          paymentConfiguration: { queryCompute: { isResponsible: true } },
        },
        {
          accountId: plan.resultReceiver.accountId,
          displayName: plan.resultReceiver.displayName,
          memberAbilities: ['CAN_RECEIVE_RESULTS'],
        },
      ],
      queryLogStatus: 'DISABLED',
    }),
  )
  if (!collaboration) throw new Error('CreateCollaboration returned no collaboration')
  return {
    collaborationId: present(collaboration.id, 'collaboration.id'),
    collaborationArn: present(collaboration.arn, 'collaboration.arn'),
  }
}

/** How an invited account joins: whether it accepts paying for queries, and where its results go. */
export interface JoinOptions {
  /** Sent explicitly either way: the service refuses a claim that does not match the creator's choice. */
  acceptPayment: boolean
  /** Only for the member who can receive results. */
  results?: ResultDestination
}

/** Joins a collaboration we were invited to. */
export async function joinCollaboration(
  client: CleanRoomsClient,
  collaborationId: string,
  options: JoinOptions,
): Promise<{ membershipId: string; paysForQueries: boolean }> {
  const { membership } = await client.send(
    new CreateMembershipCommand({
      collaborationIdentifier: collaborationId,
      queryLogStatus: 'DISABLED',
      paymentConfiguration: { queryCompute: { isResponsible: options.acceptPayment } },
      ...(options.results ? { defaultResultConfiguration: toResultConfiguration(options.results) } : {}),
    }),
  )
  if (!membership) throw new Error('CreateMembership returned no membership')
  return { membershipId: present(membership.id, 'membership.id'), paysForQueries: paysForQueries(membership) }
}

/** Joins as the partner the creator chose to pay: it accepts the payment. */
export function joinAsPayer(
  client: CleanRoomsClient,
  collaborationId: string,
): Promise<{ membershipId: string; paysForQueries: boolean }> {
  return joinCollaboration(client, collaborationId, { acceptPayment: true })
}

/** Joins as the member who receives results, naming where they go; it does not pay. */
export function joinAsResultReceiver(
  client: CleanRoomsClient,
  collaborationId: string,
  destination: ResultDestination,
): Promise<{ membershipId: string; paysForQueries: boolean }> {
  return joinCollaboration(client, collaborationId, { acceptPayment: false, results: destination })
}

/** How many items to ask for per page (`maxResults`); the service's default when absent. */
export interface PageOptions {
  pageSize?: number
}

/** The participant who pays for query compute, as ListMembers reports it (all pages). */
export async function whoPaysForQueries(
  client: CleanRoomsClient,
  collaborationId: string,
  options: PageOptions = {},
): Promise<Partner | undefined> {
  const members: MemberSummary[] = []
  const pages = paginateListMembers(
    { client, ...(options.pageSize === undefined ? {} : { pageSize: options.pageSize }) },
    { collaborationIdentifier: collaborationId },
  )
  for await (const page of pages) {
    members.push(...(page.memberSummaries ?? []))
  }
  const payer = members.find(paysForQueries)
  if (!payer) return undefined
  return {
    accountId: present(payer.accountId, 'accountId'),
    displayName: present(payer.displayName, 'displayName'),
  }
}

/** Our active memberships, with whether we pay for queries in each (all pages). */
export async function activeMemberships(
  client: CleanRoomsClient,
  options: PageOptions = {},
): Promise<Array<{ membershipId: string; collaborationName: string; paysForQueries: boolean }>> {
  const memberships: Array<{ membershipId: string; collaborationName: string; paysForQueries: boolean }> = []
  const pages = paginateListMemberships(
    { client, ...(options.pageSize === undefined ? {} : { pageSize: options.pageSize }) },
    { status: 'ACTIVE' },
  )
  for await (const page of pages) {
    for (const summary of page.membershipSummaries ?? []) {
      memberships.push({
        membershipId: present(summary.id, 'id'),
        collaborationName: present(summary.collaborationName, 'collaborationName'),
        paysForQueries: paysForQueries(summary),
      })
    }
  }
  return memberships
}

/** One membership: whether we pay and where results go. */
export async function describeMembership(
  client: CleanRoomsClient,
  membershipId: string,
): Promise<{ collaborationId: string; paysForQueries: boolean; resultBucket: string | undefined }> {
  const { membership } = await client.send(new GetMembershipCommand({ membershipIdentifier: membershipId }))
  if (!membership) throw new Error('GetMembership returned no membership')
  return {
    collaborationId: present(membership.collaborationId, 'collaborationId'),
    paysForQueries: paysForQueries(membership),
    resultBucket: membership.defaultResultConfiguration?.outputConfiguration?.s3?.bucket,
  }
}

/** Moves where results go (bucket, prefix, format); the payer stays as it was. */
export async function changeResultDestination(
  client: CleanRoomsClient,
  membershipId: string,
  destination: ResultDestination,
): Promise<{ resultFormat: string | undefined }> {
  const { membership } = await client.send(
    new UpdateMembershipCommand({
      membershipIdentifier: membershipId,
      defaultResultConfiguration: toResultConfiguration(destination),
    }),
  )
  return { resultFormat: membership?.defaultResultConfiguration?.outputConfiguration?.s3?.resultFormat }
}

function toResultConfiguration(destination: ResultDestination) {
  return {
    outputConfiguration: {
      s3: {
        bucket: destination.bucket,
        resultFormat: destination.format,
        ...(destination.keyPrefix === undefined ? {} : { keyPrefix: destination.keyPrefix }),
      },
    },
    roleArn: destination.roleArn,
  }
}

/** True when this member or membership is the one paying for query compute. */
function paysForQueries(holder: {
  paymentConfiguration?: PaymentConfiguration | MembershipPaymentConfiguration | undefined
}): boolean {
  return holder.paymentConfiguration?.queryCompute?.isResponsible === true
}

/** The SDK types every output member as optional; the service always sends the required ones. */
function present<T>(value: T | undefined, member: string): T {
  if (value === undefined) throw new Error(`Clean Rooms response is missing ${member}`)
  return value
}
