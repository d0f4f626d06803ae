/**
 * Decision 0013: the cost of the R-ID-4 check per request (synchronous, public helpers of @smithy/signature-v4)
 * against re-signing a copy with the public asynchronous `SignatureV4#sign`. Run: `npx tsx bench/sigv4-check.ts`.
 */
import { Sha256 } from '@aws-crypto/sha256-js'
import { SignatureV4 } from '@smithy/signature-v4'
import type { HttpRequest } from '@smithy/types'
import { createSignatureCheck } from '../mocks/protocol/signature-check.ts'
import type { WireRequest } from '../mocks/protocol/wire.ts'

const AT = Date.UTC(2026, 0, 15, 12, 0, 0)
const body = JSON.stringify({
  collaborationIdentifier: '11111111-2222-3333-4444-555555555555',
  queryLogStatus: 'DISABLED',
  paymentConfiguration: { queryCompute: { isResponsible: true } },
})
const credentials = { accessKeyId: 'AKIDALICE', secretAccessKey: 'alice-secret' }
const signer = new SignatureV4({ service: 'cleanrooms', region: 'eu-west-2', credentials, sha256: Sha256 })
const base: HttpRequest = {
  method: 'POST',
  protocol: 'https:',
  hostname: 'cleanrooms.eu-west-2.amazonaws.com',
  path: '/memberships',
  query: {},
  headers: {
    host: 'cleanrooms.eu-west-2.amazonaws.com',
    'content-type': 'application/json',
    'x-amz-user-agent': 'aws-sdk-js/3',
  },
  body,
}
const out = await signer.sign(base, { signingDate: new Date(AT) })
const headers: Record<string, string> = {}
for (const [k, v] of Object.entries(out.headers)) headers[k.toLowerCase()] = v
const wire: WireRequest = {
  method: 'POST',
  path: '/memberships',
  query: new URLSearchParams(),
  headers,
  body,
}
const check = createSignatureCheck({ secrets: { AKIDALICE: 'alice-secret' }, now: () => AT })
const N = 20000
for (let i = 0; i < 2000; i++) check(wire)
let t = process.hrtime.bigint()
for (let i = 0; i < N; i++) check(wire)
const sync = Number(process.hrtime.bigint() - t) / N / 1000
// The public API: re-sign a clone with the same date and signed headers, compare the Authorization header.
const signed = headers['authorization']!.match(/SignedHeaders=([^,]+)/)![1]!.split(';')
async function viaPublic(): Promise<boolean> {
  const h: Record<string, string> = {}
  for (const n of signed) h[n] = headers[n]!
  const again = await signer.sign({ ...base, headers: h }, { signingDate: new Date(AT) })
  return again.headers['authorization'] === headers['authorization']
}
if (!(await viaPublic())) console.log('public re-sign did not match')
for (let i = 0; i < 2000; i++) await viaPublic()
t = process.hrtime.bigint()
for (let i = 0; i < N; i++) await viaPublic()
const pub = Number(process.hrtime.bigint() - t) / N / 1000
console.log(
  JSON.stringify({
    syncCheckUs: +sync.toFixed(2),
    publicSignUs: +pub.toFixed(2),
    ratio: +(pub / sync).toFixed(2),
  }),
)
