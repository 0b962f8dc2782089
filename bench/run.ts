import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { bundleSizes } from './bundles';

/**
 * `npm run bench`: builds the shipped extension and reports every figure we track as one JSON object on
 * the last line. Each part that needs a browser or the corpus runs as its own script (its last line is
 * JSON) so one failing part is reported, not fatal. `--quick` shortens the latency run (used by CI-sized
 * checks); the figures in BENCHMARKS.md come from a full run.
 */
const quick = process.argv.includes('--quick');
const root = resolve(import.meta.dirname, '..');

function lastJson(cmd: string, args: string[], env: NodeJS.ProcessEnv = {}): unknown {
  const r = spawnSync(cmd, args, {
    cwd: root,
    env: { ...process.env, ...env },
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const lines = (r.stdout ?? '').trim().split('\n');
  process.stdout.write(
    lines
      .slice(0, -1)
      .map((l) => `  | ${l}`)
      .join('\n') + '\n',
  );
  try {
    return JSON.parse(lines.at(-1) ?? '');
  } catch {
    return { error: `${cmd} ${args.join(' ')} exited ${r.status} without a JSON line` };
  }
}

console.log('building Chrome MV3 and Firefox MV2 ...');
execFileSync('npx', ['wxt', 'build'], { cwd: root, stdio: 'ignore' });
execFileSync('npx', ['wxt', 'build', '-b', 'firefox'], { cwd: root, stdio: 'ignore' });

const figures: Record<string, unknown> = {
  bundles: bundleSizes(resolve(root, '.output/chrome-mv3')),
  bundles_firefox: bundleSizes(resolve(root, '.output/firefox-mv2')),
};
console.log('bundle sizes (bytes):', JSON.stringify(figures.bundles));

const parts: [string, string, string[]][] = [
  ['popup', 'bench/popup.ts', []],
  ['otp', 'bench/otp.ts', []],
  ['detect', 'bench/detect.ts', []],
  ['languages', 'bench/languages.ts', []],
  ['vocabulary_size', 'bench/vocabulary-size.ts', []],
  ['xss', 'bench/xss.ts', []],
  ['latency', 'bench/latency.ts', quick ? ['--quick'] : []],
  // Mail.tm hot with its realtime stream: latency, and requests per hot mailbox-hour next to TempMail.lol.
  ['mailtm', 'bench/mailtm.ts', quick ? ['--quick'] : []],
];
for (const [name, script, args] of parts) {
  if (!existsSync(resolve(root, script))) {
    figures[name] = { skipped: `${script} not present` };
    continue;
  }
  console.log(`\n== ${name}: tsx ${script} ${args.join(' ')}`);
  figures[name] = lastJson('npx', ['tsx', script, ...args]);
}

console.log(JSON.stringify(figures));
