import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

// Two projects: the extension's unit tests (pure logic and background wiring against fakeBrowser) and the
// local Temp Mail server's own tests (real sockets, its own clock). Real-browser journeys live in test/e2e
// and run through vitest.e2e.config.ts after a build.
export default defineConfig({
  test: {
    projects: [
      {
        plugins: [WxtVitest()],
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.{ts,tsx}'],
          setupFiles: ['test/unit/setup-i18n.ts'],
          testTimeout: 20_000,
        },
      },
      {
        test: {
          name: 'server',
          include: ['test/server/**/*.test.ts'],
          testTimeout: 20_000,
        },
      },
    ],
  },
});
