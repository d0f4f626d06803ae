/** Test harness: the three ways in, so one SDK suite runs through each (`describe.each(transports)`). */
import { CleanRoomsClient, type CleanRoomsClientConfig } from '@aws-sdk/client-cleanrooms'
import { setupServer } from 'msw/node'

import { type CleanRoomsMock, type CleanRoomsMockOptions, createCleanRoomsMock } from '../../mocks/index.ts'
import { startServer } from '../../mocks/server.ts'

/** A mock reached through one transport, and SDK clients wired to it. */
export interface Harness {
  mock: CleanRoomsMock
  /**
   * A real SDK client calling as `accessKeyId` (a 12-digit key is its own account, R-ID-2).
   * `maxAttempts: 1` so expected errors are not retried.
   */
  client(accessKeyId: string, config?: Partial<CleanRoomsClientConfig>): CleanRoomsClient
  /**
   * Sends a hand-made request (one the SDK cannot express: malformed JSON, no Authorization, an unknown
   * path) through the same transport. URLs name the real endpoint (`https://cleanrooms.us-east-1.amazonaws.com/…`);
   * a transport with its own address rewrites the origin.
   */
  raw(request: Request): Promise<Response>
  close(): Promise<void>
}

export interface Transport {
  name: string
  start(options?: CleanRoomsMockOptions): Promise<Harness>
}

function clientFactory(base: Partial<CleanRoomsClientConfig>) {
  return (accessKeyId: string, config: Partial<CleanRoomsClientConfig> = {}) =>
    new CleanRoomsClient({
      region: 'us-east-1',
      maxAttempts: 1,
      credentials: { accessKeyId, secretAccessKey: 'test-secret' },
      ...base,
      ...config,
    })
}

/** The SDK with `requestHandler: mock.requestHandler`: no socket, no interception. */
const inProcess: Transport = {
  name: 'in-process request handler',
  async start(options) {
    const mock = createCleanRoomsMock(options)
    return {
      mock,
      client: clientFactory({ requestHandler: mock.requestHandler }),
      raw: (request) => mock.fetch(request),
      close: async () => {},
    }
  },
}

/** The SDK's default Node HTTP handler, intercepted by MSW's setupServer. */
export const msw: Transport = {
  name: 'MSW setupServer',
  async start(options) {
    const mock = createCleanRoomsMock(options)
    const server = setupServer(...mock.handlers)
    server.listen({ onUnhandledRequest: 'error' })
    // Global fetch goes through MSW's interceptor, like the SDK's node:http handler does.
    return {
      mock,
      client: clientFactory({}),
      raw: (request) => fetch(request),
      close: async () => server.close(),
    }
  },
}

/** The SDK's default Node HTTP handler over a loopback socket to `cleanrooms-mock serve`'s server. */
export const server: Transport = {
  name: 'standalone server',
  async start(options) {
    const mock = createCleanRoomsMock(options)
    const running = await startServer({ mock, port: 0 })
    return {
      mock,
      client: clientFactory({ endpoint: running.url }),
      // The same path, query, headers and body, sent to the server over a real socket.
      raw: async (request) => {
        const url = new URL(request.url)
        const body = request.method === 'GET' || request.method === 'HEAD' ? undefined : await request.text()
        return fetch(`${running.url}${url.pathname}${url.search}`, {
          method: request.method,
          headers: request.headers,
          ...(body === undefined ? {} : { body }),
        })
      },
      close: () => running.close(),
    }
  },
}

/** Every way in: the whole SDK suite runs through each. */
export const transports: Transport[] = [inProcess, msw, server]
