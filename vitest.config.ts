import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Pact consumer and provider steps run as separate commands, in order (see .ci/run).
    exclude: ['contracts/**', 'node_modules/**'],
    typecheck: { enabled: true, include: ['test/**/*.test-d.ts'] },
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    testTimeout: 20_000,
  },
})
