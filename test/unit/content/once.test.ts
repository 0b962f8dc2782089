// @vitest-environment jsdom
import { describe, expect, it, vi } from 'vitest';
import { startOnce } from '../../../lib/content/once';

describe('startOnce', () => {
  it('starts a script once per page, whatever how often it is injected, and keeps marks apart', () => {
    const autofill = vi.fn();
    const fillCode = vi.fn();
    startOnce('mayfly.test.a', autofill);
    startOnce('mayfly.test.a', autofill);
    startOnce('mayfly.test.b', fillCode);
    expect(autofill).toHaveBeenCalledTimes(1);
    expect(fillCode).toHaveBeenCalledTimes(1);
    expect((window as unknown as Record<symbol, boolean>)[Symbol.for('mayfly.test.a')]).toBe(true);
  });
});
