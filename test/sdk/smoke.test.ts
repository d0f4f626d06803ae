/** The SDK reaches the mock through every way in: one success and one typed error each. */
import {
  CreateCollaborationCommand,
  GetMembershipCommand,
  ResourceNotFoundException,
} from '@aws-sdk/client-cleanrooms'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'

import { type Harness, transports } from './transports.ts'

describe.each(transports)('through $name', (transport) => {
  let h: Harness
  beforeEach(async () => {
    h = await transport.start()
  })
  afterEach(() => h.close())

  it('creates a collaboration and answers an unknown membership with ResourceNotFoundException', async () => {
    const creator = h.client('111111111111')
    const { collaboration } = await creator.send(
      new CreateCollaborationCommand({
        name: 'n',
        description: 'd',
        creatorDisplayName: 'A',
        creatorMemberAbilities: ['CAN_QUERY'],
        queryLogStatus: 'DISABLED',
        members: [],
      }),
    )
    expect(collaboration?.creatorAccountId).toBe('111111111111')
    const error = await creator
      .send(new GetMembershipCommand({ membershipIdentifier: '00000000-0000-4000-8000-000000000000' }))
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ResourceNotFoundException)
    expect((error as ResourceNotFoundException).$metadata.httpStatusCode).toBe(404)
  })
})
