import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The shared mail-corpus manifest format: a folder holds `manifest.json` and the HTML files it names, each
 * mail labelled with its real verification codes and links and with decoys that must never come back.
 * bench:otp scores against these labels and the corpus unit test asserts them; both read them here.
 */
export interface ManifestMail {
  file: string;
  subject?: string;
  text?: string;
  verification_codes: { value: string }[];
  verification_links: { href: string }[];
  decoy_codes_not_verification: string[];
  decoy_links_not_verification: { href: string }[];
}

/** The mails `manifest.json` in `dir` lists. */
export function readManifest(dir: string): ManifestMail[] {
  return (JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as { emails: ManifestMail[] }).emails;
}

/** A label that names a template slot (`{{Token}}`, `{{ .LinkURL }}`, `#`) rather than a value a real mail carries. */
export function isPlaceholder(value: string): boolean {
  return value.includes('{{') || value.trim() === '' || value.trim() === '#';
}
