// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { detectEmailFields, findSignupEmailField, hiddenReason } from '../../../lib/content/detector';
import { byId, loadFixture } from './fixtures';

afterEach(() => {
  document.body.innerHTML = '';
});

const kindOf = (id: string): string | undefined =>
  detectEmailFields(document, { includeHidden: true }).find((f) => f.element.id === id)?.kind;

describe('findSignupEmailField on our own pages', () => {
  it.each([
    ['signup-en.html', 'su-email'],
    ['signup-nb.html', 'nb-epost'],
    ['signup-ar.html', 'ar-email'],
    ['signup-bn.html', 'bn-email'],
    ['signup-es.html', 'es-email'],
    ['signup-de-login-fr.html', 'de-email'],
    ['login-and-newsletter.html', 'nl-email'],
    ['checkout.html', 'co-email'],
  ])('%s: picks #%s', (page, id) => {
    loadFixture(page);
    expect(findSignupEmailField(document)?.element.id).toBe(id);
  });

  it.each(['login-en.html', 'login-nb.html', 'login-ar.html', 'login-bn.html', 'contact.html'])(
    '%s: fills nothing',
    (page) => {
      loadFixture(page);
      expect(findSignupEmailField(document)).toBeNull();
    },
  );
});

describe('field kinds', () => {
  it('labels login identifiers as login, in several languages', () => {
    loadFixture('login-en.html');
    expect(kindOf('li-email')).toBe('login');
    loadFixture('login-nb.html');
    expect(kindOf('nbl-epost')).toBe('login');
    loadFixture('login-ar.html');
    expect(kindOf('arl-email')).toBe('login');
    loadFixture('signup-de-login-fr.html');
    expect(kindOf('fr-email')).toBe('login');
    expect(kindOf('de-email')).toBe('signup');
  });

  it('tells a newsletter footer from the login form next to it', () => {
    loadFixture('login-and-newsletter.html');
    expect(kindOf('login-id')).toBe('login');
    expect(kindOf('nl-email')).toBe('newsletter');
  });

  it('never reports passwords or search boxes as email fields', () => {
    loadFixture('login-en.html');
    const elements = detectEmailFields(document, { includeHidden: true }).map((f) => f.element);
    expect(elements.some((e) => e.type === 'password' || e.type === 'search' || e.name === 'q')).toBe(false);
  });

  it.each([
    [
      'en',
      '<h2>Track your order</h2><input id="e" type="email"><input name="order_no"><button>Find my order</button>',
    ],
    ['nb', '<h2>Spor bestilling</h2><input id="e" type="email"><input name="ordrenr"><button>Søk</button>'],
    ['ar', '<h2>تتبع طلبك</h2><input id="e" type="email"><input name="order"><button>بحث</button>'],
    [
      'bn',
      '<h2>অর্ডার ট্র্যাক করুন</h2><input id="e" type="email"><input name="order"><button>খুঁজুন</button>',
    ],
  ])('never fills the email of an order lookup (%s)', (_lang, html) => {
    document.body.innerHTML = `<form>${html}</form>`;
    expect(findSignupEmailField(document)).toBeNull();
    // The same form as an email-first step (no lookup wording) is filled.
    document.body.innerHTML =
      '<form><h2>Get started</h2><input id="e" type="email"><button>Next</button></form>';
    expect(findSignupEmailField(document)?.element).toBe(byId('e'));
  });

  it('gives reasons for its decision', () => {
    loadFixture('signup-en.html');
    const field = findSignupEmailField(document);
    expect(field?.kind).toBe('signup');
    // ev0…: signals 0 (type=email) and 1 (autocomplete=email) among those found.
    expect(field?.reasons[0]).toMatch(/^ev01/);
    expect(field?.score).toBeGreaterThan(0);
  });
});

describe('honeypots and hidden fields', () => {
  it('skips an off-screen aria-hidden trap field', () => {
    loadFixture('signup-en.html');
    expect(hiddenReason(byId('su-trap'))).not.toBeNull();
    const ids = detectEmailFields(document).map((f) => f.element.id);
    expect(ids).toContain('su-email');
    expect(ids).not.toContain('su-trap');
  });

  it.each([
    ['display:none', '<div style="display:none"><input id="x" type="email"></div>'],
    ['visibility:hidden', '<input id="x" type="email" style="visibility:hidden">'],
    ['hidden attribute', '<div hidden><input id="x" type="email"></div>'],
    ['zero size', '<input id="x" type="email" style="width:0px;height:0px">'],
    ['off-screen', '<input id="x" type="email" style="position:absolute;left:-9999px">'],
    ['disabled', '<input id="x" type="email" disabled>'],
    ['read-only', '<input id="x" type="email" readonly>'],
    ['decoy name', '<input id="x" name="fake_email" type="email">'],
  ])('treats %s as hidden', (_, html) => {
    document.body.innerHTML = `<form><h2>Sign up</h2>${html}<input type="password" autocomplete="new-password"></form>`;
    expect(hiddenReason(byId('x'))).not.toBeNull();
    expect(findSignupEmailField(document)).toBeNull();
  });
});

describe('shadow roots and frames', () => {
  it('finds a signup field inside an open shadow root', () => {
    const host = document.createElement('signup-widget');
    document.body.append(host);
    const shadow = host.attachShadow({ mode: 'open' });
    shadow.innerHTML = `<form><h2>Create account</h2><label for="sh-email">Email</label><input id="sh-email" type="email">
      <input type="password" autocomplete="new-password"><button type="submit">Sign up</button></form>`;
    expect(findSignupEmailField(document)?.element).toBe(shadow.getElementById('sh-email'));
  });

  it('finds a signup field inside a same-origin iframe', () => {
    const frame = document.createElement('iframe');
    document.body.append(frame);
    const inner = frame.contentDocument!;
    inner.body.innerHTML = `<form><h2>Join us</h2><input id="fr-email" type="email" placeholder="Email">
      <input type="password"><input type="password"><button type="submit">Create account</button></form>`;
    expect(findSignupEmailField(document)?.element).toBe(inner.getElementById('fr-email'));
  });

  it('stops after maxInputs inputs on huge pages', () => {
    const filler = '<input type="text" name="x">'.repeat(50);
    document.body.innerHTML = `${filler}<form><h2>Sign up</h2><input id="late" type="email"></form>`;
    expect(detectEmailFields(document, { maxInputs: 20 })).toEqual([]);
    expect(detectEmailFields(document).map((f) => f.element.id)).toEqual(['late']);
  });
});

describe('forms that say little', () => {
  it('fills a declared email field in an email-first step that only says "Continue"', () => {
    document.body.innerHTML =
      '<form><input id="only" type="email" placeholder="Email address"><input type="submit" value="Continue"></form>';
    expect(findSignupEmailField(document)?.element.id).toBe('only');
  });

  it('does not fill a field about an email (subject, verification code)', () => {
    document.body.innerHTML = `<form><label for="s">Email subject</label><input id="s" name="email_subject">
      <input id="c" name="email_verification_code" placeholder="Code"></form>`;
    expect(findSignupEmailField(document)).toBeNull();
  });

  it('treats a name + email form without password as a signup even with a "Log in" button', () => {
    document.body.innerHTML = `<form><button>Log in</button> for a faster experience
      <label for="f">First name</label><input id="f"><label for="l">Last name</label><input id="l">
      <label for="m">Email address</label><input id="m" type="email"></form>`;
    expect(findSignupEmailField(document)?.element.id).toBe('m');
  });
});
