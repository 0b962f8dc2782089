import { describe, expect, it } from 'vitest';
import { isWebLink, parseWebUrl } from '../../../lib/core/links';

describe('isWebLink', () => {
  it.each([
    ['https://example.com/verify?t=1', true],
    ['HTTP://example.com', true],
    ['javascript:alert(1)', false],
    [' javascript:alert(1)', false],
    ['data:text/html,<script>alert(1)</script>', false],
    ['file:///etc/passwd', false],
    ['chrome-extension://abc/popup.html', false],
    ['//example.com', false],
    ['', false],
    [undefined, false],
  ])('%s -> %s', (url, expected) => {
    expect(isWebLink(url)).toBe(expected);
  });
});

describe('parseWebUrl', () => {
  it('parses http and https addresses', () => {
    expect(parseWebUrl('https://Shop.example:8443/a?b')?.origin).toBe('https://shop.example:8443');
    expect(parseWebUrl('http://shop.example/')?.hostname).toBe('shop.example');
  });

  it('refuses other schemes, text that does not parse and nothing at all', () => {
    for (const url of ['javascript:alert(1)', 'file:///etc/passwd', 'chrome://newtab/', 'not a url', '']) {
      expect(parseWebUrl(url)).toBeNull();
    }
    expect(parseWebUrl(undefined)).toBeNull();
  });
});
