/** Bench: the baseline server: node:http answering every request with the same canned bytes. */
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'

import type { WireResponse } from '../mocks/protocol/wire.ts'

/** Starts a bare node:http server on a free loopback port that drains the request and answers `canned`. */
export async function startBareServer(canned: WireResponse): Promise<{ url: string; server: Server }> {
  const body = Buffer.from(canned.body)
  const headers = { ...canned.headers, 'content-length': body.length }
  const server = createServer((req, res) => {
    req.resume()
    req.on('end', () => {
      res.writeHead(canned.status, headers)
      res.end(body)
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server }
}
