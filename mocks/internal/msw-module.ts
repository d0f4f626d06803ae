/**
 * msw, an optional peer dependency: only `mock.handlers` needs it, so the in-process handler and the server
 * work without it. Loaded once when the package loads (ESM); a missing msw fails `mock.handlers`, never the import.
 * The CommonJS build replaces this file with build/msw-module.cjs, which requires msw on first use.
 */
import type * as Msw from 'msw'

const loaded: { msw: typeof Msw } | { error: unknown } = await import('msw').then(
  (msw) => ({ msw }),
  (error: unknown) => ({ error }),
)

/** msw, or an error that says what to install. */
export function loadMsw(): typeof Msw {
  if ('msw' in loaded) return loaded.msw
  throw new Error(
    'cleanrooms-mock: mock.handlers needs msw 2.x or 3.x, an optional peer dependency: npm install -D msw ' +
      '(the in-process requestHandler and the server need no msw)',
    { cause: loaded.error },
  )
}
