import { execFileSync } from 'node:child_process';

/** Builds the e2e variant of the extension once for the whole e2e run (see wxt.config.ts, MAYFLY_E2E). */
export default function setup(): void {
  if (process.env.MAYFLY_E2E_SKIP_BUILD === '1') return;
  const env = { ...process.env, MAYFLY_E2E: '1' };
  execFileSync('npx', ['wxt', 'build'], { stdio: 'inherit', env });
  execFileSync('npx', ['wxt', 'build', '-b', 'firefox'], { stdio: 'inherit', env });
}
