// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createRefusalWatch, REFUSAL_WORDS, watchForRefusal } from '../../../lib/content/refusal';

afterEach(() => {
  document.body.innerHTML = '';
  vi.useRealTimers();
});

const form = () => {
  document.body.innerHTML =
    '<main><form><label for="e">Email</label><input id="e" type="email"><p id="msg"></p><button>Sign up</button></form></main>';
  return document.getElementById('e') as HTMLInputElement;
};

describe('refusal wording', () => {
  it.each([
    'Disposable email addresses are not allowed.',
    'Temporary email domains are blocked',
    'Please do not use a throwaway address',
    'This email address looks temporary.',
    'Engangs-e-post er ikke tillatt.',
    'Midlertidig e-post kan ikke brukes',
    'لا يُسمح بعناوين البريد المؤقت',
    'لا نقبل البريد الإلكتروني المؤقت',
    'অস্থায়ী ইমেইল গ্রহণযোগ্য নয়',
    'Wegwerf-Adressen sind nicht erlaubt',
    'Les adresses jetables ne sont pas acceptées',
  ])('knows "%s"', (text) => expect(REFUSAL_WORDS.test(text)).toBe(true));

  it.each([
    'This email is already registered. Log in instead?',
    'Please enter a valid email address.',
    'A temporary error occurred, please try again.',
    'We sent a verification email to your address.',
    'أرسلنا رمزًا إلى البريد الإلكتروني، والرمز صالح لوقت مؤقت',
    'আমরা আপনার ইমেইলে একটি অস্থায়ী কোড পাঠিয়েছি',
  ])('leaves "%s" alone', (text) => expect(REFUSAL_WORDS.test(text)).toBe(false));
});

describe('watchForRefusal', () => {
  it('tells once when refusal wording appears after the fill', async () => {
    vi.useFakeTimers();
    const field = form();
    const refused = vi.fn();
    watchForRefusal(field, refused);
    document.getElementById('msg')!.textContent = 'Please enter a valid email address.';
    await vi.advanceTimersByTimeAsync(500);
    expect(refused).not.toHaveBeenCalled();
    document.getElementById('msg')!.textContent = 'Disposable email addresses are not allowed.';
    await vi.advanceTimersByTimeAsync(500);
    document.getElementById('msg')!.textContent = 'Disposable email addresses are still not allowed.';
    await vi.advanceTimersByTimeAsync(500);
    expect(refused).toHaveBeenCalledTimes(1);
  });

  it('ignores wording that was on the page before the fill, and stops when asked', async () => {
    vi.useFakeTimers();
    const field = form();
    document.getElementById('msg')!.textContent = 'We do not accept disposable email addresses.';
    const refused = vi.fn();
    watchForRefusal(field, refused);
    document.getElementById('msg')!.append(' (See our policy.)');
    await vi.advanceTimersByTimeAsync(500);
    expect(refused).not.toHaveBeenCalled();

    const other = form();
    const stop = watchForRefusal(other, refused);
    stop();
    document.getElementById('msg')!.textContent = 'Disposable email addresses are not allowed.';
    await vi.advanceTimersByTimeAsync(500);
    expect(refused).not.toHaveBeenCalled();
  });

  it("is armed by the background's request after a fill, on the field that holds the address", async () => {
    vi.useFakeTimers();
    const field = form();
    const report = vi.fn();
    const watch = createRefusalWatch(document, report);
    expect(watch({ address: 'k7q2@lol.test' })).toEqual({ watching: false }); // not filled yet
    expect(watch({})).toEqual({ watching: false });
    field.value = 'k7q2@lol.test';
    expect(watch({ address: 'k7q2@lol.test' })).toEqual({ watching: true });
    document.getElementById('msg')!.textContent = 'Disposable email addresses are not allowed.';
    await vi.advanceTimersByTimeAsync(500);
    expect(report).toHaveBeenCalledWith('k7q2@lol.test');
  });
});
