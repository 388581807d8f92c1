import { defineConfig } from 'vitest/config';

/**
 * Files that start servers, child processes or a fake Discord run isolated, each in a fresh worker. The
 * rest only call pure functions over the dataset: they share their workers' module cache (isolate: false),
 * which spares each of them re-importing the dataset, search and locales (about a third of their time).
 */
const PROCESS_TESTS = [
  'tests/bench-smoke.test.ts',
  'tests/config-faults.test.ts',
  'tests/console.test.ts',
  'tests/data-validation.test.ts',
  'tests/gateway-burst.test.ts',
  'tests/gateway-faults.test.ts',
  'tests/gateway-process.test.ts',
  'tests/gateway-stop.test.ts',
  'tests/gateway.test.ts',
  'tests/http-cluster.test.ts',
  'tests/http-limits.test.ts',
  'tests/http-redis.test.ts',
  'tests/http.test.ts',
  'tests/install-output.test.ts',
  'tests/launch-build.test.ts',
  'tests/launch-signals.test.ts',
  'tests/layers.test.ts',
  'tests/tooling.test.ts',
];

const shared = { testTimeout: 30_000, hookTimeout: 30_000 };

export default defineConfig({
  test: {
    // The end-to-end suites start servers and child processes: keep the 2-core machine from thrashing.
    maxWorkers: 2,
    projects: [
      { test: { ...shared, name: 'process', include: PROCESS_TESTS } },
      { test: { ...shared, name: 'unit', include: ['tests/**/*.test.ts'], exclude: PROCESS_TESTS, isolate: false } },
    ],
  },
});
