// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { detectEmailFields, findSignupEmailField } from '../../../lib/content/detector';

/**
 * Issue 11's rules, one small page each: wider evidence that a box wants an email address (several weak hints
 * together, labels that are not <label>, descriptions, names with words inside), and the page around a form
 * (title, headings, URL path, "Already have an account?" lines, buttons outside the form). Each case fails
 * with the detector as it was before the rule.
 */

function page(html: string, opts: { title?: string; path?: string } = {}): void {
  document.body.innerHTML = html;
  document.title = opts.title ?? '';
  history.replaceState(null, '', opts.path ?? '/');
}

const picked = (): string | null => findSignupEmailField(document)?.element.id ?? null;
const kindOf = (id: string): string | undefined =>
  detectEmailFields(document).find((f) => f.element.id === id)?.kind;

/** A form with one password and a neutral button: read as a login unless something says otherwise. */
const ONE_PASSWORD_FORM = `<form><label for="m">Email</label><input id="m" type="email" name="email">
  <label for="p">Password</label><input id="p" type="password" name="password"><button>Next</button></form>`;
/** An email-first step with a neutral button: fillable only when the page is not a sign-in. */
const EMAIL_STEP = `<form><label for="m">Email</label><input id="m" type="email" name="email"><button>Continue</button></form>`;
const REGISTER_TAIL = `<input id="p1" type="password" name="p1"><input id="p2" type="password" name="p2">
  <button>Register</button></form>`;

afterEach(() => page(''));

describe('evidence that a box wants an email address', () => {
  it('does not read a word inside a name as a field about an email (Information is not format)', () => {
    page(`<form><label for="e">Email Address</label>
      <input id="e" type="text" name="PersonalInformation.EmailAddress">${REGISTER_TAIL}`);
    expect(picked()).toBe('e');
  });

  it('still reads "Email subject" and `emailTemplate` as fields about an email', () => {
    page(`<form><label for="s">Email subject</label><input id="s" type="text" name="subject">
      <input id="t" type="text" name="emailTemplate" placeholder="Template">${REGISTER_TAIL}`);
    expect(picked()).toBeNull();
  });

  it('reads `email_verification[code_given]` as a box for a code, not for an address', () => {
    page(`<form><input id="c" type="text" name="email_verification[code_given]" maxlength="6">
      <button>Verify</button></form>`);
    expect(detectEmailFields(document)).toEqual([]);
  });

  it('reads the label <div> before a box that has a placeholder of its own', () => {
    page(`<form><div><div class="label">E-mail address</div><input id="e" type="text" name="uid"
      placeholder="Type it here"></div>${REGISTER_TAIL}`);
    expect(picked()).toBe('e');
  });

  it('counts inputmode=email and an example address together', () => {
    page(`<form><label for="e">Account ID</label><input id="e" type="text" name="acctId" inputmode="email"
      placeholder="name@example.com">${REGISTER_TAIL}`);
    expect(picked()).toBe('e');
  });

  it('counts a description about the email together with an address pattern', () => {
    page(`<form><label for="e">Identifiant</label><input id="e" type="text" name="ident" pattern=".+@.+"
      aria-describedby="h"><small id="h">Votre adresse e-mail servira d'identifiant</small>${REGISTER_TAIL}`);
    expect(picked()).toBe('e');
  });

  it('counts a short `mail` name together with an example address', () => {
    page(`<form><input id="e" type="text" name="mail" placeholder="ola@eksempel.no">${REGISTER_TAIL}`);
    expect(picked()).toBe('e');
  });

  it('never takes one hint alone as an email box', () => {
    for (const box of [
      '<input id="e" type="text" name="acctId" inputmode="email">',
      '<input id="e" type="text" name="acctId" placeholder="name@example.com">',
      '<input id="e" type="text" name="mail">',
      '<input id="e" type="text" name="acctId" aria-describedby="h"><small id="h">Not your email</small>',
    ]) {
      page(`<form><label for="e">Account ID</label>${box}${REGISTER_TAIL}`);
      expect(picked(), box).toBeNull();
    }
  });

  it('still reads a login box named by hints as login', () => {
    page(`<form><h1>Sign in with your Zenith ID</h1><input id="e" type="text" name="zid" inputmode="email"
      placeholder="name@example.com"><input type="password" autocomplete="current-password"><button>Next</button></form>`);
    expect(kindOf('e')).toBe('login');
    expect(picked()).toBeNull();
  });
});

describe('signup wording around a form with one password', () => {
  it('reads the submit button that sits outside the form (form= attribute)', () => {
    page(`<form id="f"><input id="m" type="email" name="email"><input type="password" name="pw"></form>
      <div class="footer"><button type="submit" form="f">Konto erstellen</button></div>`);
    expect(picked()).toBe('m');
  });

  it('reads a card title <div> before the form', () => {
    page(`<div class="card"><div class="card-title">Inscription gratuite</div>${ONE_PASSWORD_FORM}</div>`);
    expect(picked()).toBe('m');
  });

  it('reads "N characters minimum" as a rule for a new password', () => {
    page(`<form><input id="m" type="email" name="email"><input type="password" name="pw">
      <div>12 caractères minimum</div><button>Valider</button></form>`);
    expect(picked()).toBe('m');
  });

  it('reads "New customer?" as the heading of a form for people without an account', () => {
    page(`<form><h2>New customer?</h2><label for="m">Email</label><input id="m" type="email" name="email">
      <button>Continue</button></form>`);
    expect(kindOf('m')).toBe('signup');
  });

  it('still reads "New customer? Create an account" under a login form as login', () => {
    page(`<form><input id="m" type="email" name="email"><input type="password" name="pw"><button>Continue</button>
      <p>New customer? <a href="/join">Create an account</a></p></form>`);
    expect(kindOf('m')).toBe('login');
  });

  it('knows "حساب جديد" (new account) as signup wording', () => {
    page(`<div dir="rtl"><h2>حساب جديد</h2><form><input id="n" name="fullname" autocomplete="name">
      <input id="m" type="email" name="email"><input type="password" name="pw" aria-label="كلمة المرور"><button>متابعة</button></form></div>`);
    expect(picked()).toBe('m');
  });
});

describe('the page around a form', () => {
  it.each([
    ['the title', { title: 'Create your account · Tallyhub' }, ''],
    ['an h1 far above', {}, '<h1>Get started with Quillstack</h1>'],
    ['the URL path', { path: '/bli-medlem' }, ''],
    ['an "Already have an account?" line', {}, '<p>Already have an account? <a href="/login">Log in</a></p>'],
  ])('turns a form that is login only by its one password into signup: %s', (_, opts, extra) => {
    page(`<div><div><div><div><div>${ONE_PASSWORD_FORM}</div></div></div></div></div>${extra}`, opts);
    expect(picked()).toBe('m');
  });

  it('leaves such a form login on a page without signup wording, or at a sign-in URL', () => {
    page(`<nav><a class="btn" href="/signup">Get started</a></nav>${ONE_PASSWORD_FORM}`);
    expect(picked()).toBeNull();
    page(ONE_PASSWORD_FORM, { title: 'Create your account', path: '/login' });
    expect(picked()).toBeNull();
  });

  it('never changes a form that says login in its own words', () => {
    page(
      `<form><input id="m" type="email"><input type="password" autocomplete="current-password">
      <button>Log in</button></form>`,
      { title: 'Sign up · Brand', path: '/signup' },
    );
    expect(picked()).toBeNull();
  });

  it.each([
    ['"Welcome back" in nb', { title: '' }, '<h1>Velkommen tilbake</h1>'],
    ['"Welcome back" in de', {}, '<h1>Willkommen zurück</h1>'],
    ['"Welcome back" in fr', {}, '<h1>Bon retour parmi nous</h1>'],
    ['"Welcome back" in es', {}, '<h1>Bienvenida de nuevo</h1>'],
    ['"Welcome back" in ar', {}, '<h1>مرحبًا بعودتك</h1>'],
    ['"Welcome back" in bn', {}, '<h1>আবার স্বাগতম</h1>'],
    ['a sign-in URL path', { path: '/iniciar-sesion' }, ''],
    ['a German sign-in URL path', { path: '/anmeldung' }, ''],
    ['"Accédez à votre espace"', {}, '<h1>Accédez à votre espace</h1>'],
    [
      'a German compound: "Noch kein Kundenkonto?"',
      {},
      '<p>Noch kein Kundenkonto? <a href="/r">Registrieren</a></p>',
    ],
    [
      'a selected "Log in" tab',
      {},
      '<div role="tablist"><button role="tab" aria-selected="true">Log in</button></div>',
    ],
    [
      '"New to Acme? Create an account"',
      {},
      '<p>New to Acme Cloud? <a href="/signup">Create an account</a></p>',
    ],
    ['a title that says both', { title: 'Sign in or create an account' }, ''],
  ])('does not fill an email-first step on a sign-in page: %s', (_, opts, extra) => {
    page(`${extra}<div class="card">${EMAIL_STEP}</div>`, opts);
    expect(picked()).toBeNull();
    expect(kindOf('m')).toBe('login');
  });

  it('fills an email-first step on a page that says nothing, or says signup', () => {
    page(EMAIL_STEP);
    expect(picked()).toBe('m');
    page(`<header><a href="/login">Log in</a></header>${EMAIL_STEP}`, { path: '/registrieren' });
    expect(picked()).toBe('m');
  });
});
