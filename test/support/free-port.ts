/**
 * Test support: a port nobody listens on, for a Pact mock server.
 *
 * Seen once under heavy load: a test's request was answered (the SDK call succeeded) while its own mock server
 * reported the request "expected but not received". Pact's native core keys mock servers by port, and a mock
 * server left to pick its own port (port 0) can get the port of the previous test's server while that one is
 * still closing; that is the suspected cause, not a proven one. A port Node has just bound on its own is one no
 * live socket holds, so two mock servers of one file never share a port.
 */
import { createServer } from 'node:net'

export async function freePort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', resolve)
  })
  const address = server.address()
  await new Promise<void>((resolve) => server.close(() => resolve()))
  if (address === null || typeof address === 'string') throw new Error('no TCP port was bound')
  return address.port
}
