import { describe, expect, it } from 'vitest';
import { isExpired } from '../../../lib/core/expiry';

describe('isExpired', () => {
  it('is true when the provider marked the mailbox expired, whatever its expiry time', () => {
    expect(isExpired({ expired: true, expiresAt: null }, 1_000)).toBe(true);
    expect(isExpired({ expired: true, expiresAt: 5_000 }, 1_000)).toBe(true);
  });

  it('is true from the announced expiry on, and false before it', () => {
    expect(isExpired({ expired: false, expiresAt: 5_000 }, 4_999)).toBe(false);
    expect(isExpired({ expired: false, expiresAt: 5_000 }, 5_000)).toBe(true);
  });

  it('is false for a mailbox without an expiry that was not marked', () => {
    expect(isExpired({ expired: false, expiresAt: null }, Number.MAX_SAFE_INTEGER)).toBe(false);
  });
});
