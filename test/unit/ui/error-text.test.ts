import { describe, expect, it } from 'vitest';
import {
  AppError,
  ERROR_KINDS,
  toAppError,
  type ErrorParams,
  type ErrorReason,
} from '../../../lib/core/errors';
import { intlTag, LOCALES } from '../../../lib/i18n/catalog';
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

  it('tells the self-hosted person about PATH_INFO, and nobody else', () => {
    expect(errorText(new AppError('misconfigured', 'x', { reason: 'path-info' }))).toMatch(/PATH_INFO/);
    expect(errorText(new AppError('misconfigured', 'x', { reason: 'web-page' }))).not.toMatch(/PATH_INFO/);
    expect(errorText(new AppError('misconfigured', 'x'))).not.toMatch(/PATH_INFO|api\.php/);
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

describe('errorText by reason', () => {
  const samples: [ErrorReason, ErrorParams?][] = [
    ['key-missing'],
    ['key-refused'],
    ['plan-expired'],
    ['plan-not-allowed'],
    ['unauthenticated'],
    ['blocked-network'],
    ['challenge-page'],
    ['web-page'],
    ['unknown-endpoint'],
    ['path-info'],
    ['config-not-found'],
    ['method-not-allowed'],
    ['base-url-invalid'],
    ['timeout', { seconds: 10 }],
    ['server-error', { status: 503 }],
    ['too-large'],
    ['retry-in', { seconds: 300 }],
    ['create-paced', { seconds: 42 }],
    ['quota-resets', { at: Date.UTC(2026, 4, 1, 12) }],
    ['name-invalid', { rule: 'lol' }],
    ['name-invalid', { rule: 'tempmailg' }],
    ['name-invalid', { rule: 'selfhosted' }],
    ['name-reserved'],
    ['name-ignored', { asked: 'joe', got: 'a1b2@x.test' }],
    ['name-not-here'],
    ['domain-not-here'],
    ['domain-refused'],
    ['domain-password-refused'],
    ['token-lost'],
  ];

  it.each(LOCALES)('says every reason in its own sentence in %s', (locale) => {
    setTestLocale(locale);
    const kindSentences = new Set(ERROR_KINDS.map((kind) => errorText(new AppError(kind, 'x'))));
    const sentences = samples.map(([reason, params]) =>
      errorText(new AppError('validation', 'x', { reason, ...(params ? { params } : {}) }), intlTag(locale)),
    );
    for (const [i, sentence] of sentences.entries()) {
      const label = samples[i]![0];
      expect(sentence, label).not.toMatch(/^reason[A-Z]/);
      expect(sentence, label).not.toMatch(/\$\d/);
      expect(kindSentences.has(sentence), label).toBe(false);
    }
    expect(new Set(sentences).size).toBe(samples.length);
  });

  it('formats parameters for the language: waits with plural units, times and numbers', () => {
    setTestLocale('nb');
    expect(
      errorText(new AppError('rate-limited', 'x', { reason: 'retry-in', params: { seconds: 300 } }), 'nb'),
    ).toContain('5 minutter');
    expect(
      errorText(new AppError('rate-limited', 'x', { reason: 'retry-in', params: { seconds: 1 } }), 'nb'),
    ).toContain('1 sekund');
    setTestLocale('bn');
    expect(
      errorText(new AppError('server', 'x', { reason: 'server-error', params: { status: 503 } }), 'bn'),
    ).toContain('৫০৩');
    setTestLocale('en');
    expect(
      errorText(
        new AppError('validation', 'x', {
          reason: 'name-ignored',
          params: { asked: 'joe', got: 'q1@x.test' },
        }),
      ),
    ).toBe('The service did not take the name “joe” and gave you q1@x.test instead.');
  });

  it('falls back to the kind when the reason lacks its parameters or adds nothing', () => {
    expect(errorText(new AppError('rate-limited', 'x', { reason: 'retry-in' }))).toBe(
      errorText(new AppError('rate-limited', 'x')),
    );
    expect(errorText(new AppError('network', 'x', { reason: 'unreachable' }))).toBe(
      errorText(new AppError('network', 'x')),
    );
  });

  it('keeps the reason across the messaging boundary and in storage (toJSON)', () => {
    const error = new AppError('auth', 'refused', { status: 402, reason: 'plan-expired' });
    const plain = JSON.parse(JSON.stringify(error));
    expect(plain).toEqual({
      name: 'AppError',
      kind: 'auth',
      message: 'refused',
      details: { status: 402, reason: 'plan-expired' },
    });
    expect(errorText(plain)).toMatch(/run out/);
    expect(toAppError(plain).reason).toBe('plan-expired');
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
