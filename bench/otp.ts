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
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { extractVerification } from '../lib/core/verification';
import { isPlaceholder, readManifest } from './lib/mail-corpus';

const WARM_ROUNDS = 20;

interface Tally {
  labelled: number;
  returned: number;
  truePositives: number;
  falsePositives: number;
  decoysReturned: number;
  placeholdersSkipped: number;
}

const emptyTally = (): Tally => ({
  labelled: 0,
  returned: 0,
  truePositives: 0,
  falsePositives: 0,
  decoysReturned: 0,
  placeholdersSkipped: 0,
});

function sameHref(a: string, b: string): boolean {
  const normalise = (href: string) => href.trim().replace(/&amp;/g, '&');
  return normalise(a) === normalise(b);
}

function ratio(numerator: number, denominator: number): number {
  return denominator === 0 ? 1 : Math.round((numerator / denominator) * 1000) / 1000;
}

/** Scores one returned value (or none) against the labels of one kind; returns the verdict shown in the table. */
function score(
  tally: Tally,
  returned: string | undefined,
  labels: string[],
  decoys: string[],
  equal: (a: string, b: string) => boolean,
): string {
  const real = labels.filter((label) => !isPlaceholder(label));
  tally.labelled += real.length;
  tally.placeholdersSkipped += labels.length - real.length;
  if (returned === undefined) return real.length > 0 ? 'MISS' : '';
  tally.returned += 1;
  if (real.some((label) => equal(label, returned))) {
    tally.truePositives += 1;
    return 'ok';
  }
  tally.falsePositives += 1;
  if (decoys.some((decoy) => equal(decoy, returned))) {
    tally.decoysReturned += 1;
    return 'DECOY';
  }
  return 'FP';
}

function summary(tally: Tally) {
  return {
    labelled: tally.labelled,
    returned: tally.returned,
    tp: tally.truePositives,
    fp: tally.falsePositives,
    decoysReturned: tally.decoysReturned,
    placeholdersSkipped: tally.placeholdersSkipped,
    precision: ratio(tally.truePositives, tally.returned),
    recall: ratio(tally.truePositives, tally.labelled),
  };
}

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

  const manifestMails = readManifest(dir);
  const codes = emptyTally();
  const links = emptyTally();
  /** First call per mail, including JIT warm-up; then WARM_ROUNDS more passes over all mails for a steady figure. */
  let coldMs = 0;
  const inputs: Parameters<typeof extractVerification>[0][] = [];

  console.log(`bench:otp on ${dir}\n`);
  console.log(`${cell('mail', 44)} ${cell('code', 12)} ${cell('', 6)} ${cell('link', 48)} verdict`);
  for (const mail of manifestMails) {
    const html = readFileSync(join(dir, mail.file), 'utf8');
    const input = { subject: mail.subject ?? '', text: mail.text, html };
    const started = performance.now();
    const result = extractVerification(input);
    coldMs += performance.now() - started;
    inputs.push(input);

    const codeVerdict = score(
      codes,
      result.code,
      mail.verification_codes.map((c) => c.value),
      mail.decoy_codes_not_verification,
      (a, b) => a === b,
    );
    const linkVerdict = score(
      links,
      result.link,
      mail.verification_links.map((l) => l.href),
      mail.decoy_links_not_verification.map((l) => l.href),
      sameHref,
    );
    console.log(
      `${cell(mail.file, 44)} ${cell(result.code ?? '-', 12)} ${cell(codeVerdict, 6)} ` +
        `${cell(result.link ?? '-', 48)} ${linkVerdict}`,
    );
  }

  const warmStarted = performance.now();
  for (let round = 0; round < WARM_ROUNDS; round++) for (const input of inputs) extractVerification(input);
  const warmMsPerMail = (performance.now() - warmStarted) / (WARM_ROUNDS * Math.max(1, inputs.length));

  const total: Tally = {
    labelled: codes.labelled + links.labelled,
    returned: codes.returned + links.returned,
    truePositives: codes.truePositives + links.truePositives,
    falsePositives: codes.falsePositives + links.falsePositives,
    decoysReturned: codes.decoysReturned + links.decoysReturned,
    placeholdersSkipped: codes.placeholdersSkipped + links.placeholdersSkipped,
  };
  const all = summary(total);
  const mails = manifestMails.length;
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
