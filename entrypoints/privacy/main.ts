import policy from '../../PRIVACY.md?raw';
import { renderPolicy } from '../../lib/ui/policy-text';
import { t, textDirection, uiLanguage } from '../../lib/ui/i18n';
import '../../lib/ui/theme.css';
import './style.css';

// The policy is written in English; a person reading another language is told so, in that language, above it.
const lang = uiLanguage();
const main = document.getElementById('policy')!;
if (!lang.startsWith('en')) {
  const note = document.createElement('p');
  note.className = 'language-note';
  note.lang = lang;
  note.dir = textDirection(lang);
  note.textContent = t('privacyEnglishOnly');
  main.append(note);
}
document.title = renderPolicy(document, main, policy);
