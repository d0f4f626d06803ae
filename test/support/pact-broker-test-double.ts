/**
 * TEST DOUBLE of a Pact Broker's HAL API, for tests only: NOT a Pact Broker. It answers the few resources
 * the Pact verifier and `pact-broker publish` / `can-i-deploy` (from @pact-foundation/pact-cli) use, in the
 * shapes the Pact Broker documents, and records every request so a test can assert what was sent. It keeps
 * no versions, environments or deployments: `can-i-deploy` is answered from the verification results it
 * received. Nothing here has been checked against a real broker.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'

/** One request the double received. */
export interface RecordedRequest {
  method: string
  path: string
  query: URLSearchParams
  authorization: string | undefined
  body: unknown
}

/** A pact the double serves for verification, with the properties a broker computes for it. */
export interface ServedPact {
  consumer: string
  pact: Record<string, unknown>
  /** The broker's `pending` flag (its interactions' failures must not fail the provider's build). */
  pending?: boolean
  /** Served as a work-in-progress pact (only when the request asks for WIP pacts). */
  wip?: boolean
}

export interface PactBrokerTestDouble {
  url: string
  requests: RecordedRequest[]
  /** Pacts to serve for verification (tests push to it; `pact-broker publish` adds to it). */
  pacts: ServedPact[]
  /** The verification results received, by consumer. */
  results: Array<{ consumer: string; body: Record<string, unknown> }>
  close(): Promise<void>
}

export async function startPactBrokerTestDouble(provider = 'CleanRoomsMock'): Promise<PactBrokerTestDouble> {
  const requests: RecordedRequest[] = []
  const pacts: ServedPact[] = []
  const results: Array<{ consumer: string; body: Record<string, unknown> }> = []
  let base = ''

  const json = (status: number, body: unknown) => ({ status, body })
  const pactPath = (consumer: string) =>
    `/pacts/provider/${encodeURIComponent(provider)}/consumer/${encodeURIComponent(consumer)}/pact-version/v1`

  function answer(request: RecordedRequest): { status: number; body: unknown } {
    const { method, path } = request
    if (method === 'GET' && path === '/') {
      return json(200, {
        _links: {
          self: { href: `${base}/` },
          'pb:publish-contracts': { href: `${base}/contracts/publish`, title: 'Publish contracts' },
          'pb:provider-pacts-for-verification': {
            href: `${base}/pacts/provider/{provider}/for-verification`,
            templated: true,
          },
          'pb:pacticipant-version-tag': {
            href: `${base}/pacticipants/{pacticipant}/versions/{version}/tags/{tag}`,
            templated: true,
          },
          'pb:pacticipant-branch-version': {
            href: `${base}/pacticipants/{pacticipant}/branches/{branch}/versions/{version}`,
            templated: true,
          },
          'pb:pacticipant-version': {
            href: `${base}/pacticipants/{pacticipant}/versions/{version}`,
            templated: true,
          },
          'pb:matrix': { href: `${base}/matrix`, title: 'Matrix' },
        },
      })
    }
    const forVerification = `/pacts/provider/${encodeURIComponent(provider)}/for-verification`
    if (method === 'GET' && path === forVerification) {
      // The verifier navigates to the resource first, then POSTs its selectors to its `self` link.
      return json(200, { _links: { self: { href: `${base}${path}` } } })
    }
    if (method === 'POST' && path === forVerification) {
      const wanted = (request.body ?? {}) as { includePendingStatus?: boolean; includeWipPactsSince?: string }
      const served = pacts.filter((item) => !item.wip || wanted.includeWipPactsSince !== undefined)
      return json(200, {
        _embedded: {
          pacts: served.map((item) => ({
            shortDescription: `latest pact of ${item.consumer}`,
            verificationProperties: {
              ...(wanted.includePendingStatus ? { pending: item.pending === true } : {}),
              ...(item.wip ? { wip: true } : {}),
              notices: [{ when: 'before_verification', text: `The pact of ${item.consumer} (test double)` }],
            },
            _links: {
              self: { href: `${base}${pactPath(item.consumer)}`, name: `Pact of ${item.consumer}` },
              'pb:publish-verification-results': {
                href: `${base}${pactPath(item.consumer)}/verification-results`,
              },
            },
          })),
        },
        _links: { self: { href: `${base}${path}` } },
      })
    }
    const pactMatch =
      /^\/pacts\/provider\/[^/]+\/consumer\/([^/]+)\/pact-version\/v1(\/verification-results)?$/.exec(path)
    if (pactMatch) {
      const consumer = decodeURIComponent(pactMatch[1] ?? '')
      const served = pacts.find((item) => item.consumer === consumer)
      if (served === undefined) return json(404, { error: `no pact of ${consumer}` })
      if (method === 'GET' && !pactMatch[2]) {
        return json(200, {
          ...served.pact,
          _links: {
            self: { href: `${base}${path}` },
            'pb:provider': { href: `${base}/pacticipants/${encodeURIComponent(provider)}` },
            'pb:publish-verification-results': { href: `${base}${path}/verification-results` },
          },
        })
      }
      if (method === 'POST' && pactMatch[2]) {
        results.push({ consumer, body: (request.body ?? {}) as Record<string, unknown> })
        return json(201, { _links: { self: { href: `${base}${path}/1` } } })
      }
    }
    if (method === 'GET' && path === `/pacticipants/${encodeURIComponent(provider)}`) {
      // The verifier goes through the provider resource to tag its version and record its branch.
      const pacticipant = `${base}${path}`
      return json(200, {
        name: provider,
        _links: {
          self: { href: pacticipant },
          'pb:version-tag': { href: `${pacticipant}/versions/{version}/tags/{tag}`, templated: true },
          'pb:branch-version': {
            href: `${pacticipant}/branches/{branch}/versions/{version}`,
            templated: true,
          },
        },
      })
    }
    if (
      method === 'PUT' &&
      /^\/pacticipants\/[^/]+\/(versions\/[^/]+\/tags\/[^/]+|branches\/[^/]+\/versions\/[^/]+)$/.test(path)
    ) {
      return json(201, {})
    }
    if (method === 'POST' && path === '/contracts/publish') {
      const body = request.body as {
        pacticipantName: string
        pacticipantVersionNumber: string
        contracts?: Array<{ providerName: string; content: string }>
      }
      for (const contract of body.contracts ?? []) {
        if (contract.providerName !== provider) continue
        const pact = JSON.parse(Buffer.from(contract.content, 'base64').toString('utf8')) as Record<
          string,
          unknown
        >
        const index = pacts.findIndex((item) => item.consumer === body.pacticipantName)
        if (index >= 0) pacts.splice(index, 1)
        pacts.push({ consumer: body.pacticipantName, pact })
      }
      return json(200, {
        notices: [
          {
            type: 'success',
            text: `Published ${body.pacticipantName} ${body.pacticipantVersionNumber} (test double)`,
          },
        ],
        _embedded: {
          pacticipant: { name: body.pacticipantName, _links: {} },
          version: { number: body.pacticipantVersionNumber, _links: {} },
        },
        _links: {
          'pb:pacticipant-version': {
            href: `${base}/pacticipants/${body.pacticipantName}/versions/${body.pacticipantVersionNumber}`,
          },
        },
      })
    }
    if (method === 'GET' && path === '/matrix') {
      const consumer = request.query.get('q[][pacticipant]') ?? ''
      const verified = results.filter((result) => result.consumer === consumer)
      const failed = verified.filter((result) => result.body['success'] !== true).length
      const success = verified.length - failed
      const deployable = verified.length > 0 && failed === 0
      return json(200, {
        summary: {
          deployable,
          reason: deployable
            ? 'All required verification results are published and successful (test double)'
            : verified.length === 0
              ? 'There is no verified pact (test double)'
              : 'A verification failed (test double)',
          success,
          failed,
          unknown: verified.length === 0 ? 1 : 0,
        },
        notices: [],
        matrix: [],
      })
    }
    return json(404, { error: `the test double has no ${method} ${path}` })
  }

  const server: Server = createServer((req, res) => {
    readBody(req).then(
      (text) => {
        const url = new URL(req.url ?? '/', base)
        let body: unknown = text
        try {
          body = text === '' ? undefined : JSON.parse(text)
        } catch {
          // kept as text
        }
        const recorded: RecordedRequest = {
          method: req.method ?? 'GET',
          path: url.pathname,
          query: url.searchParams,
          authorization: req.headers.authorization,
          body,
        }
        requests.push(recorded)
        const { status, body: reply } = answer(recorded)
        const bytes = Buffer.from(JSON.stringify(reply))
        res.writeHead(status, {
          'content-type': 'application/hal+json',
          'content-length': String(bytes.length),
        })
        res.end(bytes)
      },
      () => res.destroy(),
    )
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  return {
    url: base,
    requests,
    pacts,
    results,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  }
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')))
    req.on('error', reject)
  })
}
