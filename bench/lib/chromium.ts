import { launchExtension, type ExtensionSession, type LaunchOptions } from '../../test/e2e/harness';

/**
 * Debian Chromium with the built extension, headed or headless (the demo wants a window when there is a
 * display). One launcher for tests, benchmarks and the demo: this only names the options they use.
 */
export function launchChromiumWithExtension(
  opts: Required<Pick<LaunchOptions, 'headless'>> & Omit<LaunchOptions, 'headless'>,
): Promise<ExtensionSession> {
  return launchExtension(opts);
}
