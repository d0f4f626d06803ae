/** Region names the mock accepts: one definition for the protocol layer (credential scope) and the state checks. */

/**
 * A region name as the model's ARN patterns spell it (`[\w]{2}-[\w]{4,9}-[\d]`, lower case): `us-east-1`,
 * `ap-southeast-2`. The caller's region becomes part of every ARN the mock builds, so a region outside this
 * pattern would make the mock answer ARNs its own model rejects.
 */
export const REGION_NAME = /^[a-z]{2}-[a-z]{4,9}-\d$/
