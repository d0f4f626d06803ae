import { defineConfig } from 'vitest/config'

// Pact steps: `npm run test:consumer` (writes contracts/pacts/*.json), then `npm run test:provider`.
export default defineConfig({
  test: {
    include: ['contracts/**/*.pact.test.ts', 'contracts/**/*.test.ts'],
    // One pact file is written by every consumer test file: no concurrent writers.
    fileParallelism: false,
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
})
