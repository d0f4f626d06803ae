/** Importer layer: the operations of AWS Clean Rooms that this project mocks. */

/** The six operations the spec keeps, sorted. */
export const CLEANROOMS_OPERATIONS: readonly string[] = [
  'CreateCollaboration',
  'CreateMembership',
  'GetMembership',
  'ListMembers',
  'ListMemberships',
  'UpdateMembership',
]
