import { defineConfig } from 'vitest/config';

/**
 * The client's build lives here (root: client/) once the PWA lands; for now this file holds the test
 * projects that `npm test` runs: the domain core and the server/CLI.
 */
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'shared',
          include: ['shared/src/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'sync-server',
          include: ['sync-server/src/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['sync-server/src/testing/global-setup.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
