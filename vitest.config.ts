import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 180_000,
    pool: 'forks',
    // Hook processes the tests start judge in-process; test/agents/resident.test.ts turns the
    // resident judge on where it tests it (a test run should leave no judge behind).
    env: { FIREBREAK_RESIDENT: '0' },
  },
});
