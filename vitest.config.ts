import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

// Unit tests only: pure logic and background wiring against fakeBrowser. Real-browser journeys live in
// test/e2e and run through vitest.e2e.config.ts after a build.
export default defineConfig({
  plugins: [WxtVitest()],
  test: {
    include: ['test/unit/**/*.test.{ts,tsx}', 'test/server/**/*.test.ts'],
    setupFiles: ['test/unit/setup-i18n.ts'],
    testTimeout: 20_000,
  },
});
