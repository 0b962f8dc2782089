import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isPlaceholder, readManifest, type ManifestMail } from '../../../bench/lib/mail-corpus';
import { extractVerification } from '../../../lib/core/verification';

const projectRoot = resolve(__dirname, '../../..');
const fixturesDir = join(projectRoot, 'test/fixtures/mail');
const probeDir = join(projectRoot, 'test/fixtures/mail-probe');
const corpusDir = resolve(projectRoot, '../shared/corpus/mail/dev');
const corpusPresent = existsSync(join(corpusDir, 'manifest.json'));

/** Asserts the labels of every mail in a manifest folder: decoys never come back, real labels always do. */
function describeManifest(dir: string, mails: ManifestMail[]) {
  it.each(mails.map((mail) => [mail.file, mail] as const))('%s', (_file, mail) => {
    const result = extractVerification({
      subject: mail.subject ?? '',
      html: readFileSync(join(dir, mail.file), 'utf8'),
    });

    const realCodes = mail.verification_codes.map((c) => c.value).filter((v) => !isPlaceholder(v));
    const realLinks = mail.verification_links.map((l) => l.href).filter((v) => !isPlaceholder(v));
    const decoyLinks = mail.decoy_links_not_verification.map((l) => l.href);

    if (result.code !== undefined) expect(mail.decoy_codes_not_verification).not.toContain(result.code);
    if (result.link !== undefined) expect(decoyLinks).not.toContain(result.link);

    if (realCodes.length > 0) expect(realCodes).toContain(result.code);
    else expect(result.code).toBeUndefined();
    if (realLinks.length > 0) expect(realLinks).toContain(result.link);
    else expect(result.link).toBeUndefined();
  });
}

describe('own multilingual fixture mails (test/fixtures/mail)', () => {
  describeManifest(fixturesDir, readManifest(fixturesDir));
});

// Written after the extractor was tuned, to measure it on unseen mail (first run: recall 0.875, 0 decoys).
describe('own probe mails (test/fixtures/mail-probe)', () => {
  describeManifest(probeDir, readManifest(probeDir));
});

describe.skipIf(!corpusPresent)(`shared dev mail corpus (${corpusDir}; skipped when absent)`, () => {
  const mails = corpusPresent ? readManifest(corpusDir) : [];
  describeManifest(corpusDir, mails);

  it('finds the Uber code 1973', () => {
    const html = readFileSync(join(corpusDir, 'relay__uber_otp_only_html_incoming.html'), 'utf8');
    expect(extractVerification({ subject: '', html }).code).toBe('1973');
  });

  it('returns nothing for placeholder-only templates ({{Token}}, {{ .OneTimeCode }})', () => {
    for (const file of [
      'bitwarden-server__OTPEmail.html.hbs.html',
      'authelia__IdentityVerificationOTC.html',
    ]) {
      expect(extractVerification({ subject: '', html: readFileSync(join(corpusDir, file), 'utf8') })).toEqual(
        {},
      );
    }
  });
});
