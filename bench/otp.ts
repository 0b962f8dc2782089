/**
 * Benchmark for verification code/link extraction: `npm run bench:otp -- <dir>`.
 *
 * <dir> holds manifest.json plus the HTML files it names, in the format of the shared mail corpus
 * (`verification_codes`, `verification_links`, `decoy_codes_not_verification`, `decoy_links_not_verification`;
 * optional `subject` and `text` per mail). Without an argument it uses ../shared/corpus/mail/dev next to the
 * project root, and exits 0 with a "skipped" message when that folder is absent.
 *
 * It runs the same `extractVerification` the extension ships and scores every returned value:
 * - true positive (TP): the returned code equals a labelled verification code, or the returned link equals a
 *   labelled verification link href;
 * - false positive (FP): anything else that was returned (a labelled decoy, or any value the labels do not
 *   name as verification). Decoy hits are also counted on their own;
 * - labelled = real labelled codes + links. Template placeholders (`{{Token}}`, `{{ .LinkURL }}`, `#`) are
 *   not real values, so they are left out of `labelled` and listed as skipped;
 * - precision = TP / (TP + FP), and 1 when nothing was returned (no wrong answer was given);
 * - recall = TP / labelled, and 1 when nothing is labelled.
 * Figures are reported for codes, for links, and for both together. The last line printed is JSON.
 * Timing: `msPerMailCold` is the first call per mail (includes JIT and regex compilation), `msPerMailWarm` the
 * mean over WARM_ROUNDS further passes.
 */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { extractVerification } from '../lib/core/verification';
import { scoreMailFolder, summary } from './lib/otp-score';

const WARM_ROUNDS = 20;

function cell(value: string, width: number): string {
  const flat = value.replace(/\s+/g, ' ');
  return (flat.length > width ? `${flat.slice(0, width - 1)}…` : flat).padEnd(width);
}

function main(): void {
  const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
  const argument = process.argv[2];
  const dir = argument ? resolve(process.cwd(), argument) : resolve(projectRoot, '../shared/corpus/mail/dev');
  if (!existsSync(join(dir, 'manifest.json'))) {
    if (argument) {
      console.error(`bench:otp: no manifest.json in ${dir}`);
      process.exit(1);
    }
    console.log(`bench:otp: corpus not found at ${dir}, skipped`);
    return;
  }

  const { rows, codes, links, total, coldMs, inputs } = scoreMailFolder(dir);

  console.log(`bench:otp on ${dir}\n`);
  console.log(`${cell('mail', 44)} ${cell('code', 12)} ${cell('', 6)} ${cell('link', 48)} verdict`);
  for (const row of rows) {
    console.log(
      `${cell(row.file, 44)} ${cell(row.code ?? '-', 12)} ${cell(row.codeVerdict, 6)} ` +
        `${cell(row.link ?? '-', 48)} ${row.linkVerdict}`,
    );
  }

  const warmStarted = performance.now();
  for (let round = 0; round < WARM_ROUNDS; round++) for (const input of inputs) extractVerification(input);
  const warmMsPerMail = (performance.now() - warmStarted) / (WARM_ROUNDS * Math.max(1, inputs.length));

  const all = summary(total);
  const mails = rows.length;
  console.log(
    `\n${mails} mails: precision ${all.precision}, recall ${all.recall} ` +
      `(codes ${codes.truePositives}/${codes.labelled}, links ${links.truePositives}/${links.labelled}; ` +
      `${all.fp} false positives, ${all.decoysReturned} decoys returned, ` +
      `${all.placeholdersSkipped} placeholder labels skipped); ` +
      `${warmMsPerMail.toFixed(3)} ms per mail warm, ${(coldMs / Math.max(1, mails)).toFixed(2)} ms cold`,
  );
  console.log(
    JSON.stringify({
      mails,
      precision: all.precision,
      recall: all.recall,
      tp: all.tp,
      fp: all.fp,
      labelled: all.labelled,
      decoysReturned: all.decoysReturned,
      placeholdersSkipped: all.placeholdersSkipped,
      codes: summary(codes),
      links: summary(links),
      msPerMailWarm: Math.round(warmMsPerMail * 1000) / 1000,
      msPerMailCold: Math.round((coldMs / Math.max(1, mails)) * 1000) / 1000,
    }),
  );
}

main();
