import { describe, expect, it } from 'vitest';
import { AppError, ERROR_KINDS } from '../../../lib/core/errors';
import { LOCALES } from '../../../lib/i18n/catalog';
import { ERROR_TEXT_KEYS, errorDetail, errorText, readsTheSame } from '../../../lib/ui/error-text';
import { setTestLocale } from '../setup-i18n';

describe('errorText', () => {
  it.each(LOCALES)('gives every kind its own sentence in %s', (locale) => {
    setTestLocale(locale);
    const sentences = ERROR_KINDS.map((kind) => errorText(new AppError(kind, 'x')));
    for (const [i, sentence] of sentences.entries()) {
      expect(sentence, ERROR_KINDS[i]).not.toBe(ERROR_TEXT_KEYS[ERROR_KINDS[i]!]);
      expect(sentence.length, ERROR_KINDS[i]).toBeGreaterThan(10);
    }
    expect(new Set(sentences).size).toBe(ERROR_KINDS.length);
  });

  it('reads errors that crossed the messaging boundary as plain objects', () => {
    const plain = JSON.parse(JSON.stringify(new AppError('auth', 'refused', { status: 401 })));
    expect(errorText(plain)).toMatch(/API key was refused/);
    expect(errorDetail(plain)).toBe('HTTP 401');
  });

  it('tells the self-hosted person about PATH_INFO', () => {
    expect(errorText(new AppError('misconfigured', 'x'))).toMatch(/PATH_INFO/);
  });

  it('falls back to a generic sentence for anything else', () => {
    expect(errorText(new Error('boom'))).toBe('Something went wrong. Try again.');
    expect(errorDetail(new Error('boom'))).toBe('boom');
  });

  it('shows the server message as detail', () => {
    expect(errorDetail(new AppError('server', 'x', { status: 503, serverMessage: 'down' }))).toBe(
      'HTTP 503 · down',
    );
  });
});

describe('readsTheSame', () => {
  it('matches errors that would show the same notice, also across the messaging boundary', () => {
    const stored = JSON.parse(JSON.stringify(new AppError('server', 'boom', { status: 502 })));
    expect(readsTheSame(new AppError('server', 'boom', { status: 502 }), stored)).toBe(true);
    expect(readsTheSame(new AppError('server', 'boom', { status: 503 }), stored)).toBe(false);
    expect(readsTheSame(new AppError('network', 'boom'), stored)).toBe(false);
    expect(readsTheSame(null, stored)).toBe(false);
  });
});
