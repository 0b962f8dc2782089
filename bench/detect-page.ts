/**
 * The in-page half of bench:detect. It is bundled together with the shipped detector by esbuild and evaluated
 * inside each corpus page, so the benchmark measures exactly the code the content script runs.
 */
import { detectEmailFields, findSignupEmailField } from '../lib/content/detector';
import { collectRoots } from '../lib/content/dom-walk';

/** The corpus labels of one page, as CSS selectors. */
export interface PageLabels {
  expected: string[];
  optional: string[];
  mustNot: { selector: string; reason: string }[];
  ambiguous: string[];
}

/** What the detector chose on one page, compared with the labels. */
export interface PageResult {
  filledExpected: boolean;
  filledOptional: boolean;
  filledMustNot: string | null;
  filledAmbiguous: boolean;
  filled: string | null;
  filledKind: string | null;
  /** The detector's score for the field it filled: how certain it was. */
  filledScore: number | null;
  filledReasons: string[];
  /** For each expected_fill: what the detector made of it (kind and reasons), or why it was not seen. */
  expectedSeen: string[];
  unmatchedSelectors: string[];
  ms: number;
}

/** Runs in the page: one findSignupEmailField call, then compares the chosen element with the labels. */
export function evaluateInPage(labels: PageLabels): PageResult {
  const unmatchedSelectors: string[] = [];
  const find = (selector: string): Element | null => {
    let el: Element | null = null;
    try {
      // Selectors were made against the unwrapped page; fragments now sit in one wrapper <div> in <body>.
      el =
        document.querySelector(selector) ??
        document.querySelector(selector.replace(/^body > /, 'body > div > '));
      // Our own generalization pages also label fields inside open shadow roots and same-origin frames.
      for (const root of collectRoots(document)) el ??= root.querySelector(selector);
    } catch {
      el = null;
    }
    if (!el) unmatchedSelectors.push(selector);
    return el;
  };
  const describe = (el: Element): string => {
    const id = el.id ? `#${el.id}` : '';
    const name = el.getAttribute('name') ? `[name=${el.getAttribute('name')}]` : '';
    return `${el.localName}${id}${name}[type=${el.getAttribute('type') ?? ''}]`;
  };
  const start = performance.now();
  const chosen = findSignupEmailField(document);
  const ms = performance.now() - start;
  const element = chosen?.element ?? null;
  const is = (selector: string): boolean => element !== null && find(selector) === element;
  const expected = labels.expected.map(find);
  const all = detectEmailFields(document, { includeHidden: true });
  const expectedSeen = expected.map((el) => {
    if (!el) return 'selector-not-found';
    const seen = all.find((f) => f.element === el);
    return seen ? `${seen.kind}: ${seen.reasons.join(' ')}` : `not-email-like ${describe(el)}`;
  });
  labels.optional.forEach(find);
  labels.ambiguous.forEach(find);
  return {
    filledExpected: labels.expected.some(is),
    filledOptional: labels.optional.some(is),
    filledMustNot: labels.mustNot.find((m) => is(m.selector))?.reason ?? null,
    filledAmbiguous: labels.ambiguous.some(is),
    filled: element ? describe(element) : null,
    filledKind: chosen?.kind ?? null,
    filledScore: chosen?.score ?? null,
    filledReasons: chosen?.reasons ?? [],
    expectedSeen,
    unmatchedSelectors: [...new Set(unmatchedSelectors)],
    ms,
  };
}
