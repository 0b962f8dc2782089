import { afterEach, describe, expect, it, vi } from 'vitest';
import { createPageFillModel, fillOutcomeTextKey } from '../../../lib/ui/models/page-fill-model';
import { fakeSend } from './fixtures';

afterEach(() => {
  vi.useRealTimers();
});

describe('page fill model', () => {
  it('sends the code, reports the outcome for its button only, and clears it after the feedback time', async () => {
    vi.useFakeTimers();
    const fake = fakeSend({ fillCodeInPage: () => ({ filled: true }) });
    const fill = createPageFillModel({ send: fake.send, feedbackMs: 1000 });
    const pending = fill.fill('mb/m1', '123456');
    expect(fill.busyKey.value).toBe('mb/m1');
    await pending;
    expect(fake.ofType('fillCodeInPage')[0]?.data).toEqual({ code: '123456' });
    expect(fill.busyKey.value).toBeNull();
    expect(fill.outcome.value).toEqual({ key: 'mb/m1', status: 'filled' });
    vi.advanceTimersByTime(1000);
    expect(fill.outcome.value).toBeNull();
  });

  it('tells "no field" apart from a refusal', async () => {
    const refusal = { name: 'AppError', kind: 'not-found', message: 'no tab' };
    let reply: () => { filled: boolean } = () => ({ filled: false });
    const fill = createPageFillModel({ send: fakeSend({ fillCodeInPage: () => reply() }).send });
    await fill.fill('a', '1234');
    expect(fill.outcome.value?.status).toBe('no-field');
    reply = () => {
      throw refusal;
    };
    await fill.fill('a', '1234');
    expect(fill.outcome.value).toEqual({ key: 'a', status: 'failed', error: refusal });
  });

  it('names the sentence for each outcome', () => {
    expect(fillOutcomeTextKey({ key: 'k', status: 'filled' })).toBe('popupCodeFilled');
    expect(fillOutcomeTextKey({ key: 'k', status: 'no-field' })).toBe('popupFillNoField');
    const notFound = { name: 'AppError', kind: 'not-found', message: '' };
    expect(fillOutcomeTextKey({ key: 'k', status: 'failed', error: notFound })).toBe('popupFillNoPage');
    const blocked = { name: 'AppError', kind: 'blocked', message: '' };
    expect(fillOutcomeTextKey({ key: 'k', status: 'failed', error: blocked })).toBe('popupFillBlocked');
    expect(fillOutcomeTextKey({ key: 'k', status: 'failed', error: new Error('x') })).toBe(
      'popupFillBlocked',
    );
  });
});
