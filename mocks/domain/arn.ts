/** Domain layer: the ARNs the mock gives its resources, written in one place (records, snapshots, Pact states). */

/** The ARN of a collaboration: its region, the account that created it, its id. */
export function collaborationArn(region: string, creatorAccountId: string, id: string): string {
  return `arn:aws:cleanrooms:${region}:${creatorAccountId}:collaboration/${id}`
}

/** The ARN of a membership: its region, the account it belongs to, its id. */
export function membershipArn(region: string, accountId: string, id: string): string {
  return `arn:aws:cleanrooms:${region}:${accountId}:membership/${id}`
}
