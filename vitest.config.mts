import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // RuleTester suites are many small synchronous tests; threads keep memory flat.
    pool: 'threads',
  },
});
