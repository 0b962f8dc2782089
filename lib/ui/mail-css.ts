import { absoluteRemoteUrl, classifyUrl } from './mail-url';

/**
 * CSS rules of the mail reader. CSS cannot run script in a modern browser, but it can make requests
 * (url(), image-set(), @import, @font-face) and so tell the sender that the mail was opened. The CSS is
 * parsed by the browser's own CSS parser (a constructed stylesheet) and rebuilt from the rules and
 * declarations that parser understood, so escapes, comments and odd whitespace cannot hide a url() from
 * us and then reappear in the frame.
 */
export interface CssPolicy {
  /** The person asked for this message's remote content: http(s) background images may load. */
  allowRemote: boolean;
}

export interface CssResult {
  css: string;
  /**
   * Remote images removed that allowing remote content would let load. What stays blocked either way
   * (@import, fonts, cursors) is not counted: the "load remote content" button could not bring it back.
   */
  blockedRemote: number;
}

/** Functions that fetch something, or (`var`, `attr`, `src`) can build a fetched URL at run time. */
const FETCHING_FUNCTION =
  /(?:^|[^a-z0-9_-])(?:url|image-set|-webkit-image-set|image|cross-fade|element|src|paint|var|attr|expression)\(/i;
const URL_ARGUMENT = /url\(\s*(?:"([^"]*)"|'([^']*)'|([^)\s]*))\s*\)/gi;
/**
 * Properties a mail may not set: legacy script bindings; `interest-*`, which would delay or suppress the
 * destination line its links show; and `zoom`, whose effect multiplies into that line from any ancestor.
 */
const LEGACY_DANGEROUS_PROPERTY = /^(?:-moz-binding|behavior|-ms-behavior|zoom|interest(?:-[a-z-]+)?)$/i;
/** Properties that may carry an http(s) image once the person allowed remote content. */
const REMOTE_IMAGE_PROPERTIES = new Set(['background', 'background-image']);

const STYLE_RULE = 1;
const MEDIA_RULE = 4;
const SUPPORTS_RULE = 12;

/** Sanitises the text of a `<style>` element. Keeps style rules and @media/@supports groups only. */
export function sanitizeStyleSheet(css: string, policy: CssPolicy): CssResult {
  const sheet = parseSheet(css);
  if (sheet === null) return { css: '', blockedRemote: 0 };
  const counter = { blockedRemote: 0 };
  // The text goes back inside <style>, where a `</style>` in a CSS string would end the element and start
  // markup that DOMPurify never saw. `\3c ` is the CSS escape of `<`, valid in strings and selectors alike.
  const out = rebuildRules(sheet.cssRules, policy, counter).replace(/</g, '\\3c ');
  return { css: out, blockedRemote: counter.blockedRemote };
}

/** Sanitises the value of a `style` attribute. */
export function sanitizeDeclarations(declarations: string, policy: CssPolicy): CssResult {
  // The declarations are wrapped in a rule so the sheet parser reads them; only that first rule's own
  // declarations are read back, so text that closes the block early gains nothing.
  const sheet = parseSheet(`x{${declarations}}`);
  const rule = sheet?.cssRules[0];
  if (!rule || rule.type !== STYLE_RULE) return { css: '', blockedRemote: 0 };
  const counter = { blockedRemote: 0 };
  return {
    css: cleanDeclarations((rule as CSSStyleRule).style, policy, counter),
    blockedRemote: counter.blockedRemote,
  };
}

function parseSheet(css: string): CSSStyleSheet | null {
  try {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(css);
    return sheet;
  } catch {
    return null;
  }
}

function rebuildRules(rules: CSSRuleList, policy: CssPolicy, counter: { blockedRemote: number }): string {
  const parts: string[] = [];
  for (const rule of Array.from(rules)) {
    if (rule.type === STYLE_RULE) {
      const styleRule = rule as CSSStyleRule;
      const body = cleanDeclarations(styleRule.style, policy, counter);
      if (body) parts.push(`${styleRule.selectorText} { ${body} }`);
    } else if (rule.type === MEDIA_RULE || rule.type === SUPPORTS_RULE) {
      const group = rule as CSSMediaRule | CSSSupportsRule;
      const condition =
        rule.type === MEDIA_RULE
          ? `@media ${(group as CSSMediaRule).media.mediaText}`
          : `@supports ${group.conditionText}`;
      const inner = rebuildRules(group.cssRules, policy, counter);
      if (inner) parts.push(`${condition} { ${inner} }`);
    }
  }
  return parts.join('\n');
}

/** Removes the declarations the policy refuses and serialises the rest (shorthands re-compacted). */
function cleanDeclarations(
  style: CSSStyleDeclaration,
  policy: CssPolicy,
  counter: { blockedRemote: number },
): string {
  const names = Array.from({ length: style.length }, (_, i) => style.item(i));
  for (const name of names) {
    const value = style.getPropertyValue(name);
    if (declarationAllowed(name, value, policy)) continue;
    if (!policy.allowRemote && declarationAllowed(name, value, { allowRemote: true })) {
      counter.blockedRemote += urlArguments(value).length;
    }
    style.removeProperty(name);
  }
  return style.cssText.trim();
}

function declarationAllowed(name: string, value: string, policy: CssPolicy): boolean {
  if (name.startsWith('--') || LEGACY_DANGEROUS_PROPERTY.test(name)) return false;
  if (!FETCHING_FUNCTION.test(value)) return true;
  if (!policy.allowRemote || !REMOTE_IMAGE_PROPERTIES.has(name.toLowerCase())) return false;
  // Allowed only when every fetching function is a plain url() of an absolute http(s) address.
  const withoutUrls = value.replace(URL_ARGUMENT, 'none');
  if (FETCHING_FUNCTION.test(withoutUrls)) return false;
  return urlArguments(value).every((url) => classifyUrl(url) === 'remote' && absoluteRemoteUrl(url) !== null);
}

function urlArguments(value: string): string[] {
  return Array.from(value.matchAll(URL_ARGUMENT), (m) => m[1] ?? m[2] ?? m[3] ?? '');
}
