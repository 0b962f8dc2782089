// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { createAutofillController, type AutofillController } from '../../../lib/content/autofill-controller';
import { markInlineField } from '../../../lib/content/inline-target';
import { answerFillCode } from '../../../lib/content/one-time-code';
import { byId, loadFixture } from './fixtures';

let controller: AutofillController | undefined;
afterEach(() => {
  controller?.dispose();
  controller = undefined;
  document.body.innerHTML = '';
});

const ADDRESS = 'k7q2@mayfly.test';

describe('autofill controller', () => {
  it('fills the right-clicked field, even when another field has focus', () => {
    loadFixture('signup-en.html');
    controller = createAutofillController(document);
    byId('su-name').focus();
    byId('su-email').dispatchEvent(new MouseEvent('contextmenu', { bubbles: true, composed: true }));
    expect(
      controller.fillAddress({ address: ADDRESS, origin: location.origin, target: 'context-menu' }),
    ).toEqual({ filled: true });
    expect(byId('su-email').value).toBe(ADDRESS);
    expect(byId('su-name').value).toBe('');
  });

  it('uses the focused field when the script arrived after the right-click', () => {
    document.body.innerHTML = '<input id="any" type="text">';
    controller = createAutofillController(document);
    byId('any').focus();
    expect(
      controller.fillAddress({ address: ADDRESS, origin: location.origin, target: 'context-menu' }),
    ).toEqual({ filled: true });
    expect(byId('any').value).toBe(ADDRESS);
  });

  it('finds the focused field inside a shadow root', () => {
    const host = document.createElement('x-form');
    document.body.append(host);
    const shadow = host.attachShadow({ mode: 'open' });
    shadow.innerHTML = '<input id="inner" type="email">';
    controller = createAutofillController(document);
    (shadow.getElementById('inner') as HTMLInputElement).focus();
    expect(controller.fillAddress({ address: ADDRESS, origin: location.origin, target: 'focused' })).toEqual({
      filled: true,
    });
    expect((shadow.getElementById('inner') as HTMLInputElement).value).toBe(ADDRESS);
  });

  it('falls back to the detected signup field when nothing is focused', () => {
    loadFixture('login-and-newsletter.html');
    controller = createAutofillController(document);
    expect(controller.fillAddress({ address: ADDRESS, origin: location.origin, target: 'focused' })).toEqual({
      filled: true,
    });
    expect(byId('nl-email').value).toBe(ADDRESS);
    expect(byId('login-id').value).toBe('');
  });

  it('fills the field whose in-field button was clicked, once, and no other field in its place', () => {
    // A login form with the site's address: the detector would never pick this field, the click did.
    loadFixture('login-and-newsletter.html');
    controller = createAutofillController(document);
    byId('nl-email').focus();
    markInlineField(byId('login-id'));
    const fill = () =>
      controller!.fillAddress({ address: ADDRESS, origin: location.origin, target: 'inline' });
    expect(fill()).toEqual({ filled: true });
    expect(byId('login-id').value).toBe(ADDRESS);
    expect(byId('nl-email').value).toBe('');
    // The mark is used up: a second fill without a new click finds no field, focused or detected.
    byId('login-id').value = '';
    expect(fill()).toEqual({ filled: false, reason: 'no-field' });
    expect(byId('login-id').value).toBe('');
    expect(byId('nl-email').value).toBe('');
  });

  it('reports no-field on a login-only page and user-value on a typed field', () => {
    loadFixture('login-en.html');
    controller = createAutofillController(document);
    expect(controller.fillAddress({ address: ADDRESS, origin: location.origin, target: 'detected' })).toEqual(
      {
        filled: false,
        reason: 'no-field',
      },
    );
    controller.dispose();
    document.body.innerHTML = '<input id="typed" type="email" value="me@home.example">';
    controller = createAutofillController(document);
    byId('typed').focus();
    expect(controller.fillAddress({ address: ADDRESS, origin: location.origin, target: 'focused' })).toEqual({
      filled: false,
      reason: 'user-value',
    });
  });

  it.each([
    null,
    'k7q2@mayfly.test',
    { address: 42, target: 'focused' },
    { address: 'not an address', target: 'focused' },
    { address: '<img src=x>@evil.test', target: 'focused' },
    { address: ADDRESS, target: 'somewhere' },
  ])('ignores malformed fillAddress data %#', (data) => {
    document.body.innerHTML = '<input id="any" type="email">';
    controller = createAutofillController(document);
    byId('any').focus();
    expect(controller.fillAddress(data)).toEqual({ filled: false });
    expect(byId('any').value).toBe('');
  });

  it('replaces the refused address the site kept in the field, and nothing else', () => {
    document.body.innerHTML = '<input id="email" type="email" value="old1@lol.test">';
    controller = createAutofillController(document);
    byId('email').focus();
    const fill = (replace: string) =>
      controller!.fillAddress({ address: ADDRESS, origin: location.origin, target: 'focused', replace });
    expect(fill('other@lol.test')).toEqual({ filled: false, reason: 'user-value' });
    expect(byId('email').value).toBe('old1@lol.test');
    expect(fill('old1@lol.test')).toEqual({ filled: true });
    expect(byId('email').value).toBe(ADDRESS);
    // What the person typed over it is theirs again.
    byId('email').value = 'me@example.com';
    expect(fill('old1@lol.test')).toEqual({ filled: false, reason: 'user-value' });
    expect(byId('email').value).toBe('me@example.com');
  });

  it('fills "Confirm email" in the same form too, from either box, and nothing else', () => {
    const form = (extra = '') => `
      <form><label for="e1">Email</label><input id="e1" type="email">
      <label for="e2">Confirm email</label><input id="e2" type="email">
      <label for="e3">A friend's email (optional)</label><input id="e3" type="email">
      <input type="password" autocomplete="new-password"><button>Create account</button>${extra}</form>`;
    document.body.innerHTML = form();
    controller = createAutofillController(document);
    byId('e1').focus();
    expect(controller.fillAddress({ address: ADDRESS, origin: location.origin, target: 'focused' })).toEqual({
      filled: true,
    });
    expect([byId('e1').value, byId('e2').value, byId('e3').value]).toEqual([ADDRESS, ADDRESS, '']);

    controller.dispose();
    document.body.innerHTML = form();
    controller = createAutofillController(document);
    byId('e2').focus();
    controller.fillAddress({ address: ADDRESS, origin: location.origin, target: 'focused' });
    expect([byId('e1').value, byId('e2').value]).toEqual([ADDRESS, ADDRESS]);

    // What the person already typed in the other box stays.
    controller.dispose();
    document.body.innerHTML = form();
    byId('e2').value = 'me@example.com';
    controller = createAutofillController(document);
    byId('e1').focus();
    controller.fillAddress({ address: ADDRESS, origin: location.origin, target: 'focused' });
    expect([byId('e1').value, byId('e2').value]).toEqual([ADDRESS, 'me@example.com']);

    // Replacing a refused address replaces it in both boxes.
    controller.dispose();
    document.body.innerHTML = form();
    byId('e1').value = 'old@lol.test';
    byId('e2').value = 'old@lol.test';
    controller = createAutofillController(document);
    byId('e1').focus();
    controller.fillAddress({
      address: ADDRESS,
      origin: location.origin,
      target: 'focused',
      replace: 'old@lol.test',
    });
    expect([byId('e1').value, byId('e2').value, byId('e3').value]).toEqual([ADDRESS, ADDRESS, '']);
  });

  it('leaves a confirmation box alone outside a form', () => {
    document.body.innerHTML =
      '<div><input id="e1" type="email" aria-label="Email"><input id="e2" type="email" aria-label="Confirm email"></div>';
    controller = createAutofillController(document);
    byId('e1').focus();
    controller.fillAddress({ address: ADDRESS, origin: location.origin, target: 'focused' });
    expect([byId('e1').value, byId('e2').value]).toEqual([ADDRESS, '']);
  });

  it('fills a code (the fill-code script) and ignores malformed codes', () => {
    document.body.innerHTML = '<input id="otp" autocomplete="one-time-code">';
    for (const bad of [{ code: '12 34' }, {}, null, { code: 123456 }, { code: '<b>1</b>' }])
      expect(answerFillCode(document, bad)).toEqual({ filled: false });
    expect(byId('otp').value).toBe('');
    expect(answerFillCode(document, { code: '123456', origin: location.origin })).toEqual({ filled: true });
    expect(byId('otp').value).toBe('123456');
  });
});

describe('fills only the document the address or code was made for', () => {
  it('refuses an address or code whose origin is not this document’s', () => {
    document.body.innerHTML =
      '<form><input id="email" type="email"><input autocomplete="one-time-code"></form>';
    const controller = createAutofillController(document);
    (document.getElementById('email') as HTMLInputElement).focus();
    expect(
      controller.fillAddress({ address: ADDRESS, origin: 'https://previous-site.test', target: 'focused' }),
    ).toEqual({ filled: false, reason: 'other-origin' });
    expect(controller.fillAddress({ address: ADDRESS, target: 'focused' })).toEqual({
      filled: false,
      reason: 'other-origin',
    });
    expect((document.getElementById('email') as HTMLInputElement).value).toBe('');
    expect(answerFillCode(document, { code: '123456', origin: 'https://previous-site.test' })).toEqual({
      filled: false,
    });
    controller.dispose();
  });
});
