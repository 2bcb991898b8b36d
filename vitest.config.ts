import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// Workspace packages are imported from source so that `npm test` never waits for a build.
export default defineConfig({
  resolve: {
    alias: {
      '@tollway/core': fileURLToPath(new URL('./packages/core/src/index.ts', import.meta.url)),
      '@tollway/payments': fileURLToPath(new URL('./packages/payments/src/index.ts', import.meta.url)),
      '@tollway/proxy': fileURLToPath(new URL('./packages/proxy/src/index.ts', import.meta.url)),
      '@tollway/server': fileURLToPath(new URL('./apps/server/src/index.ts', import.meta.url)),
    },
  },
  test: {
    include: ['packages/*/src/**/*.test.ts', 'apps/*/src/**/*.test.ts', 'examples/*/**/*.test.ts'],
    exclude: ['**/node_modules/**', '**/dist/**'],
    testTimeout: 20_000,
  },
});
