import type { ProviderCapabilities } from '../providers/types';

/**
 * "Choose name" suggests a name from the site the popup is open on (issue 15): `shop.example` → `shop-x7k2`.
 * The site's own name, then four random letters and digits so the address is not guessable from the site
 * alone; shaped to the provider's rule (no hyphen where only letters and digits are allowed). Pure: the
 * random source is passed in.
 */

/** Characters of the random part. */
const ALPHABET = 'abcdefghijkmnpqrstuvwxyz23456789';
/** The site's part is cut to this, so the name stays short and fits every provider's limit. */
const MAX_BASE = 12;

/** The label that names the site: `accounts.shop.example` → `shop`, `bbc.co.uk` → `bbc`; none for an IP. */
export function siteLabel(hostname: string): string {
  if (/^[\d.]+$/.test(hostname) || hostname.includes(':') || hostname.startsWith('[')) return '';
  const parts = hostname
    .toLowerCase()
    .replace(/^www\./, '')
    .split('.')
    .filter(Boolean);
  if (parts.length <= 1) return parts[0] ?? '';
  // A two-letter country code under a short second level (co.uk, com.au, ac.jp) belongs to the suffix.
  const last = parts.at(-1)!;
  const second = parts.at(-2)!;
  const suffixLength = parts.length >= 3 && last.length === 2 && second.length <= 3 ? 2 : 1;
  return parts[parts.length - 1 - suffixLength] ?? '';
}

/** A name for an address made on `hostname`, valid under the provider's rule; null when none fits. */
export function suggestName(
  hostname: string,
  rule: ProviderCapabilities['usernameRule'],
  random: () => number,
): string | null {
  const base = siteLabel(hostname)
    .normalize('NFKD')
    .replace(/[^a-z0-9]/g, '')
    .slice(0, MAX_BASE);
  const tail = Array.from({ length: 4 }, () => ALPHABET[Math.floor(random() * ALPHABET.length)]).join('');
  const stem = base || 'mail';
  const candidates = [`${stem}-${tail}`, `${stem}${tail}`, `${stem}_${tail}`];
  const fits = (name: string) =>
    !rule || (rule.pattern.test(name) && !rule.reserved?.includes(name.toLowerCase()));
  return candidates.find(fits) ?? null;
}
