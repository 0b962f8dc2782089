import { describe, expect, it } from 'vitest';
import { formatPauseEnd } from '../../../lib/ui/pause-text';

describe('the end of a pause as the person reads it', () => {
  // Local times, so the test holds in any time zone the machine is set to.
  const evening = new Date(2026, 11, 3, 23, 31).getTime();

  it('is a time when the pause ends the same day', () => {
    expect(formatPauseEnd(new Date(2026, 11, 3, 23, 50).getTime(), evening, 'en')).toBe('11:50 PM');
  });

  it('names the day when the pause ends after midnight', () => {
    expect(formatPauseEnd(new Date(2026, 11, 4, 0, 31).getTime(), evening, 'en')).toBe('Friday 12:31 AM');
    expect(formatPauseEnd(new Date(2026, 11, 4, 0, 31).getTime(), evening, 'de')).toBe('Freitag, 00:31');
  });
});
