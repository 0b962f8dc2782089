import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LOCALES } from '../../../lib/i18n/catalog';
import { policyBlocks, type Block, type Inline } from '../../../lib/ui/policy-text';
import { POLICY_SOURCE_SHA256 } from '../../../lib/i18n/privacy/source';

const ENGLISH = readFileSync('PRIVACY.md', 'utf8');
const translated = LOCALES.filter((locale) => locale !== 'en');

/** What a translation must keep of each block: its kind, its `code` spans (addresses) and how many bold terms. */
function shape(blocks: Block[]) {
  const ofParts = (parts: Inline[]) => ({
    code: parts.filter((p) => p.kind === 'code').map((p) => p.text),
    bold: parts.filter((p) => p.kind === 'strong').length,
  });
  return blocks.map((block) =>
    block.kind === 'ul'
      ? { kind: block.kind, items: block.items.map(ofParts) }
      : { kind: block.kind, ...ofParts(block.parts) },
  );
}

describe('the privacy policy in every shipped language', () => {
  it('was translated from the PRIVACY.md in the repository (update every translation, then the hash)', () => {
    const sha256 = createHash('sha256').update(ENGLISH).digest('hex');
    expect(sha256, 'PRIVACY.md changed since lib/i18n/privacy/ was translated').toBe(POLICY_SOURCE_SHA256);
  });

  it.each(translated)('%s keeps every heading, paragraph, list item, address and bold term', (locale) => {
    const path = `lib/i18n/privacy/${locale}.md`;
    expect(existsSync(path), `${path} is missing`).toBe(true);
    const text = readFileSync(path, 'utf8');
    expect(shape(policyBlocks(text))).toEqual(shape(policyBlocks(ENGLISH)));
    // Untranslated English prose would pass the shape check: the headings at least must differ.
    const headings = (markdown: string) =>
      policyBlocks(markdown).flatMap((b) =>
        b.kind === 'h1' || b.kind === 'h2' ? [b.parts.map((p) => p.text).join('')] : [],
      );
    const english = headings(ENGLISH);
    headings(text).forEach((heading, i) => expect(heading).not.toBe(english[i]));
  });
});
