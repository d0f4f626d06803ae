import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vitest/config'

/** This package's own name resolves to the sources inside the repository, as tsconfig.json "paths" does. */
const SELF = {
  'cleanrooms-mock/server': 'mocks/server.ts',
  'cleanrooms-mock/contracts': 'contracts/index.ts',
  'cleanrooms-mock/fixtures': 'mocks/fixtures/index.ts',
  'cleanrooms-mock/types/2023-11-14': 'mocks/generated/2023-11-14/types.ts',
  'cleanrooms-mock/types/2026-04-17': 'mocks/generated/types.ts',
  'cleanrooms-mock/types/2026-07-27': 'mocks/generated/2026-07-27/types.ts',
  'cleanrooms-mock/types': 'mocks/generated/types.ts',
  'cleanrooms-mock': 'mocks/index.ts',
}

export default defineConfig({
  resolve: {
    alias: Object.entries(SELF).map(([name, file]) => ({
      find: new RegExp(`^${name}$`),
      replacement: fileURLToPath(new URL(file, import.meta.url)),
    })),
  },
  test: {
    include: ['test/**/*.test.ts'],
    // Pact consumer and provider steps run as separate commands, in order (see .ci/run).
    exclude: ['contracts/**', 'node_modules/**'],
    typecheck: { enabled: true, include: ['test/**/*.test-d.ts'] },
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    testTimeout: 20_000,
  },
})
