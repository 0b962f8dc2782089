import { describe, expect, it } from 'vitest';
import { tCount } from '../../../lib/ui/i18n';
import { setTestLocale } from '../setup-i18n';

describe('tCount', () => {
  it('picks the English singular for one and the plural for other counts', () => {
    expect(tCount('bgNotifySummaryTitle', 1, [], 'en')).toBe('1 new message');
    expect(tCount('bgNotifySummaryTitle', 5, [], 'en')).toBe('5 new messages');
    expect(tCount('bgNotifySummaryTitle', 1000, [], 'en')).toBe('1,000 new messages');
  });

  it("uses Arabic's dual and few forms", () => {
    setTestLocale('ar');
    expect(tCount('bgNotifySummaryTitle', 2, [], 'ar')).toBe('رسالتان جديدتان');
    expect(tCount('bgNotifySummaryTitle', 3, [], 'ar')).toBe('3 رسائل جديدة');
    expect(tCount('bgNotifySummaryTitle', 11, [], 'ar')).toBe('11 رسالة جديدة');
  });

  it('writes the count in the language’s digits and fills the other values', () => {
    setTestLocale('bn');
    expect(tCount('popupDroppedMail', 3, ['৫০০'], 'bn')).toMatch(/^৩টি বার্তা রাখা হয়নি.*\(৫০০\)/);
  });
});
