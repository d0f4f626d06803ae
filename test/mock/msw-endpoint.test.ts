/** MSW handlers for a custom endpoint: the SDK's `endpoint`, with or without a base path. */
import { CleanRoomsClient, ListMembershipsCommand } from '@aws-sdk/client-cleanrooms'
import { setupServer } from 'msw/node'
import { afterEach, describe, expect, it } from 'vitest'

import { createCleanRoomsMock } from '../../mocks/index.ts'

let close = () => {}
afterEach(() => close())

describe('createCleanRoomsMock({ endpoint })', () => {
  it.each(['http://cleanrooms.mock.test', 'http://cleanrooms.mock.test/base/path'])(
    'answers the SDK pointed at %s',
    async (endpoint) => {
      const mock = createCleanRoomsMock({ endpoint })
      const server = setupServer(...mock.handlers)
      server.listen({ onUnhandledRequest: 'error' })
      close = () => server.close()
      const client = new CleanRoomsClient({
        region: 'us-east-1',
        endpoint,
        maxAttempts: 1,
        credentials: { accessKeyId: '111111111111', secretAccessKey: 'x' },
      })
      const output = await client.send(new ListMembershipsCommand({}))
      expect(output.membershipSummaries).toEqual([])
      expect(output.$metadata.httpStatusCode).toBe(200)
    },
  )
})
