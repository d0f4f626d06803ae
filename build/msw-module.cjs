'use strict'
// CommonJS twin of mocks/internal/msw-module.ts (copied over its compiled file by build/build.mjs):
// msw is required on the first use of mock.handlers, so a consumer without msw can still load the package.
let msw
exports.loadMsw = function loadMsw() {
  if (msw !== undefined) return msw
  try {
    msw = require('msw')
  } catch (error) {
    throw new Error(
      'cleanrooms-mock: mock.handlers needs msw 2.x or 3.x, an optional peer dependency: npm install -D msw ' +
        '(the in-process requestHandler and the server need no msw)',
      { cause: error },
    )
  }
  return msw
}
