import { LOCALES } from '../../lib/i18n/catalog';
import { describeLanguage } from './language-journeys';

// The second half of the shipped locales (the journeys: language-journeys.ts).
for (const lang of LOCALES.slice(Math.ceil(LOCALES.length / 2))) describeLanguage(lang);
