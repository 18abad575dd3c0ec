import { defineConfig } from 'vitest/config'

/**
 * The edge suite (`npm run test:edge`): builds the Worker, runs it in workerd against a fresh
 * PostgreSQL database and drives it over HTTP. Kept out of `npm test`, which runs in Node only.
 */
export default defineConfig({
  test: {
    include: ['test/edge/**/*.test.ts'],
    globalSetup: ['test/edge/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
})
