// @vitest-environment jsdom
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { findSignupEmailField } from '../../../lib/content/detector';
import { collectRoots } from '../../../lib/content/dom-walk';

/**
 * Our own small pages, written to the patterns real sites use but never tuned against the dev corpus:
 * framework markup, multi-step signups, login+signup pages, modals, magic links, password resets, search
 * boxes, honeypots, shadow roots, iframes and signup/login wording in thirteen languages. The manifest
 * (same shape as the forms corpus, so `npm run bench:detect -- test/fixtures/forms/generalization` runs it in
 * Chromium too) says which field must be picked, or that none may be, and which fields must never be.
 */
const DIR = join(__dirname, '../../fixtures/forms/generalization');
/** Written later, after the detector was tuned, to measure it on pages it had not seen (see BENCHMARKS.md). */
const PROBE_DIR = join(__dirname, '../../fixtures/forms/probe');
/**
 * Written for issue 11 before the detector was changed for it: email boxes that do not say "email" in their
 * attributes, signup forms whose signup wording is only in the page, email-first steps on sign-in pages.
 */
const FAMILIES_DIR = join(__dirname, '../../fixtures/forms/probe-families');
/** Written after the issue 11 rules, to see them on pages they were not written for (see BENCHMARKS.md). */
const FAMILIES_2_DIR = join(__dirname, '../../fixtures/forms/probe-families-2');

interface Selector {
  selector: string;
  reason?: string;
}
interface FixturePage {
  file: string;
  is_fragment: boolean;
  note: string;
  /** The page's address, when its URL path is part of what is probed. */
  url?: string;
  expected_fill: Selector[];
  /** A fill here is acceptable but not required (a newsletter beside a login). */
  optional_fill?: Selector[];
  must_not_fill: Selector[];
}

const pagesIn = (dir: string) =>
  (JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as { pages: FixturePage[] }).pages;
const pages = pagesIn(DIR);

/**
 * Loads a page into the jsdom document. jsdom neither attaches declarative shadow roots nor renders
 * `srcdoc`, which Chromium does, so both are done here by hand to give the detector the same tree.
 */
function loadPage(page: FixturePage, dir = DIR): void {
  const html = readFileSync(join(dir, page.file), 'utf8');
  const parsed = new DOMParser().parseFromString(
    page.is_fragment ? `<body><div>${html}</div></body>` : html,
    'text/html',
  );
  document.documentElement.replaceWith(document.importNode(parsed.documentElement, true));
  // jsdom's address is http://localhost:3000/ here; only the path is probed, so only the path is set.
  history.replaceState(null, '', page.url ? new URL(page.url).pathname : '/');
  for (const template of Array.from(
    document.querySelectorAll<HTMLTemplateElement>('template[shadowrootmode]'),
  )) {
    const host = template.parentElement!;
    host.attachShadow({ mode: 'open' }).append(template.content.cloneNode(true));
    template.remove();
  }
  for (const frame of Array.from(document.querySelectorAll<HTMLIFrameElement>('iframe[srcdoc]'))) {
    frame.contentDocument!.body.innerHTML = frame.getAttribute('srcdoc')!;
  }
}

/** The element a manifest selector names, searched in the document, its shadow roots and frames. */
function resolve(selector: string): Element {
  for (const root of collectRoots(document)) {
    const found = root.querySelector(selector);
    if (found) return found;
  }
  throw new Error(`no element matches ${selector}`);
}

afterEach(() => {
  document.body.innerHTML = '';
  document.title = '';
  history.replaceState(null, '', '/');
});

describe('generalization pages (test/fixtures/forms/generalization)', () => {
  it('has at least forty pages, each with an expectation', () => {
    expect(pages.length).toBeGreaterThanOrEqual(40);
    for (const page of pages)
      expect(page.expected_fill.length + page.must_not_fill.length).toBeGreaterThan(0);
  });

  it.each(pages)('$file: $note', (page) => expectRightPick(page));
});

/**
 * The detector picks an expected field (or none, or an optional one, where none is expected), and never a
 * forbidden one.
 */
function expectRightPick(page: FixturePage, dir = DIR): void {
  loadPage(page, dir);
  const expected = page.expected_fill.map((f) => resolve(f.selector));
  const forbidden = page.must_not_fill.map((f) => ({ element: resolve(f.selector), reason: f.reason }));
  const picked = findSignupEmailField(document)?.element ?? null;
  const pickedForbidden = forbidden.find((f) => f.element === picked)?.reason ?? null;
  expect(pickedForbidden).toBeNull();
  const optional = (page.optional_fill ?? []).map((f) => resolve(f.selector));
  if (expected.length) expect(expected).toContain(picked);
  else if (!optional.includes(picked!)) expect(picked).toBeNull();
}

describe('probe pages (test/fixtures/forms/probe)', () => {
  it.each(pagesIn(PROBE_DIR))('$file: $note', (page) => expectRightPick(page, PROBE_DIR));
});

describe('issue 11 probe pages (test/fixtures/forms/probe-families)', () => {
  it.each(pagesIn(FAMILIES_DIR))('$file: $note', (page) => expectRightPick(page, FAMILIES_DIR));
});

describe('pages written after the issue 11 rules (test/fixtures/forms/probe-families-2)', () => {
  it.each(pagesIn(FAMILIES_2_DIR))('$file: $note', (page) => expectRightPick(page, FAMILIES_2_DIR));
});
