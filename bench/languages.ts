/**
 * bench:languages: the per-language fixtures, scored the way bench:otp and bench:detect score theirs.
 *
 *   npm run bench:languages -- [root]      (default test/fixtures/languages)
 *
 * For each `<root>/<lang>/` (named by locale id: es, pt_BR, zh_CN, ...):
 * - `mail/manifest.json` + mails (format of test/fixtures/mail): the bench:otp scoring (bench/lib/otp-score.ts),
 *   precision and recall over codes and links, decoys returned;
 * - `forms/manifest.json` + pages (format of test/fixtures/forms/probe): the bench:detect run
 *   (bench/lib/detect-run.ts), recall over pages with an expected fill and fills on must_not_fill fields;
 * - refusal: a page's `refusal_text` (the message the site shows for a disposable address) must match the
 *   shipped refusal pattern (lib/content/refusal-words.ts); the visible text of pages without one must not.
 *
 * Prints a table per language and, on the last line, JSON: `{"languages": {"<lang>": {mail, forms,
 * refusal}}}` (a part is null when the language has no such fixtures). With no fixtures it says so and
 * prints `{"languages": {}}`.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { REFUSAL_WORDS } from '../lib/content/refusal-words';
import { detectFigures, openPageRunner, readPages, type PageRun, type PageRunner } from './lib/detect-run';
import { scoreMailFolder, summary } from './lib/otp-score';

const projectRoot = resolve(import.meta.dirname, '..');

/** The refusal check over one language's pages. */
export function refusalFigures(runs: PageRun[]) {
  const withText = runs.filter((r) => r.page.refusal_text !== undefined);
  const without = runs.filter((r) => r.page.refusal_text === undefined);
  const missed = withText.filter((r) => !REFUSAL_WORDS.test(r.page.refusal_text!)).map((r) => r.file);
  const falseAlarms = without.filter((r) => REFUSAL_WORDS.test(r.visibleText ?? '')).map((r) => r.file);
  return {
    refusal_texts: withText.length,
    recognised: withText.length - missed.length,
    pages_without: without.length,
    false_alarms: falseAlarms.length,
    missed,
    false_alarm_pages: falseAlarms,
  };
}

const isDir = (path: string): boolean => existsSync(path) && statSync(path).isDirectory();
const hasManifest = (dir: string): boolean => existsSync(join(dir, 'manifest.json'));

async function main(): Promise<void> {
  const root = resolve(process.cwd(), process.argv[2] ?? join(projectRoot, 'test/fixtures/languages'));
  const languages = (isDir(root) ? readdirSync(root) : [])
    .filter((lang) => isDir(join(root, lang)))
    .filter((lang) => hasManifest(join(root, lang, 'mail')) || hasManifest(join(root, lang, 'forms')))
    .sort();
  if (languages.length === 0) {
    console.log(`bench:languages: no language fixtures in ${root}`);
    console.log(JSON.stringify({ languages: {} }));
    return;
  }

  let runner: PageRunner | undefined;
  const figures: Record<string, unknown> = {};
  const rows: string[][] = [];
  /** Per language, what went wrong, one line each. */
  const problems = new Map<string, string[]>();
  try {
    for (const lang of languages) {
      const mailDir = join(root, lang, 'mail');
      const formsDir = join(root, lang, 'forms');
      let mail = null;
      if (hasManifest(mailDir)) {
        const scored = scoreMailFolder(mailDir);
        const misses = scored.rows.filter((r) => /MISS|FP|DECOY/.test(`${r.codeVerdict} ${r.linkVerdict}`));
        mail = {
          mails: scored.rows.length,
          ...summary(scored.total),
          codes: summary(scored.codes),
          links: summary(scored.links),
          wrong: misses.map(
            (r) =>
              `${r.file}: code ${r.code ?? '-'} ${r.codeVerdict || 'ok'}, link ${r.link ?? '-'} ${r.linkVerdict || 'ok'}`,
          ),
        };
      }
      let forms = null;
      let refusal = null;
      if (hasManifest(formsDir)) {
        runner ??= await openPageRunner();
        const runs = await runner.run(formsDir, readPages(formsDir, new Set(readdirSync(formsDir))), {
          visibleText: true,
        });
        const { summary: detect, misses, badFills } = detectFigures(runs);
        const { unit: _unit, ms_per_page_median: _ms, confidence: _confidence, ...kept } = detect;
        forms = {
          ...kept,
          misses: misses.map((r) => r.file),
          bad_fills: badFills.map((r) => `${r.file}: ${r.result.filledMustNot}`),
        };
        refusal = refusalFigures(runs);
      }
      figures[lang] = { mail, forms, refusal };
      problems.set(lang, [
        ...(mail?.wrong ?? []),
        ...(forms?.misses ?? []).map((file) => `${file}: expected fill missed`),
        ...(forms?.bad_fills ?? []),
        ...(refusal?.missed ?? []).map((file) => `${file}: refusal_text not recognised`),
        ...(refusal?.false_alarm_pages ?? []).map((file) => `${file}: page text reads as a refusal`),
      ]);
      rows.push([
        lang,
        mail ? String(mail.mails) : '-',
        mail ? `${mail.codes.tp}/${mail.codes.labelled}` : '-',
        mail ? `${mail.links.tp}/${mail.links.labelled}` : '-',
        mail ? String(mail.precision) : '-',
        mail ? String(mail.recall) : '-',
        mail ? String(mail.decoysReturned) : '-',
        forms ? String(forms.pages) : '-',
        forms ? String(forms.recall) : '-',
        forms ? String(forms.login_identifier_fills + forms.must_not_fills) : '-',
        refusal ? `${refusal.recognised}/${refusal.refusal_texts}` : '-',
        refusal ? String(refusal.false_alarms) : '-',
      ]);
    }
  } finally {
    await runner?.close();
  }

  const head = ['lang', 'mails', 'codes', 'links', 'P', 'R', 'decoys', 'pages', 'recall', 'bad fills'];
  const header = [...head, 'refusal', 'false alarms'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ');
  console.log(`bench:languages on ${root}\n`);
  console.log(line(header));
  rows.forEach((r) => console.log(line(r)));
  for (const [lang, wrong] of problems) {
    if (wrong.length) console.log(`\n${lang}:\n${wrong.map((w) => `- ${w}`).join('\n')}`);
  }
  console.log(JSON.stringify({ languages: figures }));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
