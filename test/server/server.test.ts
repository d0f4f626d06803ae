/** The standalone server through the real SDK and raw sockets: limits, timeouts, load, control surface, signatures. */
import { Agent, request } from 'node:http'
import { connect } from 'node:net'

import {
  CleanRoomsClient,
  CreateCollaborationCommand,
  CreateMembershipCommand,
  GetMembershipCommand,
  ListMembershipsCommand,
  paginateListMemberships,
} from '@aws-sdk/client-cleanrooms'
import { afterEach, describe, expect, it } from 'vitest'

import { createCleanRoomsMock } from '../../mocks/index.ts'
import type { WireRequest } from '../../mocks/protocol/wire.ts'
import { type MockServer, type ServerOptions, startServer } from '../../mocks/server.ts'

const ALICE = '111111111111'
const BOB = '222222222222'
const servers: MockServer[] = []
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()))
})

async function serve(options: Partial<ServerOptions> = {}, mock = createCleanRoomsMock()) {
  const server = await startServer({ mock, port: 0, ...options })
  servers.push(server)
  return server
}

function client(
  server: MockServer,
  credentials = { accessKeyId: ALICE, secretAccessKey: 'secret' },
  agent?: Agent,
): CleanRoomsClient {
  return new CleanRoomsClient({
    region: 'us-east-1',
    endpoint: server.url,
    credentials,
    maxAttempts: 1,
    ...(agent ? { requestHandler: { httpAgent: agent } } : {}),
  })
}

/** The SDK's rejection, so a test can assert on its name, status and message. */
async function rejection(
  promise: Promise<unknown>,
): Promise<Error & { $metadata: { httpStatusCode?: number } }> {
  try {
    await promise
  } catch (error) {
    return error as Error & { $metadata: { httpStatusCode?: number } }
  }
  throw new Error('expected the call to fail')
}

function authorization(accessKeyId = ALICE): string {
  return `AWS4-HMAC-SHA256 Credential=${accessKeyId}/20260101/us-east-1/cleanrooms/aws4_request, SignedHeaders=host, Signature=${'0'.repeat(64)}`
}

/** State-changing control actions take JSON, so a web page cannot send them without a (refused) preflight. */
const JSON_TYPE = { 'content-type': 'application/json' }

const collaborationInput = (members = [{ accountId: BOB, memberAbilities: [], displayName: 'bob' }]) => ({
  name: 'shared',
  description: 'a collaboration',
  creatorDisplayName: 'alice',
  creatorMemberAbilities: ['CAN_QUERY' as const, 'CAN_RECEIVE_RESULTS' as const],
  members,
  queryLogStatus: 'DISABLED' as const,
})

describe('standalone server', () => {
  it('serves the real SDK: create, get and list through one port', async () => {
    const server = await serve()
    const alice = client(server)
    const { collaboration } = await alice.send(new CreateCollaborationCommand(collaborationInput()))
    const { membership } = await alice.send(
      new CreateMembershipCommand({
        collaborationIdentifier: collaboration!.id!,
        queryLogStatus: 'DISABLED',
      }),
    )
    const got = await alice.send(new GetMembershipCommand({ membershipIdentifier: membership!.id! }))
    expect(got.membership).toEqual(membership)
    const listed = await alice.send(new ListMembershipsCommand({}))
    expect(listed.membershipSummaries?.map((summary) => summary.id)).toEqual([membership!.id])
    expect(got.$metadata.requestId).toMatch(/^[0-9a-f-]{36}$/)
  })

  it('binds 127.0.0.1 by default', async () => {
    const server = await serve()
    expect(server.host).toBe('127.0.0.1')
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
  })

  it('R-WIRE-3: answers malformed JSON with SerializationException', async () => {
    const server = await serve()
    const response = await fetch(`${server.url}/collaborations`, {
      method: 'POST',
      headers: { authorization: authorization(), 'content-type': 'application/json' },
      body: '{"name": "unterminated',
    })
    expect(response.status).toBe(400)
    expect(response.headers.get('x-amzn-errortype')).toBe('SerializationException')
    expect(await response.json()).toHaveProperty('message')
  })

  it('R-WIRE-4: answers an unknown path with UnknownOperationException', async () => {
    const server = await serve()
    const response = await fetch(`${server.url}/configuredTables`, {
      headers: { authorization: authorization() },
    })
    expect(response.status).toBe(404)
    expect(response.headers.get('x-amzn-errortype')).toBe('UnknownOperationException')
  })

  it('refuses a body over 1 MiB with 413 RequestEntityTooLargeException through the SDK, and keeps serving', async () => {
    const server = await serve()
    const alice = client(server)
    const error = await rejection(
      alice.send(
        new CreateCollaborationCommand({ ...collaborationInput(), description: 'x'.repeat(1_100_000) }),
      ),
    )
    expect(error.name).toBe('RequestEntityTooLargeException')
    expect(error.$metadata.httpStatusCode).toBe(413)
    expect(error.message).toContain('1048576 bytes')
    const listed = await alice.send(new ListMembershipsCommand({}))
    expect(listed.membershipSummaries).toEqual([])
  })

  it('refuses a chunked body as soon as it passes the limit, without waiting for the rest', async () => {
    const server = await serve({ maxBodyBytes: 1024 })
    let sent = 0
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        // An endless body: only a server that stops reading can answer it.
        sent += 512
        controller.enqueue(new Uint8Array(512).fill(32))
      },
    })
    const response = await fetch(`${server.url}/collaborations`, {
      method: 'POST',
      headers: { authorization: authorization(), 'content-type': 'application/json' },
      body,
      duplex: 'half',
    } as RequestInit)
    expect(response.status).toBe(413)
    expect(response.headers.get('x-amzn-errortype')).toBe('RequestEntityTooLargeException')
    expect(sent).toBeLessThan(10 * 1024 * 1024)
  })

  it('drops a client that stops sending its body with 408 RequestTimeoutException', async () => {
    const server = await serve({ timeouts: { bodyIdleMs: 200 } })
    const reply = await rawExchange(
      server,
      'POST /collaborations HTTP/1.1\r\nhost: x\r\ncontent-type: application/json\r\ncontent-length: 100\r\n\r\n{"na',
    )
    expect(reply).toMatch(/^HTTP\/1\.1 408/)
    expect(reply).toContain('x-amzn-errortype: RequestTimeoutException')
  })

  it('drops a client that never finishes its headers', async () => {
    const server = await serve({ timeouts: { headersMs: 300, requestMs: 300 } })
    const started = Date.now()
    const reply = await rawExchange(server, 'GET /memberships HTTP/1.1\r\nhost: x\r\n')
    expect(reply).toMatch(/^HTTP\/1\.1 408/)
    expect(Date.now() - started).toBeLessThan(5_000)
  })

  it('answers a failure inside the mock with 500 InternalServerException and keeps serving', async () => {
    const mock = createCleanRoomsMock()
    const faulty = {
      ...mock,
      handle(request: WireRequest) {
        if (request.path === '/memberships' && request.method === 'GET') throw new TypeError('boom')
        return mock.handle(request)
      },
    }
    const server = await serve({}, faulty)
    const alice = client(server)
    const error = await rejection(alice.send(new ListMembershipsCommand({})))
    expect(error.name).toBe('InternalServerException')
    expect(error.$metadata.httpStatusCode).toBe(500)
    await expect(alice.send(new CreateCollaborationCommand(collaborationInput()))).resolves.toBeDefined()
  })

  it('loses nothing under 1 000 requests over 50 concurrent connections', async () => {
    const mock = createCleanRoomsMock()
    const collaborationIds = Array.from(
      { length: 1_000 },
      (_, i) =>
        mock.seed.collaboration({
          name: `load ${i}`,
          creator: { accountId: BOB, abilities: ['CAN_QUERY', 'CAN_RECEIVE_RESULTS'] },
          members: [{ accountId: ALICE }],
        }).collaborationId,
    )
    const server = await serve({}, mock)
    let opened = 0
    const agent = new Agent({ keepAlive: true, maxSockets: 50 })
    const createConnection = agent.createConnection.bind(agent)
    agent.createConnection = ((...args: Parameters<typeof createConnection>) => {
      opened += 1
      return createConnection(...args)
    }) as typeof agent.createConnection
    const alice = client(server, undefined, agent)

    const queue = [...collaborationIds]
    const created: string[] = []
    let inFlight = 0
    let peak = 0
    await Promise.all(
      Array.from({ length: 50 }, async () => {
        for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
          inFlight += 1
          peak = Math.max(peak, inFlight)
          const { membership } = await alice.send(
            new CreateMembershipCommand({ collaborationIdentifier: id, queryLogStatus: 'DISABLED' }),
          )
          inFlight -= 1
          created.push(membership!.id!)
        }
      }),
    )
    expect(peak).toBe(50)
    expect(opened).toBe(50)

    const listed: string[] = []
    for await (const page of paginateListMemberships({ client: alice }, { maxResults: 100 })) {
      for (const summary of page.membershipSummaries ?? []) listed.push(summary.id!)
    }
    expect(listed).toHaveLength(1_000)
    expect(new Set(listed)).toEqual(new Set(created))
    agent.destroy()
  })

  it('R-ID-4: with secrets configured, refuses a wrong secret with InvalidSignatureException through the SDK', async () => {
    const mock = createCleanRoomsMock({
      accounts: { AKIDALICE: ALICE },
      secrets: { AKIDALICE: 'alice-secret' },
    })
    const server = await serve({}, mock)
    const right = client(server, { accessKeyId: 'AKIDALICE', secretAccessKey: 'alice-secret' })
    await expect(right.send(new ListMembershipsCommand({}))).resolves.toBeDefined()
    await expect(right.send(new CreateCollaborationCommand(collaborationInput()))).resolves.toBeDefined()

    const wrong = client(server, { accessKeyId: 'AKIDALICE', secretAccessKey: 'not-alice-secret' })
    const error = await rejection(wrong.send(new ListMembershipsCommand({})))
    expect(error.name).toBe('InvalidSignatureException')
    expect(error.$metadata.httpStatusCode).toBe(403)

    const unknown = client(server, { accessKeyId: 'AKIDMALLORY', secretAccessKey: 'x' })
    expect((await rejection(unknown.send(new ListMembershipsCommand({})))).name).toBe(
      'UnrecognizedClientException',
    )
  })

  it('R-ID-4: without secrets, signatures are not checked', async () => {
    const server = await serve({}, createCleanRoomsMock({ accounts: { AKIDALICE: ALICE } }))
    const wrong = client(server, { accessKeyId: 'AKIDALICE', secretAccessKey: 'whatever' })
    await expect(wrong.send(new ListMembershipsCommand({}))).resolves.toBeDefined()
  })

  it('exposes health, snapshot, reset and restore under /__mock/', async () => {
    const server = await serve()
    expect(await (await fetch(`${server.url}/__mock/health`)).json()).toEqual({ status: 'ok' })
    await client(server).send(new CreateCollaborationCommand(collaborationInput()))
    const snapshot = await (await fetch(`${server.url}/__mock/snapshot`)).text()
    expect(snapshot).toContain('"shared"')

    expect((await fetch(`${server.url}/__mock/reset`, { method: 'POST', headers: JSON_TYPE })).status).toBe(
      200,
    )
    expect(await (await fetch(`${server.url}/__mock/snapshot`)).text()).not.toContain('"shared"')

    const restored = await fetch(`${server.url}/__mock/restore`, {
      method: 'POST',
      headers: JSON_TYPE,
      body: snapshot,
    })
    expect(restored.status).toBe(200)
    expect(await (await fetch(`${server.url}/__mock/snapshot`)).text()).toBe(snapshot)

    const bad = await fetch(`${server.url}/__mock/restore`, {
      method: 'POST',
      headers: JSON_TYPE,
      body: 'not json',
    })
    expect(bad.status).toBe(400)
    expect(bad.headers.get('x-amzn-errortype')).toBe('SerializationException')
    const unknown = await fetch(`${server.url}/__mock/seed`, { method: 'POST' })
    expect(unknown.status).toBe(404)
  })

  it('answers browsers as the service model’s CORS trait says: preflights, any origin, the x-amzn headers readable', async () => {
    const server = await serve()
    const origin = 'http://localhost:5173'
    const preflight = await fetch(`${server.url}/memberships/0f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9`, {
      method: 'OPTIONS',
      headers: {
        origin,
        'access-control-request-method': 'PATCH',
        'access-control-request-headers': 'authorization,content-type,x-amz-date,amz-sdk-invocation-id',
      },
    })
    expect(preflight.status).toBe(204)
    expect(preflight.headers.get('access-control-allow-origin')).toBe('*')
    expect(preflight.headers.get('access-control-allow-methods')).toContain('PATCH')
    expect(preflight.headers.get('access-control-allow-headers')).toBe(
      'authorization,content-type,x-amz-date,amz-sdk-invocation-id',
    )
    expect(preflight.headers.get('access-control-max-age')).toBe('600')

    // The actual request: an error, whose name and request id a browser may read.
    const denied = await fetch(`${server.url}/memberships`, { headers: { origin } })
    expect(denied.status).toBe(403)
    expect(denied.headers.get('access-control-allow-origin')).toBe('*')
    expect(denied.headers.get('access-control-expose-headers')).toBe(
      'x-amzn-errortype,x-amzn-requestid,x-amzn-trace-id',
    )
    // Without an Origin (any non-browser client) nothing changes, and OPTIONS is an AWS request like any other.
    const plain = await fetch(`${server.url}/memberships`)
    expect(plain.headers.get('access-control-allow-origin')).toBeNull()
    const options = await fetch(`${server.url}/memberships`, { method: 'OPTIONS' })
    expect(options.status).toBe(403)
  })

  it('answers a restore body that is JSON but not a snapshot with 400, not a mock bug, and keeps the state', async () => {
    const server = await serve()
    await client(server).send(new CreateCollaborationCommand(collaborationInput()))
    const before = await (await fetch(`${server.url}/__mock/snapshot`)).text()
    for (const body of ['{"version":2,"regions":{}}', '{"version":1,"regions":{"us-east-1":{}}}']) {
      const response = await fetch(`${server.url}/__mock/restore`, {
        method: 'POST',
        headers: JSON_TYPE,
        body,
      })
      expect(response.status).toBe(400)
      expect(response.headers.get('x-amzn-errortype')).toBe('SerializationException')
      expect(((await response.json()) as { message: string }).message).toMatch(
        /^Not a snapshot this mock can restore: /,
      )
    }
    expect(await (await fetch(`${server.url}/__mock/snapshot`)).text()).toBe(before)
  })

  it('R-STATE-3: POST /__mock/faults injects a fault the SDK sees as its typed error; a bad fault is a 400', async () => {
    const server = await serve()
    const injected = await fetch(`${server.url}/__mock/faults`, {
      method: 'POST',
      headers: JSON_TYPE,
      body: JSON.stringify({ operation: 'ListMemberships', error: 'ThrottlingException', times: 1 }),
    })
    expect(injected.status).toBe(200)
    const error = await rejection(client(server).send(new ListMembershipsCommand({})))
    expect([error.name, error.$metadata.httpStatusCode]).toEqual(['ThrottlingException', 429])
    await expect(client(server).send(new ListMembershipsCommand({}))).resolves.toBeDefined()

    for (const body of [
      '{"error":"NoSuchException"}',
      '{"operation":"GetMembership","error":"ServiceQuotaExceededException"}',
      '{"error":"ThrottlingException","times":0}',
      '[]',
    ]) {
      const refused = await fetch(`${server.url}/__mock/faults`, { method: 'POST', headers: JSON_TYPE, body })
      expect(refused.status, body).toBe(400)
      expect(refused.headers.get('x-amzn-errortype')).toBe('SerializationException')
    }
    await expect(client(server).send(new ListMembershipsCommand({}))).resolves.toBeDefined()
  })
})

describe('control surface: for test harnesses, never for web pages', () => {
  /** One request through node:http, so Host and Origin can be anything a browser or a rebinding page sends. */
  function send(
    server: MockServer,
    init: { method?: string; path: string; headers?: Record<string, string>; body?: string },
  ): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
    return new Promise((resolve, reject) => {
      const req = request(
        {
          host: '127.0.0.1',
          port: server.port,
          method: init.method ?? 'GET',
          path: init.path,
          headers: init.headers,
          agent: false,
        },
        (res) => {
          let body = ''
          res.setEncoding('utf8').on('data', (chunk: string) => {
            body += chunk
          })
          res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }))
        },
      )
      req.on('error', reject)
      req.end(init.body)
    })
  }

  async function withCollaboration(options: Partial<ServerOptions> = {}) {
    const server = await serve(options)
    await client(server).send(new CreateCollaborationCommand(collaborationInput()))
    const snapshot = () => JSON.stringify(server.mock.snapshot())
    return { server, before: snapshot(), snapshot }
  }

  it('carries no CORS headers, and refuses a request from a foreign Origin (preflight included) with 403', async () => {
    const { server, before, snapshot } = await withCollaboration()
    const plain = await send(server, { path: '/__mock/snapshot' })
    expect(plain.status).toBe(200)
    expect(plain.headers['access-control-allow-origin']).toBeUndefined()

    const origin = 'https://evil.example'
    const read = await send(server, { path: '/__mock/snapshot', headers: { origin } })
    expect([read.status, read.headers['x-amzn-errortype']]).toEqual([403, 'ForbiddenException'])
    expect(read.body).not.toContain('"shared"')
    expect(read.headers['access-control-allow-origin']).toBeUndefined()
    const preflight = await send(server, {
      method: 'OPTIONS',
      path: '/__mock/reset',
      headers: {
        origin,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type',
      },
    })
    expect(preflight.status).toBe(403)
    expect(preflight.headers['access-control-allow-origin']).toBeUndefined()
    const reset = await send(server, {
      method: 'POST',
      path: '/__mock/reset',
      headers: { origin, 'content-type': 'application/json' },
    })
    expect(reset.status).toBe(403)
    expect(snapshot()).toBe(before)

    // The server's own origin (a tool on the same origin) is fine.
    const own = await send(server, { path: '/__mock/health', headers: { origin: server.url } })
    expect(own.status).toBe(200)
  })

  it('refuses a Host that does not name the listening address (DNS rebinding) with 403', async () => {
    const { server, before, snapshot } = await withCollaboration()
    for (const host of [`rebind.evil.example:${server.port}`, 'localhost:1', '127.0.0.1']) {
      const refused = await send(server, {
        method: 'POST',
        path: '/__mock/reset',
        headers: { host, 'content-type': 'application/json' },
      })
      expect([refused.status, refused.headers['x-amzn-errortype']], host).toEqual([403, 'ForbiddenException'])
      expect(JSON.parse(refused.body).message).toContain('DNS rebinding')
    }
    expect(snapshot()).toBe(before)
    for (const host of [`127.0.0.1:${server.port}`, `localhost:${server.port}`]) {
      expect((await send(server, { path: '/__mock/health', headers: { host } })).status, host).toBe(200)
    }
  })

  it('listening on every address (0.0.0.0): any IP literal of the port names the server, a DNS name does not', async () => {
    const server = await serve({ host: '0.0.0.0' })
    for (const [host, status] of [
      [`127.0.0.1:${server.port}`, 200],
      [`10.1.2.3:${server.port}`, 200],
      [`localhost:${server.port}`, 200],
      [`rebind.evil.example:${server.port}`, 403],
      [`10.1.2.3:${server.port + 1}`, 403],
    ] as const) {
      expect((await send(server, { path: '/__mock/health', headers: { host } })).status, host).toBe(status)
    }
  })

  it('refuses state-changing actions without content-type application/json (what a page sends without a preflight)', async () => {
    const { server, before, snapshot } = await withCollaboration()
    for (const headers of [{ 'content-type': 'text/plain' }, {} as Record<string, string>]) {
      const reset = await send(server, { method: 'POST', path: '/__mock/reset', headers })
      expect([reset.status, reset.headers['x-amzn-errortype']]).toEqual([
        415,
        'UnsupportedMediaTypeException',
      ])
      const restore = await send(server, {
        method: 'POST',
        path: '/__mock/restore',
        headers,
        body: '{"version":1,"regions":{}}',
      })
      expect(restore.status).toBe(415)
    }
    expect(snapshot()).toBe(before)
    const json = await send(server, {
      method: 'POST',
      path: '/__mock/reset',
      headers: { 'content-type': 'application/json; charset=utf-8' },
    })
    expect(json.status).toBe(200)
  })

  it('requires the control token in its header when one is set', async () => {
    const { server, before, snapshot } = await withCollaboration({ controlToken: 's3cret-token' })
    for (const headers of [{}, { 'x-cleanrooms-mock-token': 'wrong' }]) {
      const refused = await send(server, { path: '/__mock/snapshot', headers })
      expect([refused.status, refused.headers['x-amzn-errortype']]).toEqual([403, 'ForbiddenException'])
      expect(refused.body).not.toContain('"shared"')
    }
    const reset = await send(server, {
      method: 'POST',
      path: '/__mock/reset',
      headers: { 'content-type': 'application/json' },
    })
    expect(reset.status).toBe(403)
    expect(snapshot()).toBe(before)
    const allowed = await send(server, {
      path: '/__mock/snapshot',
      headers: { 'x-cleanrooms-mock-token': 's3cret-token' },
    })
    expect(allowed.status).toBe(200)
    // The AWS paths do not ask for it.
    await expect(client(server).send(new ListMembershipsCommand({}))).resolves.toBeDefined()
  })

  it('refuses an unknown action before reading its body, and caps every body (restore has its own limit)', async () => {
    const server = await serve({ maxBodyBytes: 1_000, maxRestoreBytes: 50_000 })
    // A 200 MiB body is declared but never sent: the answer comes without reading it.
    const unknown = await rawExchange(
      server,
      `POST /__mock/seed HTTP/1.1\r\nhost: 127.0.0.1:${server.port}\r\ncontent-type: application/json\r\ncontent-length: 209715200\r\n\r\n{`,
    )
    expect(unknown).toMatch(/^HTTP\/1\.1 404/)
    expect(unknown).toContain('x-amzn-errortype: UnknownOperationException')
    const fault = await send(server, {
      method: 'POST',
      path: '/__mock/faults',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ error: 'ThrottlingException', pad: 'x'.repeat(2_000) }),
    })
    expect([fault.status, fault.headers['x-amzn-errortype']], fault.body).toEqual([
      413,
      'RequestEntityTooLargeException',
    ])
    const big = JSON.stringify({ version: 1, regions: {}, pad: 'x'.repeat(60_000) })
    const restore = await send(server, {
      method: 'POST',
      path: '/__mock/restore',
      headers: { 'content-type': 'application/json' },
      body: big,
    })
    expect(restore.status).toBe(413)
    expect(JSON.parse(restore.body).message).toContain('50000 bytes')
    // Under the restore limit but over the general one: restore takes it (and then refuses the junk member).
    const junk = await send(server, {
      method: 'POST',
      path: '/__mock/restore',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ version: 1, regions: {}, pad: 'x'.repeat(5_000) }),
    })
    expect(junk.status).toBe(400)
    expect(JSON.parse(junk.body).message).toContain('pad: is not a member of a snapshot')
  })
})

/** Sends raw bytes, then returns whatever the server answers before it closes the connection. */
function rawExchange(server: MockServer, text: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(server.port, '127.0.0.1', () => socket.write(text))
    let reply = ''
    socket.setEncoding('utf8')
    socket.on('data', (chunk: string) => {
      reply += chunk
    })
    socket.on('close', () => resolve(reply))
    socket.on('error', reject)
    socket.setTimeout(10_000, () => socket.destroy(new Error('server kept the connection open')))
  })
}
