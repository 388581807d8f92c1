import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // The end-to-end suites start servers and child processes: keep the 2-core machine from thrashing.
    maxWorkers: 2,
  },
});
