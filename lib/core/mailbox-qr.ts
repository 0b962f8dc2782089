import type { MailboxCredentials, ProviderId } from './types';

/**
 * "Move a mailbox to a phone" (issue 15): what the QR code of one mailbox carries. The background reads the
 * credentials (lib/storage/secrets.ts) and hands the popup only this, never an account's API key.
 */
export interface MailboxTransfer {
  provider: ProviderId;
  address: string;
  /** The API the mailbox lives on (the configured base URL, else the provider's default). */
  apiBaseUrl: string;
  /** The per-mailbox secret that opens it elsewhere, or null when there is none to give (address only). */
  secret: { kind: 'token' | 'password'; value: string } | null;
}

/**
 * The per-mailbox secret a phone can use, or null:
 * - TempMail.lol inbox and TempMailG: the inbox token the API reads the mail with;
 * - Mail.tm / Mail.gw: the account password (their web apps log in with address and password; the JWT Mayfly
 *   holds expires, the password does not);
 * - self-hosted: no per-mailbox secret exists (the API key is the account's and is never shared);
 * - a TempMail.lol custom domain: its password opens the person's whole domain, so it is not put in a code.
 */
export function transferSecret(creds: MailboxCredentials | undefined): MailboxTransfer['secret'] {
  if (!creds) return null;
  switch (creds.kind) {
    case 'tempmailg':
      return creds.emailToken ? { kind: 'token', value: creds.emailToken } : null;
    case 'tempmail-lol':
      return creds.customDomain || !creds.token ? null : { kind: 'token', value: creds.token };
    case 'mailtm':
    case 'mailgw':
      return creds.password ? { kind: 'password', value: creds.password } : null;
    case 'selfhosted':
      return null;
  }
}

/**
 * The QR payload: compact JSON, keys in a fixed order, documented in README ("Move a mailbox to a phone").
 * `{"mayfly":"mailbox","v":1,"provider":…,"address":…,"api":…,"token"|"password":…}`; no secret key when
 * the mailbox has none to give.
 */
export function qrPayload(t: MailboxTransfer): string {
  const body: Record<string, string | number> = {
    mayfly: 'mailbox',
    v: 1,
    provider: t.provider,
    address: t.address,
    api: t.apiBaseUrl,
  };
  if (t.secret) body[t.secret.kind] = t.secret.value;
  return JSON.stringify(body);
}
