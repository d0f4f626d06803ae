/** Server layer (node only): who may use the `/__mock/` control surface (Host, Origin, token). */
import { timingSafeEqual } from 'node:crypto'
import type { IncomingMessage } from 'node:http'
import { type AddressInfo, isIP } from 'node:net'

import { ProtocolError } from '../protocol/protocol-errors.ts'

/** The header that carries `controlToken`. */
export const CONTROL_TOKEN_HEADER = 'x-cleanrooms-mock-token'

/** The context of the server listening at `address` (asked for as `host`), with its token if any. */
export function createControlContext(
  host: string,
  address: AddressInfo,
  token: string | undefined,
): ControlContext {
  return {
    hosts: allowedHosts(host, address),
    anyAddress: isWildcard(address.address),
    port: address.port,
    token,
  }
}

/** Who may use the control surface: the Host values that name this server, and the token if one is set. */
export interface ControlContext {
  /** `host:port` values (lower case) that name the listening address. */
  hosts: ReadonlySet<string>
  /** Listening on every address (0.0.0.0, ::): any IP literal with our port names us, a DNS name does not. */
  anyAddress: boolean
  port: number
  token: string | undefined
}

const LOOPBACK_NAMES = ['127.0.0.1', 'localhost', '[::1]']

function isWildcard(address: string): boolean {
  return address === '0.0.0.0' || address === '::'
}

function allowedHosts(host: string, address: AddressInfo): Set<string> {
  const port = address.port
  const names = new Set<string>([host.includes(':') && !host.startsWith('[') ? `[${host}]` : host])
  names.add(address.family === 'IPv6' ? `[${address.address}]` : address.address)
  if ([...names].some((name) => LOOPBACK_NAMES.includes(name) || name === '::1')) {
    for (const name of LOOPBACK_NAMES) names.add(name)
  }
  const hosts = new Set<string>()
  for (const name of names) {
    hosts.add(`${name.toLowerCase()}:${port}`)
    if (port === 80) hosts.add(name.toLowerCase())
  }
  return hosts
}

/**
 * A web page can send requests to any address, and since DNS rebinding even make them same-site: so the
 * control surface refuses a Host that does not name this server (a rebinding page sends its own name), any
 * Origin but this server's own (every cross-site fetch carries one, preflights included), and, with a token
 * set, a request without it.
 * @throws ProtocolError ForbiddenException (403)
 */
export function checkControlAccess(req: IncomingMessage, control: ControlContext): void {
  const host = (req.headers.host ?? '').toLowerCase()
  if (!namesThisServer(host, control)) {
    throw new ProtocolError(
      'ForbiddenException',
      `The control surface answers only requests addressed to this server by its listening address ` +
        `(Host ${[...control.hosts].join(' or ')}), not Host '${req.headers.host ?? ''}': a page reaching it through ` +
        'another name (DNS rebinding) is refused',
    )
  }
  const origin = req.headers.origin
  if (
    origin !== undefined &&
    !(origin.toLowerCase().startsWith('http://') && namesThisServer(origin.slice(7).toLowerCase(), control))
  ) {
    throw new ProtocolError(
      'ForbiddenException',
      `The control surface is not for web pages: a request from Origin ${origin} is refused (call it from a test harness, not a browser)`,
    )
  }
  if (control.token !== undefined && !sameToken(req.headers[CONTROL_TOKEN_HEADER], control.token)) {
    throw new ProtocolError(
      'ForbiddenException',
      `The control surface needs the control token in the ${CONTROL_TOKEN_HEADER} header (the server was started with one)`,
    )
  }
}

function namesThisServer(host: string, control: ControlContext): boolean {
  if (control.hosts.has(host)) return true
  if (!control.anyAddress) return false
  // Listening everywhere: any IP literal of this port (the machine's addresses), never a DNS name.
  const portAt = host.lastIndexOf(':')
  if (portAt === -1 || host.slice(portAt + 1) !== String(control.port)) return false
  const name = host.slice(0, portAt).replace(/^\[(.*)\]$/, '$1')
  return isIP(name) !== 0 || name === 'localhost'
}

function sameToken(sent: string | string[] | undefined, token: string): boolean {
  if (typeof sent !== 'string') return false
  const a = Buffer.from(sent)
  const b = Buffer.from(token)
  return a.length === b.length && timingSafeEqual(a, b)
}
