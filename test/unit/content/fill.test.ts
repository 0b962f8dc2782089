// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { fillField } from '../../../lib/content/fill';
import { fillOneTimeCode } from '../../../lib/content/one-time-code';
import { byId } from './fixtures';

afterEach(() => {
  document.body.innerHTML = '';
});

/** Records the events a field receives, in order. */
function recordEvents(el: Element, types = ['focus', 'input', 'change', 'blur', 'focusout']): string[] {
  const seen: string[] = [];
  for (const type of types) el.addEventListener(type, (e) => seen.push(`${e.type}${e.bubbles ? '^' : ''}`));
  return seen;
}

describe('fillField', () => {
  it('focuses, sets the value, and fires bubbling input and change, then blur', () => {
    document.body.innerHTML = '<form><input id="e" type="email"></form>';
    const input = byId('e');
    const events = recordEvents(input);
    const bubbled: string[] = [];
    document.body.addEventListener('input', () => bubbled.push('input'));
    document.body.addEventListener('change', () => bubbled.push('change'));

    expect(fillField(input, 'a1b2@mayfly.test')).toEqual({ filled: true });
    expect(input.value).toBe('a1b2@mayfly.test');
    expect(events).toEqual(['focus', 'input^', 'change^', 'blur', 'focusout^']);
    expect(bubbled).toEqual(['input', 'change']);
  });

  it('goes through the prototype setter, which framework value trackers rely on', () => {
    document.body.innerHTML = '<input id="e" type="email">';
    const input = byId('e');
    // A React-like tracker: an own `value` property whose setter records programmatic writes.
    let trackerValue = '';
    const proto = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!;
    Object.defineProperty(input, 'value', {
      configurable: true,
      get: () => proto.get!.call(input),
      set: (v: string) => {
        trackerValue = v;
        proto.set!.call(input, v);
      },
    });
    let valueSeenByInputHandler = '';
    input.addEventListener('input', () => {
      valueSeenByInputHandler = proto.get!.call(input) as string;
    });
    fillField(input, 'x@y.test');
    // The tracker was bypassed, so a framework compares its stale '' with the new DOM value and updates.
    expect(trackerValue).toBe('');
    expect(valueSeenByInputHandler).toBe('x@y.test');
  });

  it('does not overwrite what the person typed, unless told to', () => {
    document.body.innerHTML = '<input id="e" type="email" value="me@home.example">';
    const input = byId('e');
    const events = recordEvents(input);
    expect(fillField(input, 'new@mayfly.test')).toEqual({ filled: false, reason: 'user-value' });
    expect(input.value).toBe('me@home.example');
    expect(events).toEqual([]);
    expect(fillField(input, 'new@mayfly.test', { overwrite: true })).toEqual({ filled: true });
    expect(input.value).toBe('new@mayfly.test');
  });

  it('treats filling the same value again as success', () => {
    document.body.innerHTML = '<input id="e" value="same@mayfly.test">';
    expect(fillField(byId('e'), 'same@mayfly.test')).toEqual({ filled: true });
  });

  it.each([
    ['a password', '<input id="e" type="password">'],
    ['a checkbox', '<input id="e" type="checkbox">'],
    ['a disabled field', '<input id="e" disabled>'],
    ['a read-only field', '<input id="e" readonly>'],
    ['a div', '<div id="e"></div>'],
  ])('refuses %s', (_, html) => {
    document.body.innerHTML = html;
    expect(fillField(byId<Element>('e'), 'a@b.test')).toEqual({ filled: false, reason: 'not-editable' });
  });

  it('reports no field', () => {
    expect(fillField(null, 'a@b.test')).toEqual({ filled: false, reason: 'no-field' });
  });

  it('fires composed events that cross a shadow boundary', () => {
    const host = document.createElement('x-field');
    document.body.append(host);
    const shadow = host.attachShadow({ mode: 'open' });
    shadow.innerHTML = '<input id="e" type="email">';
    const outside: string[] = [];
    document.body.addEventListener('input', (e) =>
      outside.push(e.composedPath()[0] === shadow.getElementById('e') ? 'inner' : 'other'),
    );
    expect(fillField(shadow.getElementById('e'), 'a@b.test')).toEqual({ filled: true });
    expect(outside).toEqual(['inner']);
  });
});

describe('fillOneTimeCode', () => {
  it('prefers autocomplete="one-time-code"', () => {
    document.body.innerHTML =
      '<input id="other" name="code"><input id="otp" autocomplete="one-time-code" inputmode="numeric">';
    expect(fillOneTimeCode(document, '482913')).toEqual({ filled: true });
    expect(byId('otp').value).toBe('482913');
    expect(byId('other').value).toBe('');
  });

  it('fills split one-digit boxes, one character each, with events on every box', () => {
    document.body.innerHTML = `<div class="code">${[0, 1, 2, 3, 4, 5]
      .map((i) => `<input id="d${i}" maxlength="1" inputmode="numeric">`)
      .join('')}</div>`;
    const inputs: string[] = [];
    document.body.addEventListener('input', (e) => inputs.push((e.target as HTMLInputElement).id));
    expect(fillOneTimeCode(document, '123456')).toEqual({ filled: true });
    expect([0, 1, 2, 3, 4, 5].map((i) => byId(`d${i}`).value).join('')).toBe('123456');
    expect(inputs).toEqual(['d0', 'd1', 'd2', 'd3', 'd4', 'd5']);
  });

  it('finds a field labelled as a verification code, and not a promo code', () => {
    document.body.innerHTML = `<label for="promo">Promo code</label><input id="promo">
      <label for="vc">Verification code</label><input id="vc">`;
    expect(fillOneTimeCode(document, 'AB12CD')).toEqual({ filled: true });
    expect(byId('vc').value).toBe('AB12CD');
    expect(byId('promo').value).toBe('');
  });

  it('finds a Norwegian code field', () => {
    document.body.innerHTML = '<label for="k">Engangskode</label><input id="k">';
    expect(fillOneTimeCode(document, '9931')).toEqual({ filled: true });
  });

  it('does not replace a code the person typed, and says when there is no field', () => {
    document.body.innerHTML = '<input id="otp" autocomplete="one-time-code" value="111111">';
    expect(fillOneTimeCode(document, '222222')).toEqual({ filled: false });
    expect(byId('otp').value).toBe('111111');
    document.body.innerHTML = '<input name="city">';
    expect(fillOneTimeCode(document, '222222')).toEqual({ filled: false });
  });
});
