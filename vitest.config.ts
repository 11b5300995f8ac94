import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    globalSetup: ['tests/support/global-setup.ts'],
    // One embedded PostgreSQL per worker process is reused across files (it takes seconds to start);
    // every test still owns its own schema, so order never matters.
    pool: 'forks',
    isolate: false,
    testTimeout: 120_000,
    hookTimeout: 180_000,
    reporters: ['default'],
    projects: [
      {
        extends: true,
        test: { name: 'suite', include: ['tests/**/*.test.ts'], exclude: ['tests/faults/**'], maxWorkers: 2, sequence: { groupOrder: 0 } },
      },
      {
        // The fault suite kills and restarts real processes and servers and measures how long people
        // wait: it runs after everything else, one case at a time, so that no other test's load
        // stretches its figures.
        extends: true,
        test: { name: 'faults', include: ['tests/faults/**/*.test.ts'], maxWorkers: 1, sequence: { groupOrder: 1 } },
      },
    ],
  },
});
