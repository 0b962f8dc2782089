import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { LOCALES } from '../../../lib/i18n/catalog';
import { t, tCount, textDirection, uiLanguage } from '../../../lib/ui/i18n';
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

describe('uiLanguage', () => {
  it('is the language of the messages file the browser picked, as a BCP 47 tag', () => {
    setTestLocale('pt_BR');
    expect(uiLanguage()).toBe('pt-BR');
    expect(textDirection(uiLanguage())).toBe('ltr');
    setTestLocale('fa');
    expect(uiLanguage()).toBe('fa');
    expect(textDirection(uiLanguage())).toBe('rtl');
  });

  it('falls back to the browser language, then English, when the messages do not name themselves', () => {
    const i18n = fakeBrowser.i18n as unknown as Record<string, unknown>;
    i18n.getMessage = () => '';
    i18n.getUILanguage = () => 'zh-CN';
    expect(uiLanguage()).toBe('zh-CN');
    i18n.getUILanguage = () => 'de-AT';
    expect(uiLanguage()).toBe('de');
    i18n.getUILanguage = () => 'pt-PT';
    expect(uiLanguage()).toBe('en');
  });
});

describe('the catalog', () => {
  it('names every locale in its own localeId, so uiLanguage matches the words shown', () => {
    for (const locale of LOCALES) {
      setTestLocale(locale);
      expect(t('localeId')).toBe(locale);
    }
  });
});
