// @vitest-environment jsdom
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { findSignupEmailField } from '../../../lib/content/detector';

/**
 * The dev-corpus pages where bench:detect (headless Chromium) misses an expected_fill, each with why, and
 * what the detector does there now. A change that fixes or breaks one of them shows up here. Run
 * `npm run bench:detect` for the full figures; this file only pins the misses.
 */
const CORPUS = resolve(__dirname, '../../../../shared/corpus/forms/dev');
const present = existsSync(join(CORPUS, 'manifest.json'));
if (!present)
  console.warn(`Skipping the known-misses pins: no corpus at ${CORPUS} (a plain clone has none).`);

interface KnownMiss {
  page: string;
  why: string;
  /** Selector of the field the detector picks now, or null when it picks none. */
  picksNow: string | null;
}

const KNOWN_MISSES: KnownMiss[] = [
  {
    page: 'bitwarden-ttw__create_account-ambiguous.html',
    why: 'the field is `<input name="e" type="text">` with no label, placeholder or email hint at all',
    picksNow: null,
  },
  {
    page: 'ddg__printful_com_login.html',
    why: 'the signup form sits in a tab panel with the `hidden` attribute in the capture; hidden fields are never filled',
    picksNow: null,
  },
  {
    page: 'ddg__uncdb_unece_org_signup.html',
    why: 'picks "Email (Username)", which the corpus lists as ambiguous; only the "Repeat Email" box is expected_fill',
    picksNow: '#contactUser-username',
  },
];

function loadCorpusPage(file: string): void {
  const manifest = JSON.parse(readFileSync(join(CORPUS, 'manifest.json'), 'utf8')) as {
    pages: { file: string; is_fragment: boolean }[];
  };
  const entry = manifest.pages.find((p) => p.file === file);
  if (!entry) throw new Error(`${file} is not in the corpus manifest`);
  const html = readFileSync(join(CORPUS, file), 'utf8');
  // jsdom runs no page scripts and loads nothing by default; fragments are wrapped as the corpus README says.
  const doc = new DOMParser().parseFromString(
    entry.is_fragment ? `<body><div>${html.replace(/>\s+</g, '><')}</div></body>` : html,
    'text/html',
  );
  document.documentElement.replaceWith(document.importNode(doc.documentElement, true));
}

afterEach(() => {
  document.body.innerHTML = '';
});

describe.skipIf(!present)('known misses on the dev forms corpus', () => {
  it.each(KNOWN_MISSES)('$page: $why', ({ page, picksNow }) => {
    loadCorpusPage(page);
    const picked = findSignupEmailField(document)?.element ?? null;
    const expected = picksNow === null ? null : document.querySelector(picksNow);
    if (picksNow !== null) expect(expected).not.toBeNull();
    expect(picked).toBe(expected);
  });
});
