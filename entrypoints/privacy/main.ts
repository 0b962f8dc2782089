import { localeId } from '../../lib/i18n/catalog';
import { renderPolicy } from '../../lib/ui/policy-text';
import { textDirection, uiLanguage } from '../../lib/ui/i18n';
import '../../lib/ui/theme.css';
import './style.css';

/**
 * The build packages the policy in every shipped language as privacy/<locale>.md (PRIVACY.md, the one the
 * repository and the store listing link to, and its translations in lib/i18n/privacy): the page fetches the
 * one it shows, and English if that is missing.
 */
async function policyText(locale: string): Promise<string | null> {
  const response = await fetch(`/privacy/${locale}.md`);
  return response.ok ? response.text() : null;
}

async function show(): Promise<void> {
  const lang = uiLanguage();
  const translated = lang === 'en' ? null : await policyText(localeId(lang)).catch(() => null);
  const shown = translated === null ? 'en' : lang;
  document.documentElement.lang = shown;
  document.documentElement.dir = textDirection(shown);
  const main = document.getElementById('policy')!;
  document.title = renderPolicy(document, main, translated ?? (await policyText('en')) ?? '');
}

void show();
