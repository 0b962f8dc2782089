import { describe, expect, it } from 'vitest';
import { isWebLink } from '../../../lib/core/links';

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
