import { commitInbox, writeBodies } from '../../../lib/storage/mail-store';
import { toBody, toSummary } from '../../../lib/core/mail-merge';
import { vi } from 'vitest';
import { forgetRefusedDomains } from '../../../lib/background/other-domain';
import { saveSettings, setSiteButton } from '../../../lib/background/settings';
import type { Mailbox, ProviderId, StoredMessage } from '../../../lib/core/types';
import type { ProviderCapabilities } from '../../../lib/providers/types';
import type { MessageData, MessageResult, MessageType, Send } from '../../../lib/ui/models/deps';

/** Capabilities of a made-up provider; tests override what they exercise. */
export function capabilities(overrides: Partial<ProviderCapabilities> = {}): ProviderCapabilities {
  return {
    apiKey: 'none',
    needsBaseUrl: false,
    canListDomains: false,
    canChooseDomain: 'no',
    customUsername: 'no',
    canRename: false,
    canDeleteMailbox: false,
    canDeleteMessage: false,
    hasAttachments: false,
    messageListIncludesBody: true,
    destructiveRead: false,
    minPollIntervalMs: 1000,
    defaultTtlMs: 3_600_000,
    quotaHeaders: false,
    ...overrides,
  };
}

/** A tempmailg-like provider: custom names and domains, rename, delete, attachments, quota headers. */
export const RICH = capabilities({
  apiKey: 'required',
  canListDomains: true,
  canChooseDomain: 'on-create',
  customUsername: 'on-create',
  usernameRule: { pattern: /^[a-z0-9]{3,20}$/, reserved: ['admin'], hint: 'alnum-3-20' },
  canRename: true,
  canDeleteMailbox: true,
  canDeleteMessage: true,
  hasAttachments: true,
  quotaHeaders: true,
});

/** A TempMail.lol-like provider: random addresses only, nothing to delete on the server. */
export const PLAIN = capabilities();

export function capabilitiesOf(map: Partial<Record<ProviderId, ProviderCapabilities>>) {
  return (id: ProviderId): ProviderCapabilities => map[id] ?? PLAIN;
}

export function mailbox(overrides: Partial<Mailbox> = {}): Mailbox {
  const address = overrides.address ?? 'alpha@example.test';
  return {
    id: `tempmailg:${address}`,
    provider: 'tempmailg',
    address,
    domain: address.split('@')[1]!,
    createdAt: 1_000,
    expiresAt: null,
    expired: false,
    ...overrides,
  };
}

export function message(overrides: Partial<StoredMessage> = {}): StoredMessage {
  return {
    id: 'm1',
    mailboxId: 'tempmailg:alpha@example.test',
    from: { name: 'Shop', address: 'no-reply@shop.test' },
    subject: 'Your code',
    receivedAt: 1_000,
    hasBody: true,
    text: 'Code 123456',
    attachments: [],
    fetchedAt: 1_000,
    seen: false,
    ...overrides,
  };
}

/** A recorded call to the background. */
export interface SentMessage {
  type: MessageType;
  data: unknown;
}

type Handlers = { [K in MessageType]?: (data: MessageData<K>) => unknown };

/** The background's real settings writers (over fakeBrowser storage), so settings tests see what is stored. */
const SETTINGS_HANDLERS: Handlers = {
  saveSettings: ({ settings }) => saveSettings(settings),
  setSiteButton: ({ hostname, on }) => setSiteButton(hostname, on),
  forgetRefusedDomains: ({ site }) => forgetRefusedDomains(site),
};

/**
 * A fake background: records every command and answers from `handlers` (an unanswered command resolves
 * with undefined). Settings commands go to the background's real settings module unless overridden.
 */
export function fakeSend(handlers: Handlers = {}) {
  const sent: SentMessage[] = [];
  const all: Handlers = { ...SETTINGS_HANDLERS, ...handlers };
  const send = vi.fn(async (type: MessageType, data: unknown) => {
    sent.push({ type, data });
    const handler = all[type] as ((d: unknown) => unknown) | undefined;
    return handler ? await handler(data) : undefined;
  }) as unknown as Send & ReturnType<typeof vi.fn>;
  return { send, sent, ofType: (type: MessageType) => sent.filter((m) => m.type === type) };
}

export type { MessageResult };

/** Stores messages as the background does (summaries in storage.local, bodies in IndexedDB). */
export async function storeInbox(mailboxId: string, messages: StoredMessage[]): Promise<void> {
  await writeBodies(messages.map(toBody));
  await commitInbox(
    mailboxId,
    messages.map((m) => toSummary({ ...m, mailboxId })),
  );
}
