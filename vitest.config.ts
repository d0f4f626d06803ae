import { defineConfig } from 'vitest/config'

export default defineConfig({
  // Imports of 'cleanrooms-mock' resolve to the sources, as in tsconfig.json (package.json "source" condition).
  // Only 'source' is added: dependencies are externalized and resolved by Node with its own conditions.
  ssr: { resolve: { conditions: ['source'] } },
  test: {
    include: ['test/**/*.test.ts'],
    // Pact consumer and provider steps run as separate commands, in order (see .ci/run).
    exclude: ['contracts/**', 'node_modules/**'],
    typecheck: { enabled: true, include: ['test/**/*.test-d.ts'] },
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    testTimeout: 20_000,
  },
})
