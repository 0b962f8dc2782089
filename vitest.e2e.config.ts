import { defineConfig } from 'vitest/config';

// Real-browser journeys against the built extension (.output/) and the local Temp Mail server.
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.e2e.ts'],
    globalSetup: ['test/e2e/global-setup.ts'],
    testTimeout: 90_000,
    hookTimeout: 120_000,
    // Two files at a time: most of a journey's time is spent waiting on timers, mail and the browser.
    maxWorkers: 2,
    pool: 'forks',
  },
});
