import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { extractVerification, type VerificationInput } from '../../lib/core/verification';
import { isPlaceholder, readManifest } from './mail-corpus';

/**
 * The scoring of bench:otp, shared with bench:languages: runs the shipped `extractVerification` over a mail
 * folder (manifest.json in the shared corpus format) and scores every returned value. See bench/otp.ts for
 * what the figures mean.
 */

export interface Tally {
  labelled: number;
  returned: number;
  truePositives: number;
  falsePositives: number;
  decoysReturned: number;
  placeholdersSkipped: number;
}

export const emptyTally = (): Tally => ({
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

export function ratio(numerator: number, denominator: number): number {
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

export function summary(tally: Tally) {
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

/** One mail's outcome: what came back and the verdict for each kind ('ok', 'MISS', 'DECOY', 'FP' or ''). */
export interface MailRow {
  file: string;
  code?: string;
  codeVerdict: string;
  link?: string;
  linkVerdict: string;
}

export interface MailScore {
  rows: MailRow[];
  codes: Tally;
  links: Tally;
  total: Tally;
  /** Sum over mails of the first call's time (JIT and regex compilation included). */
  coldMs: number;
  /** The inputs, for warm timing passes. */
  inputs: VerificationInput[];
}

/** Scores every mail of a folder with manifest.json. */
export function scoreMailFolder(dir: string): MailScore {
  const codes = emptyTally();
  const links = emptyTally();
  const rows: MailRow[] = [];
  const inputs: VerificationInput[] = [];
  let coldMs = 0;
  for (const mail of readManifest(dir)) {
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
    rows.push({ file: mail.file, code: result.code, codeVerdict, link: result.link, linkVerdict });
  }
  const total: Tally = {
    labelled: codes.labelled + links.labelled,
    returned: codes.returned + links.returned,
    truePositives: codes.truePositives + links.truePositives,
    falsePositives: codes.falsePositives + links.falsePositives,
    decoysReturned: codes.decoysReturned + links.decoysReturned,
    placeholdersSkipped: codes.placeholdersSkipped + links.placeholdersSkipped,
  };
  return { rows, codes, links, total, coldMs, inputs };
}
