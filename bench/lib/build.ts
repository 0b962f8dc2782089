import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';

/**
 * Builds the e2e variant of the extension (wxt.config.ts, MAYFLY_E2E=1: adds host access to 127.0.0.1 and
 * writes to .output-e2e/) and returns the unpacked extension folder. `quiet` hides WXT's output unless it fails.
 */
export function buildE2eExtension(opts: { browser?: 'chrome' | 'firefox'; quiet?: boolean } = {}): string {
  const browser = opts.browser ?? 'chrome';
  const args = ['wxt', 'build', ...(browser === 'firefox' ? ['-b', 'firefox'] : [])];
  try {
    execFileSync('npx', args, {
      stdio: opts.quiet ? 'pipe' : 'inherit',
      env: { ...process.env, MAYFLY_E2E: '1' },
    });
  } catch (error) {
    const out = (error as { stdout?: Buffer; stderr?: Buffer }).stdout?.toString() ?? '';
    const err = (error as { stderr?: Buffer }).stderr?.toString() ?? '';
    throw new Error(`MAYFLY_E2E=1 npx ${args.join(' ')} failed:\n${out}${err}`);
  }
  return resolve(browser === 'firefox' ? '.output-e2e/firefox-mv2' : '.output-e2e/chrome-mv3');
}
