import { describe, expect, it } from 'vitest';
import { SELFHOSTED_CAPABILITIES } from '../../../lib/providers/selfhosted';
import { siteLabel, suggestName } from '../../../lib/ui/name-suggestion';

/** A random source that walks through fixed values, so the suggestion is known. */
const seq = (...values: number[]) => {
  let i = 0;
  return () => values[i++ % values.length]!;
};
/** Picks 'x', '7', 'k', '2' from the alphabet. */
const X7K2 = seq(21 / 32, 29 / 32, 10 / 32, 24 / 32);

describe('siteLabel', () => {
  it.each([
    ['shop.example', 'shop'],
    ['www.shop.example', 'shop'],
    ['accounts.Shop.example', 'shop'],
    ['bbc.co.uk', 'bbc'],
    ['news.bbc.co.uk', 'bbc'],
    ['localhost', 'localhost'],
    ['127.0.0.1', ''],
    ['[::1]', ''],
    ['', ''],
  ])('%s → %s', (host, label) => {
    expect(siteLabel(host)).toBe(label);
  });
});

describe('suggestName', () => {
  const prefixRule = { pattern: /^[0-9A-Za-z_-]{1,50}$/, hint: 'prefix' as const };

  it('names the address after the site, with four random characters', () => {
    expect(suggestName('shop.example', prefixRule, X7K2)).toBe('shop-x7k2');
    expect(suggestName('www.shop.example', undefined, X7K2)).toBe('shop-x7k2');
  });

  it('drops the hyphen where the provider takes only letters and digits', () => {
    expect(suggestName('shop.example', SELFHOSTED_CAPABILITIES.usernameRule, X7K2)).toBe('shopx7k2');
  });

  it('keeps a long site name short, and strips what a name cannot hold', () => {
    expect(suggestName('my-very-long-shop-name.example', prefixRule, X7K2)).toBe('myverylongsh-x7k2');
    expect(suggestName('café.example', prefixRule, X7K2)).toBe('cafe-x7k2');
  });

  it('falls back to "mail" for a site name with no Latin letters, and to null when nothing fits', () => {
    expect(suggestName('xn--mgbh0fb.example', prefixRule, X7K2)).toBe('xnmgbh0fb-x7k2');
    expect(suggestName('موقع.example', prefixRule, X7K2)).toBe('mail-x7k2');
    expect(suggestName('shop.example', { pattern: /^[a-z]{3}$/, hint: 'loose' }, X7K2)).toBeNull();
  });

  it('gives another name on another draw', () => {
    const names = new Set(
      Array.from({ length: 20 }, (_, i) => suggestName('shop.example', prefixRule, seq(i / 20))),
    );
    expect(names.size).toBeGreaterThan(10);
  });
});
