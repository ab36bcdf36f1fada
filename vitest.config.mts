import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // The plugin suites load dist/ as a package; build it once first.
    globalSetup: ['test/global-setup.ts'],
    // RuleTester suites are many small synchronous tests; threads keep memory flat.
    pool: 'threads',
    // Many suites spawn ESLint, the benchmark or Vitest itself: seconds each, more on a
    // shared, loaded machine, where the 5 s default fails them for no fault of the code.
    testTimeout: 60_000,
    projects: [
      { extends: true, test: { name: 'unit', include: ['test/**/*.test.ts'], exclude: ['test/consumer/**'], sequence: { groupOrder: 0 } } },
      // npm pack and installs into temporary projects take the machine's cores: they run
      // after every other suite, so their load cannot time those out.
      { extends: true, test: { name: 'consumer', include: ['test/consumer/**/*.test.ts'], sequence: { groupOrder: 1 } } },
    ],
  },
});
