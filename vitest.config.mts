import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // The plugin suites load dist/ as a package; build it once first.
    globalSetup: ['test/global-setup.ts'],
    // RuleTester suites are many small synchronous tests; threads keep memory flat.
    pool: 'threads',
  },
});
