import { collectRoots, DEFAULT_WALK_LIMITS, type SearchRoot, type WalkLimits } from './dom-walk';
import {
  EMAIL_WORDS,
  OTHER_IDENTIFIER_WORDS,
  SEARCH_WORDS,
  SEARCH_NAMES,
  CONFIRM_WORDS,
  SIGNUP_WORDS,
  LOGIN_WORDS,
  FORGOT_WORDS,
  REMEMBER_WORDS,
  TERMS_WORDS,
  NEWSLETTER_WORDS,
  CHECKOUT_WORDS,
  HAVE_ACCOUNT_WORDS,
  NO_ACCOUNT_WORDS,
  PASSWORD_RULE_WORDS,
  NEW_PASSWORD_WORDS,
  ABOUT_EMAIL_WORDS,
  ADDRESS_HINT,
  MAIL_NAME,
  CONTACT_WORDS,
  DECOY_NAMES,
  SOCIAL_BUTTON,
  IDENTIFIER_SEPARATOR,
  NAME_HINTS,
  PHONE_HINTS,
  CARD_AUTOCOMPLETE,
  ADDRESS_AUTOCOMPLETE,
  LOOKUP_WORDS,
} from './detector-vocabulary';

/**
 * Signup-email field detection: a pure function over a DOM root. It finds the email inputs of a page and
 * tells a signup / newsletter / checkout email field (where a disposable address belongs) from a login
 * identifier, a search box, a password, or a hidden honeypot. No layout is forced except for visibility
 * checks on the few candidates, so it stays cheap on huge pages and also runs in jsdom.
 */

export type EmailFieldKind = 'signup' | 'newsletter' | 'checkout' | 'login' | 'other';

export interface DetectedField {
  element: HTMLInputElement;
  kind: EmailFieldKind;
  /** Higher is more certain that this is an email field of the given kind. */
  score: number;
  /** Short machine-readable notes on why, for debugging and the benchmark's miss table. */
  reasons: string[];
}

export interface DetectOptions {
  /** Inputs examined per call; the rest of a huge page is ignored. */
  maxInputs?: number;
  /** Keep hidden, disabled and read-only fields in the result (marked in `reasons`). */
  includeHidden?: boolean;
  walk?: WalkLimits;
}

/**
 * Notes in `reasons` that only explain a decision (signals, scores, page context) are written in tests and the
 * benchmark, not in the shipped scripts, which keep only the notes other code reads ('confirm', 'own-email').
 * Outside a build (vitest, tsx) `import.meta.env` may be missing, hence `?.`.
 */
const NOTES = import.meta.env?.COMMAND !== 'build';

/** Kinds where a disposable address may be filled, least preferred first. */
export const FILLABLE_KINDS: readonly EmailFieldKind[] = ['newsletter', 'checkout', 'signup'];

const DEFAULT_MAX_INPUTS = 400;
/** Below this an input is not considered an email field at all. */
const MIN_EMAIL_EVIDENCE = 2;

/** Marks a contact or lookup form in `reasons`: an email there is the person's own, not a signup. */
const OWN_EMAIL_REASON = 'own-email';

const TEXTLIKE_TYPES = new Set(['', 'text', 'email']);
const MAX_TEXT = 2000;

/** One text snippet per signal source; word lists are tested against them separately. */
interface ContextText {
  /** The form's submit button(s): the strongest wording signal. */
  submit: string;
  buttons: string;
  headings: string;
  links: string;
  boxes: string;
  rest: string;
}

/** What the container around an email field says about its purpose. */
interface FormContext {
  kind: EmailFieldKind;
  confidence: number;
  reasons: string[];
  /** Read as login only because of one password: no login wording, no current-password. */
  weak?: boolean;
}

function clean(text: string | null | undefined): string {
  return (text ?? '').replace(/\s+/g, ' ').trim().slice(0, MAX_TEXT);
}

function attr(el: Element, name: string): string {
  return el.getAttribute(name) ?? '';
}

function rootOf(el: Element): Document | ShadowRoot {
  const node = el.getRootNode();
  return node.nodeType === 9 || node.nodeType === 11 ? (node as Document | ShadowRoot) : el.ownerDocument;
}

/** The text of the elements an id-list attribute points at (`aria-labelledby`, `aria-describedby`). */
function idsText(input: Element, name: string): string {
  const root = rootOf(input);
  return attr(input, name)
    .split(/\s+/)
    .map((id) => (id && root.getElementById(id)?.textContent) || '')
    .join(' ');
}

/** The text of the first `limit` matches of `selector` under `root`, each read through `of`. */
function textsOf(
  root: ParentNode,
  selector: string,
  limit: number,
  of: (e: Element) => string | null | undefined = (e) => e.textContent,
): string {
  return Array.from(root.querySelectorAll(selector))
    .slice(0, limit)
    .map((e) => clean(of(e)))
    .join(' | ');
}

/**
 * The visible text that names a field: its labels (`for` or wrapping), aria naming and title, else the short
 * text just before it (a label `<div>`); then its placeholder, which never stands in for the label.
 */
function fieldLabelText(input: HTMLInputElement): string {
  const labels = Array.from(input.labels ?? []).map((l) => l.textContent);
  const named = clean(
    `${labels.join(' ')} ${idsText(input, 'aria-labelledby')} ${attr(input, 'aria-label')} ${attr(input, 'title')}`,
  );
  return clean(`${named || nearbyText(input)} ${attr(input, 'placeholder')}`);
}

/** For fields without a label: the short text just before the field or its wrappers. */
function nearbyText(input: Element): string {
  let node: Element | null = input;
  for (let depth = 0; node && depth < 3; depth++, node = node.parentElement) {
    const before = node.previousElementSibling;
    if (before && !before.querySelector('input,select,textarea')) {
      const text = clean(before.textContent);
      if (text && text.length <= 80) return text;
    }
  }
  return '';
}

/** Attribute text written by developers: name, id, class, autocomplete. */
function fieldCodeText(input: HTMLInputElement): string {
  return [attr(input, 'name'), input.id, attr(input, 'class'), attr(input, 'autocomplete')].join(' ');
}

/**
 * Why a field cannot be seen or used, or null when it can. Catches display:none / visibility / opacity on
 * the field or any ancestor, [hidden], aria-hidden, inert, disabled/read-only, decoy names, zero-size and
 * off-screen honeypots. Styles are read the same way with or without layout, so jsdom and a browser agree;
 * only the size and position checks need layout and fall back to computed sizes without it (jsdom).
 */
export function hiddenReason(input: HTMLInputElement): string | null {
  if (input.disabled) return 'disabled';
  if (input.readOnly) return 'readonly';
  if (input.closest('[hidden],[aria-hidden="true"],[inert]')) return 'hidden';
  if (DECOY_NAMES.test(`${attr(input, 'name')} ${input.id} ${attr(input, 'data-description')}`))
    return 'decoy';
  const win = input.ownerDocument.defaultView;
  if (!win) return null;
  const style = win.getComputedStyle(input);
  if (style.visibility === 'hidden') return 'css';
  for (let el: Element | null = input, depth = 0; el; el = el.parentElement, depth++) {
    const s = el === input ? style : win.getComputedStyle(el);
    if (s.display === 'none' || s.opacity === '0') return 'css';
    // Honeypots are often pushed far off-screen with positioning on the field or a near wrapper.
    const positioned = s.position === 'absolute' || s.position === 'fixed';
    if (depth < 4 && positioned && (parseFloat(s.left) <= -500 || parseFloat(s.top) <= -500)) return 'off';
  }
  const html = input.ownerDocument.documentElement;
  if (html.getBoundingClientRect().width > 0 || html.clientWidth > 0) {
    const rect = input.getBoundingClientRect();
    if (rect.width < 4 || rect.height < 4) return 'tiny';
    if (rect.right + win.scrollX <= 0 || rect.bottom + win.scrollY <= 0) return 'off';
  } else if (/^[01]px$/.test(style.width) || /^[01]px$/.test(style.height)) return 'tiny';
  return null;
}

function isSearchField(input: HTMLInputElement, label: string): boolean {
  if (input.type === 'search' || attr(input, 'role') === 'searchbox') return true;
  if (input.closest('[role="search"],search')) return true;
  if (SEARCH_NAMES.test(attr(input, 'name')) || SEARCH_NAMES.test(input.id)) return true;
  return SEARCH_WORDS.test(label) && !EMAIL_WORDS.test(label);
}

/**
 * How strongly the field itself says "email address". Signals, in the order their index is noted in
 * `reasons` (`ev023` = type, label, name): 0 `type=email` and 1 `autocomplete=email` (3 each); 2 an email word
 * in its label or 3 in its names (2 each); then hints worth 1 each, which count only together: 4
 * `inputmode=email`, 5 an address `pattern` or example placeholder, 6 a description (`aria-describedby`)
 * about an email, 7 a short `mail` name; 8 a field about an email ("email subject", "verification code"),
 * whose name is split into words first (at capitals and underscores), so that
 * `PersonalInformation.EmailAddress` is not about a format but `email_verification[code_given]` is about a code.
 */
function emailEvidence(input: HTMLInputElement, label: string, code: string, reasons: string[]): number {
  const described = idsText(input, 'aria-describedby');
  const notTyped = input.type !== 'email';
  const signals: [number, boolean][] = [
    [3, !notTyped],
    [3, /\bemail\b/i.test(attr(input, 'autocomplete'))],
    [2, EMAIL_WORDS.test(label)],
    [2, EMAIL_WORDS.test(code)],
    [1, attr(input, 'inputmode') === 'email'],
    [1, ADDRESS_HINT.test(attr(input, 'pattern') + attr(input, 'placeholder'))],
    [1, EMAIL_WORDS.test(described) || ADDRESS_HINT.test(described)],
    [1, MAIL_NAME.test(`${attr(input, 'name')} ${input.id}`)],
    [
      -3,
      notTyped &&
        ABOUT_EMAIL_WORDS.test(`${label} ${attr(input, 'name').replace(/([a-z])(?=[A-Z])|_/g, '$1 ')}`),
    ],
  ];
  if (NOTES) reasons.push(`ev${signals.map(([, on], i) => (on ? i : '')).join('')}`);
  return signals.reduce((score, [weight, on]) => (on ? score + weight : score), 0);
}

function isTextLike(input: HTMLInputElement): boolean {
  return TEXTLIKE_TYPES.has(attr(input, 'type').toLowerCase());
}

function usableInputs(container: Element): HTMLInputElement[] {
  return Array.from(container.querySelectorAll<HTMLInputElement>('input')).filter(
    (i) => !['hidden', 'submit', 'button', 'image', 'reset'].includes(i.type),
  );
}

/**
 * The element that stands for the field's form: its <form>, unless that form wraps a whole page (many
 * inputs), in which case the nearest ancestor that holds a button or a password, within the form.
 */
function formContainer(input: HTMLInputElement): Element {
  const form = input.form ?? input.closest('form');
  if (form && usableInputs(form).length <= 14) return form;
  let best: Element = input.parentElement ?? input;
  for (
    let el: Element | null = input.parentElement, depth = 0;
    el && depth < 10;
    el = el.parentElement, depth++
  ) {
    if (usableInputs(el).length > 14) break;
    best = el;
    if (el === form) break;
    if (el.querySelector('button,input[type=submit],input[type=image],input[type=password],[role=button]'))
      break;
  }
  return best;
}

function collectText(container: Element): ContextText {
  const textOf = (n: Element): string =>
    n.localName === 'input' ? attr(n, 'value') || attr(n, 'alt') : clean(n.textContent);
  const pick = (selector: string, limit: number): string => textsOf(container, selector, limit, textOf);
  const buttons = [
    ...Array.from(
      container.querySelectorAll(
        'button,input[type=submit],input[type=button],input[type=image],[role=button],a[class*=btn],a[class*=button]',
      ),
    ).slice(0, 16),
    // A form's own submit button may sit outside it (`<button form="signup">` in a modal footer).
    ...Array.from((container as HTMLFormElement).elements ?? []).filter(
      (e) => e.localName === 'button' && !container.contains(e),
    ),
  ].filter((b) => !SOCIAL_BUTTON.test(textOf(b)));
  const isPrimary = (b: Element): boolean =>
    (b.localName === 'button' && (attr(b, 'type') || 'submit') === 'submit') ||
    (b.localName === 'input' && ['submit', 'image'].includes(attr(b, 'type')));
  const primary = buttons.filter(isPrimary);
  const checkboxLabels = Array.from(container.querySelectorAll<HTMLInputElement>('input[type=checkbox]'))
    .slice(0, 8)
    .map((box) => fieldLabelText(box) || clean(box.parentElement?.textContent))
    .join(' | ');
  const containerAttrs = ['id', 'name', 'class', 'action', 'data-testid']
    .map((a) => attr(container, a))
    .join(' ');
  return {
    submit: clean(primary.map(textOf).join(' | ')),
    buttons: clean(
      buttons
        .filter((b) => !isPrimary(b))
        .map(textOf)
        .join(' | '),
    ),
    headings: clean(
      [
        pick('h1,h2,h3,h4,legend,[role=heading],[class*=title],[class*=heading]', 6),
        precedingHeading(container),
        containerAttrs,
      ].join(' | '),
    ),
    links: pick('a', 20),
    boxes: clean(checkboxLabels),
    rest: clean(container.textContent),
  };
}

/**
 * A heading shortly before the container (e.g. "Create your account" above a form without one), including
 * the title `<div>` of a card or dialog that frameworks use instead of a heading tag.
 */
function precedingHeading(container: Element): string {
  let node: Element | null = container;
  for (let depth = 0; node && depth < 4; depth++, node = node.parentElement) {
    for (let sib = node.previousElementSibling, n = 0; sib && n < 3; sib = sib.previousElementSibling, n++) {
      const heading = sib.matches('h1,h2,h3,h4,h5,legend,[class*=title],[class*=card-header]')
        ? sib
        : sib.querySelector('h1,h2,h3');
      if (heading) return clean(heading.textContent).slice(0, 120);
    }
  }
  return '';
}

function isNewPassword(password: HTMLInputElement): boolean {
  if (/new-password/.test(attr(password, 'autocomplete'))) return true;
  return NEW_PASSWORD_WORDS.test(`${fieldLabelText(password)} ${attr(password, 'name')} ${password.id}`);
}

/**
 * Classifies the container of an email field. Structure (password count, new-password, identity and card
 * fields) weighs most; then the submit button's wording, headings, and phrases such as "Already have an
 * account?". Links count little and inversely: a "Sign up" link sits under a login form, and vice versa.
 */
function classifyContainer(container: Element, emailField: HTMLInputElement): FormContext {
  const reasons: string[] = [];
  const inputs = usableInputs(container);
  const passwords = inputs.filter((i) => i.type === 'password' && hiddenReason(i) === null);
  const newPassword = passwords.some(isNewPassword);
  const currentPassword = passwords.some((p) => /current-password/.test(attr(p, 'autocomplete')));
  const others = inputs.filter((i) => i !== emailField && i.type !== 'password' && hiddenReason(i) === null);
  const otherText = others.map((i) => `${fieldCodeText(i)} ${fieldLabelText(i)}`);
  const identityFields = otherText.filter((t) => NAME_HINTS.test(t) || PHONE_HINTS.test(t)).length;
  const cardFields = others.filter((i) => CARD_AUTOCOMPLETE.test(attr(i, 'autocomplete'))).length;
  const addressFields = others.filter((i) => ADDRESS_AUTOCOMPLETE.test(attr(i, 'autocomplete'))).length;
  const textFields = others.filter(isTextLike).length;
  const hasMessageBox = container.querySelector('textarea') !== null;

  const text = collectText(container);
  const has = (re: RegExp, s: string): number => (re.test(s) ? 1 : 0);
  const wording = (re: RegExp): number =>
    4 * has(re, text.submit) + 1.5 * has(re, text.buttons) + 2 * has(re, text.headings);
  let signup =
    wording(SIGNUP_WORDS) +
    2.5 * has(TERMS_WORDS, text.boxes) +
    3 * has(HAVE_ACCOUNT_WORDS, text.rest) +
    // "New customer?" as the form's own heading introduces it to people without an account.
    3 * has(NO_ACCOUNT_WORDS, text.headings) +
    0.5 * has(LOGIN_WORDS, text.links);
  let login =
    wording(LOGIN_WORDS) +
    2 * has(FORGOT_WORDS, `${text.headings} ${text.rest}`) +
    2 * has(REMEMBER_WORDS, text.rest) +
    3 * has(NO_ACCOUNT_WORDS, text.rest) * (1 - has(NO_ACCOUNT_WORDS, text.headings)) +
    0.5 * has(SIGNUP_WORDS, text.links);
  const newsletter = wording(NEWSLETTER_WORDS) + has(NEWSLETTER_WORDS, text.rest);
  const checkout = wording(CHECKOUT_WORDS) + 2 * Math.min(cardFields, 1) + Math.min(addressFields, 1);

  // Login forms ask for an identifier and a password, not for names and addresses.
  if (passwords.length === 0 && identityFields >= 2) login = 0;

  if (passwords.length >= 2 || newPassword) {
    signup += 6 + (passwords.length >= 2 && newPassword ? 2 : 0);
  } else if (passwords.length === 1) {
    login += currentPassword ? 4 : 2;
    signup += Math.min(identityFields, 2) * 1.5 + 2 * has(PASSWORD_RULE_WORDS, text.rest);
  } else {
    signup += Math.min(identityFields, 2);
  }
  // One compact note: the scores already reflect passwords, identity, card and address fields.
  if (NOTES) reasons.push(`pw=${passwords.length} s${signup}/l${login}/n${newsletter}/c${checkout}`);

  if (
    passwords.length === 0 &&
    ((hasMessageBox && CONTACT_WORDS.test(`${text.headings} ${text.rest.slice(0, 300)}`)) ||
      (signup < 2 && LOOKUP_WORDS.test(`${text.headings} ${text.submit}`)))
  ) {
    return { kind: 'other', confidence: 0, reasons: [...reasons, OWN_EMAIL_REASON] };
  }
  if (passwords.length === 0 && checkout >= 2 && checkout >= signup) {
    return { kind: 'checkout', confidence: checkout, reasons };
  }
  if (passwords.length === 0 && newsletter >= 2 && newsletter >= signup && textFields <= 3) {
    return { kind: 'newsletter', confidence: newsletter, reasons };
  }
  if (signup > login && signup >= 1) return { kind: 'signup', confidence: signup - login, reasons };
  if (login > signup)
    return {
      kind: 'login',
      confidence: login - signup,
      reasons,
      weak: passwords.length === 1 && login === 2 && !currentPassword,
    };
  if (passwords.length === 0 && newsletter >= 1)
    return { kind: 'newsletter', confidence: newsletter, reasons };
  return { kind: 'other', confidence: 0, reasons };
}

/**
 * What the page says it is, for a field whose own form says nothing (an email-first step with "Continue") or
 * says login only through one password: its title and main headings, URL path, selected tab, and the short
 * text around its links ("Already have an account? Log in", "New to Acme? Create an account"). Navigation
 * links themselves ("Log in" in every header) are not read. A page that says both is treated as a sign-in:
 * its uncertain fields are not filled.
 */
function classifyPage(doc: Document): FormContext {
  const headings = `${doc.title} | ${textsOf(doc, 'h1,h2,[role=tab][aria-selected=true]', 5)}`;
  const path = `${doc.location?.pathname} ${doc.location?.hash}`.replace(/[-_/.#]+/g, ' ');
  // The line a link sits in, when that is a small wrapper (a <p>, not the whole page).
  const linkText = textsOf(doc, 'a', 80, ({ parentElement: p }) =>
    p && p.childElementCount < 6 ? p.textContent?.slice(0, 200) : '',
  );
  const score = (words: RegExp, phrases: RegExp): number =>
    2 * (+words.test(headings) + +words.test(path) + +phrases.test(linkText));
  const signup = score(SIGNUP_WORDS, HAVE_ACCOUNT_WORDS);
  // A page about a forgotten or reset password asks for an existing account's address.
  const login = score(LOGIN_WORDS, NO_ACCOUNT_WORDS) || 2 * +FORGOT_WORDS.test(headings);
  const reasons = NOTES ? [`page:s${signup}/l${login}`] : [];
  if (signup > login) return { kind: 'signup', confidence: 1, reasons };
  if (login) return { kind: 'login', confidence: 1, reasons };
  return { kind: 'other', confidence: 0, reasons };
}

/** The container's context, falling back to the enclosing form and then the page when it says nothing. */
function contextFor(container: Element, input: HTMLInputElement, cache: Map<Node, FormContext>): FormContext {
  const cached = cache.get(container);
  if (cached) return cached;
  let context = classifyContainer(container, input);
  const form = input.form ?? input.closest('form');
  if (context.kind === 'other' && form && form !== container) {
    const formContext = classifyContainer(form, input);
    context = NOTES ? { ...formContext, reasons: [...formContext.reasons, 'form'] } : formContext;
  }
  if (context.kind === 'other' || context.weak) {
    const doc = input.ownerDocument;
    const page = cache.get(doc) ?? classifyPage(doc);
    cache.set(doc, page);
    if (context.kind === 'other' || page.kind === 'signup')
      context = { ...page, reasons: [...context.reasons, ...page.reasons] };
  }
  cache.set(container, context);
  return context;
}

/**
 * Every email-like input under `root` (including open shadow roots and same-origin iframes), each with the
 * kind of form it belongs to. Search boxes, passwords and non-email text fields are left out; hidden,
 * disabled and read-only fields are left out unless `includeHidden` is set.
 */
export function detectEmailFields(root: SearchRoot, opts: DetectOptions = {}): DetectedField[] {
  const maxInputs = opts.maxInputs ?? DEFAULT_MAX_INPUTS;
  const contexts = new Map<Node, FormContext>();
  const found: DetectedField[] = [];
  let examined = 0;
  for (const searchRoot of collectRoots(root, opts.walk ?? DEFAULT_WALK_LIMITS)) {
    for (const input of Array.from(searchRoot.querySelectorAll<HTMLInputElement>('input'))) {
      if (examined++ >= maxInputs) return found;
      if (!isTextLike(input)) continue;
      const reasons: string[] = [];
      const label = fieldLabelText(input);
      const code = fieldCodeText(input);
      if (isSearchField(input, `${label} ${code}`)) continue;
      let score = emailEvidence(input, label, code, reasons);
      if (score < MIN_EMAIL_EVIDENCE) continue;
      const hidden = hiddenReason(input);
      if (hidden) {
        if (!opts.includeHidden) continue;
        if (NOTES) reasons.push(`hidden:${hidden}`);
      }
      // "Email or username" / "email or phone" boxes identify an existing account.
      const eitherIdentifier = OTHER_IDENTIFIER_WORDS.test(label) && IDENTIFIER_SEPARATOR.test(label);
      if (NOTES && eitherIdentifier) reasons.push('either');
      const usernameAutocomplete = /\busername\b/.test(attr(input, 'autocomplete'));
      if (CONFIRM_WORDS.test(`${label} ${code}`)) {
        reasons.push('confirm');
        score -= 1;
      }

      const container = formContainer(input);
      const context = contextFor(container, input, contexts);
      let kind = context.kind;
      if ((eitherIdentifier || usernameAutocomplete) && kind === 'other') kind = 'login';
      if (eitherIdentifier && kind === 'signup' && context.confidence < 4) kind = 'login';
      found.push({
        element: input,
        kind,
        score: score + context.confidence,
        reasons: [...reasons, ...context.reasons],
      });
    }
  }
  return found;
}

/** A field that declares itself an email field (type or autocomplete), not just by its name. */
function isDeclaredEmail(input: HTMLInputElement): boolean {
  return input.type === 'email' || /\bemail\b/.test(attr(input, 'autocomplete'));
}

/**
 * The one field where a disposable address belongs: the best visible signup field, else checkout, else
 * newsletter, else a declared email field in a form that says nothing about its purpose (an email-first
 * step with just "Continue"); null when the page has only login, search or unrelated fields.
 */
export function findSignupEmailField(root: SearchRoot, opts: DetectOptions = {}): DetectedField | null {
  let best: DetectedField | null = null;
  let bestPriority = -2;
  for (const field of detectEmailFields(root, { ...opts, includeHidden: false })) {
    const silentEmailStep =
      field.kind === 'other' && isDeclaredEmail(field.element) && !field.reasons.includes(OWN_EMAIL_REASON);
    const priority = FILLABLE_KINDS.indexOf(field.kind);
    if (priority < 0 && !silentEmailStep) continue;
    if (priority > bestPriority || (priority === bestPriority && field.score > (best?.score ?? 0))) {
      best = field;
      bestPriority = priority;
    }
  }
  return best;
}
