// @vitest-environment jsdom
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isPlaceholder, readManifest } from '../../../bench/lib/mail-corpus';
import { REFUSAL_WORDS } from '../../../lib/content/refusal-words';
import { extractVerification } from '../../../lib/core/verification';
import { VOCABULARIES } from '../../../lib/vocabulary';

/**
 * Every language's fixtures under test/fixtures/languages/<lang>/ (the ones bench:languages scores), held to
 * their labels: each mail's real codes and links come back and its decoys never do; each page's
 * `refusal_text` reads as a refusal and the visible text of a page without one does not. The detector half
 * (which field gets filled) needs a real browser and runs in bench:languages.
 */
const ROOT = resolve(__dirname, '../../fixtures/languages');
const isDir = (path: string): boolean => existsSync(path) && statSync(path).isDirectory();
const languages = isDir(ROOT) ? readdirSync(ROOT).filter((lang) => isDir(join(ROOT, lang))) : [];

interface FormPage {
  file: string;
  refusal_text?: string;
}

/** What a person sees of a page: its text without scripts, styles, templates and hidden elements. */
function visibleText(html: string): string {
  const doc = new DOMParser().parseFromString(html, 'text/html');
  doc
    .querySelectorAll(
      'script, style, noscript, template, [hidden], [style*="display:none"], [style*="display: none"]',
    )
    .forEach((el) => el.remove());
  return doc.body?.textContent ?? '';
}

describe('language fixtures (test/fixtures/languages)', () => {
  it.skipIf(languages.length > 0)('none yet: nothing to check until a language adds its fixtures', () => {
    expect(languages).toEqual([]);
  });

  describe.each(languages)('%s', (lang) => {
    const mailDir = join(ROOT, lang, 'mail');
    const formsDir = join(ROOT, lang, 'forms');

    it('has mail or form fixtures, and a vocabulary file for its language', () => {
      expect(existsSync(join(mailDir, 'manifest.json')) || existsSync(join(formsDir, 'manifest.json'))).toBe(
        true,
      );
      const base = lang.split(/[-_]/)[0]!.toLowerCase();
      expect(VOCABULARIES.map((v) => v.language)).toContain(base);
    });

    const mails = existsSync(join(mailDir, 'manifest.json')) ? readManifest(mailDir) : [];
    it.each(mails.map((mail) => [mail.file, mail] as const))('mail %s', (_file, mail) => {
      const result = extractVerification({
        subject: mail.subject ?? '',
        text: mail.text,
        html: readFileSync(join(mailDir, mail.file), 'utf8'),
      });
      const realCodes = mail.verification_codes.map((c) => c.value).filter((v) => !isPlaceholder(v));
      const realLinks = mail.verification_links.map((l) => l.href).filter((v) => !isPlaceholder(v));
      if (result.code !== undefined) expect(mail.decoy_codes_not_verification).not.toContain(result.code);
      if (result.link !== undefined)
        expect(mail.decoy_links_not_verification.map((l) => l.href)).not.toContain(result.link);
      if (realCodes.length > 0) expect(realCodes).toContain(result.code);
      else expect(result.code).toBeUndefined();
      if (realLinks.length > 0) expect(realLinks).toContain(result.link);
      else expect(result.link).toBeUndefined();
    });

    const pages = existsSync(join(formsDir, 'manifest.json'))
      ? (JSON.parse(readFileSync(join(formsDir, 'manifest.json'), 'utf8')) as { pages: FormPage[] }).pages
      : [];
    it.each(pages.map((page) => [page.file, page] as const))('page %s: refusal wording', (_file, page) => {
      if (page.refusal_text !== undefined) {
        expect(REFUSAL_WORDS.test(page.refusal_text), page.refusal_text).toBe(true);
      } else {
        const text = visibleText(readFileSync(join(formsDir, page.file), 'utf8'));
        expect(text.match(REFUSAL_WORDS)?.[0], 'visible text reads as a refusal').toBeUndefined();
      }
    });
  });
});
