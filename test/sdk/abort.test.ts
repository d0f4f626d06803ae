/** An SDK call aborted before it is sent fails with AbortError and changes nothing, whatever the way in. */
import { CreateCollaborationCommand } from '@aws-sdk/client-cleanrooms'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'

import { type Harness, transports } from './transports.ts'

describe.each(transports)('through $name', (transport) => {
  let h: Harness
  beforeEach(async () => {
    h = await transport.start()
  })
  afterEach(() => h.close())

  it('R-STATE-2: an already-aborted call is rejected with AbortError and creates nothing', async () => {
    const before = h.mock.snapshot()
    const command = new CreateCollaborationCommand({
      name: 'aborted',
      description: 'never sent',
      creatorDisplayName: 'Creator',
      creatorMemberAbilities: ['CAN_QUERY'],
      queryLogStatus: 'DISABLED',
      members: [],
    })
    const error = await h
      .client('111111111111')
      .send(command, { abortSignal: AbortSignal.abort() })
      .catch((e: unknown) => e)
    expect((error as Error).name).toBe('AbortError')
    expect(h.mock.snapshot()).toEqual(before)
  })
})
