/**
 * Entry `cleanrooms-mock/server`: way in #3, a node:http server over the wire core, plus a control surface
 * under /__mock/ for harnesses in any language. The code is in mocks/server/ (one concern a file); this file
 * only names what the package exports.
 * Imports (enforced by biome.json, test/architecture/layers.test.ts): mocks/server/ imports node:*, its own
 * files, mocks/protocol and mocks/internal; never the mock core, the domain or msw (it serves any ServableMock).
 */

export { CONTROL_PREFIX } from './server/control.ts'
export { CONTROL_TOKEN_HEADER } from './server/control-access.ts'
export type { ServableChange, ServableMock } from './server/servable-mock.ts'
export {
  DEFAULT_HOST,
  DEFAULT_MAX_BODY_BYTES,
  DEFAULT_MAX_RESTORE_BYTES,
  DEFAULT_PORT,
  type MockServer,
  type ServerOptions,
  type ServerTimeouts,
  startServer,
} from './server/start-server.ts'
