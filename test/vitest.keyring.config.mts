import { defineConfig } from 'vitest/config'

// Keyring suites need a real Secret Service: run them through scripts/with-keyring.sh (npm run test:keyring).
export default defineConfig({
  test: {
    root: new URL('..', import.meta.url).pathname,
    include: ['test/keyring/**/*.test.ts'],
    exclude: ['node_modules/**'],
    environment: 'node',
    pool: 'forks',
    // One keyring daemon per run: files run one after another so accounts never interleave.
    fileParallelism: false,
    testTimeout: 20_000,
    hookTimeout: 30_000
  }
})
