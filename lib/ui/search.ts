import type { Mailbox, MessageSummary } from '../core/types';

/**
 * The popup's one search (issue 15): mailboxes by address, label and site, mail by sender, subject and code.
 * Pure and summary-only: mail bodies are never read for it. The mail side is folded once per popup open
 * (`indexMail`); each keystroke then runs substring tests over those strings, which stays far under a frame
 * for 60 mailboxes of 20 mails (`npm run bench:scale` measures it in the real popup).
 */

/** Case and accents do not matter: "cafe" finds "Café", "ÅSE" finds "åse". */
export function fold(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase();
}

/** The words of a query, folded; every one must be found (in any field) for a match. */
export function queryTerms(query: string): string[] {
  return fold(query).split(/\s+/u).filter(Boolean);
}

const matches = (haystack: string, terms: readonly string[]) => terms.every((t) => haystack.includes(t));

export interface IndexedMail {
  message: MessageSummary;
  /** Sender name and address, subject and code, folded. */
  text: string;
}

/** One mailbox's summaries, folded for search. */
export function indexMail(messages: readonly MessageSummary[]): IndexedMail[] {
  return messages.map((message) => ({
    message,
    text: fold(
      [message.from.name ?? '', message.from.address ?? '', message.subject, message.code ?? ''].join('\n'),
    ),
  }));
}

export interface MailHit {
  mailbox: Mailbox;
  message: MessageSummary;
}

export interface SearchResults {
  mailboxes: Mailbox[];
  /** Newest first, at most MAIL_HITS_SHOWN. */
  mail: MailHit[];
  /** Matching mail beyond those shown. */
  moreMail: number;
}

/** Mail hits listed at once: enough to find a code, few enough to render in a frame. */
export const MAIL_HITS_SHOWN = 30;

/**
 * Runs a query over the mailboxes (as they are now) and their indexed mail. `mail` holds each mailbox's
 * indexed summaries by id; a mailbox missing there contributes no mail.
 */
export function searchAll(
  query: string,
  mailboxes: readonly Mailbox[],
  mail: Readonly<Record<string, readonly IndexedMail[]>>,
  sites: Readonly<Record<string, readonly string[]>> = {},
): SearchResults {
  const terms = queryTerms(query);
  if (terms.length === 0) return { mailboxes: [], mail: [], moreMail: 0 };
  const boxHits = mailboxes.filter((mb) =>
    matches(fold([mb.address, mb.label ?? '', mb.site ?? '', ...(sites[mb.id] ?? [])].join('\n')), terms),
  );
  const mailHits: MailHit[] = [];
  for (const mb of mailboxes) {
    for (const entry of mail[mb.id] ?? []) {
      if (matches(entry.text, terms)) mailHits.push({ mailbox: mb, message: entry.message });
    }
  }
  mailHits.sort((a, b) => b.message.receivedAt - a.message.receivedAt);
  return {
    mailboxes: boxHits,
    mail: mailHits.slice(0, MAIL_HITS_SHOWN),
    moreMail: Math.max(0, mailHits.length - MAIL_HITS_SHOWN),
  };
}
