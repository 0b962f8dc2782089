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
  mailtm: 'mailtm.test',
  mailgw: 'mailgw.test',
} as const;

const apiByDomain: Record<string, ApiName> = {
  [DOMAINS.tempmailgFree]: 'tempmailg',
  [DOMAINS.tempmailgPremium]: 'tempmailg',
  [DOMAINS.selfhosted]: 'selfhosted',
  [DOMAINS.lol]: 'tempmail-lol',
  [DOMAINS.lolCommunity]: 'tempmail-lol',
  [DOMAINS.mailtm]: 'mailtm',
  [DOMAINS.mailgw]: 'mailgw',
};

/** Which API owns a mail domain, or undefined for a foreign domain. */
export function apiForDomain(domain: string): ApiName | undefined {
  return apiByDomain[domain.toLowerCase()];
}
