import type { ApiName } from './types';

/**
 * Mail domains of each API. They are disjoint, so the domain of an SMTP recipient tells which API's
 * mailbox it is for.
 */
export const DOMAINS = {
  tempmailgFree: 'mayfly-g.test',
  tempmailgPremium: 'premium.mayfly-g.test',
  selfhosted: 'selfhosted.test',
  lol: 'lol.test',
  lolCommunity: 'rush.lol.test',
  /** A TempMail.lol customer's own domain (legacy custom-domain flows): a catch-all read with its password. */
  lolCustom: 'custom.lol.test',
  mailtm: 'mailtm.test',
  mailgw: 'mailgw.test',
} as const;

/** The password of the custom domain (the long token from the custom-domain page, seed 004). */
export const LOL_CUSTOM_PASSWORD = 'custom-domain-password';

const apiByDomain: Record<string, ApiName> = {
  [DOMAINS.tempmailgFree]: 'tempmailg',
  [DOMAINS.tempmailgPremium]: 'tempmailg',
  [DOMAINS.selfhosted]: 'selfhosted',
  [DOMAINS.lol]: 'tempmail-lol',
  [DOMAINS.lolCommunity]: 'tempmail-lol',
  [DOMAINS.lolCustom]: 'tempmail-lol',
  [DOMAINS.mailtm]: 'mailtm',
  [DOMAINS.mailgw]: 'mailgw',
};

/** Which API owns a mail domain, or undefined for a foreign domain. */
export function apiForDomain(domain: string): ApiName | undefined {
  return apiByDomain[domain.toLowerCase()];
}
