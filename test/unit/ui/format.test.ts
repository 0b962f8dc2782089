import { describe, expect, it, vi } from 'vitest';
import {
  formatBytes,
  formatCountdown,
  formatNumber,
  formatRelativeTime,
  prepareFormatters,
} from '../../../lib/ui/format';

describe('formatCountdown', () => {
  it.each([
    [65_000, 'en', '1:05'],
    [9 * 60_000 + 59_000, 'en', '9:59'],
    [2 * 3_600_000 + 5 * 60_000 + 7_000, 'en', '2:05:07'],
    [999, 'en', '0:00'],
  ])('formats %i ms in %s as %s', (ms, lang, expected) => {
    expect(formatCountdown(ms, lang)).toBe(expected);
  });

  it('is empty once the time is up', () => {
    expect(formatCountdown(0, 'en')).toBe('');
    expect(formatCountdown(-5000, 'en')).toBe('');
  });

  it('uses days and hours beyond a day', () => {
    const text = formatCountdown(2 * 86_400_000 + 3 * 3_600_000, 'en');
    expect(text).toMatch(/2 days/);
    expect(text).toMatch(/3 hr/);
  });

  it('uses the digits of the UI language', () => {
    expect(formatCountdown(65_000, 'bn')).toBe('১:০৫');
    // Which digits Arabic uses by default depends on the CLDR version: follow Intl's own choice.
    const one = new Intl.NumberFormat('ar').format(1);
    const zero = new Intl.NumberFormat('ar').format(0);
    const five = new Intl.NumberFormat('ar').format(5);
    expect(formatCountdown(65_000, 'ar')).toBe(`${one}:${zero}${five}`);
  });
});

describe('formatRelativeTime', () => {
  const now = 10_000_000_000;
  it('picks the largest unit that fits', () => {
    expect(formatRelativeTime(now - 3 * 60_000, now, 'en')).toBe('3 minutes ago');
    expect(formatRelativeTime(now - 2 * 3_600_000, now, 'en')).toBe('2 hours ago');
    expect(formatRelativeTime(now - 86_400_000, now, 'en')).toBe('yesterday');
  });

  it('speaks the UI language', () => {
    expect(formatRelativeTime(now - 3 * 60_000, now, 'nb')).toMatch(/for 3 minutter siden/);
  });
});

describe('formatBytes', () => {
  it('scales to the right unit', () => {
    expect(formatBytes(512, 'en')).toBe('512 bytes');
    expect(formatBytes(1, 'en')).toBe('1 byte');
    expect(formatBytes(956, 'nb')).toBe('956 byte');
    expect(formatBytes(1_500, 'en')).toBe('1.5 kB');
    expect(formatBytes(3_200_000, 'en')).toBe('3.2 MB');
  });
});

describe('prepareFormatters', () => {
  it('makes every formatter a first paint uses, so the render makes none', () => {
    prepareFormatters('hi');
    const made = [vi.spyOn(Intl, 'NumberFormat'), vi.spyOn(Intl, 'RelativeTimeFormat')];
    try {
      formatNumber(3, 'hi');
      formatRelativeTime(0, 120_000, 'hi');
      formatCountdown(9 * 60_000, 'hi');
      formatCountdown(2 * 3_600_000, 'hi');
      expect(made.map((spy) => spy.mock.calls.length)).toEqual([0, 0]);
    } finally {
      made.forEach((spy) => spy.mockRestore());
    }
  });

  it('keeps each formatter under its own options: what it made formats as a fresh one would', () => {
    // Persian is made here first, by prepareFormatters, so a formatter kept under the wrong options would show.
    prepareFormatters('fa');
    expect(formatCountdown(65_000, 'fa')).toBe('۱:۰۵');
    expect(formatRelativeTime(0, 120_000, 'fa')).toBe('۲ دقیقه پیش');
    expect(formatNumber(1234, 'fa')).toBe(new Intl.NumberFormat('fa').format(1234));
  });
});
