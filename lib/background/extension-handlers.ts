import { browser } from 'wxt/browser';
import { AppError } from '../core/errors';
import { isExpired } from '../core/expiry';
import { parseWebUrl } from '../core/links';
import type { Mailbox, StoredMessage } from '../core/types';
import { extensionMessenger, type ExtensionProtocol } from '../messaging/extension-protocol';
import { HttpClient } from '../providers/http';
import { createProvider } from '../providers/registry';
import { accountStateItem, activeMailboxItem, mailboxesItem, settingsItem } from '../storage/items';
import { commitInbox, deleteBodies, readInbox, readMessage, writeBodies } from '../storage/mail-store';
import { getApiKey, getApiKeyOrigin, rebindApiKey, setApiKey } from '../storage/secrets';
import {
  addCustomDomain,
  createMailbox,
  markHot,
  deleteMailbox,
  getMailbox,
  handleFor,
  renameMailbox,
  updateMailbox,
} from './mailboxes';
import { mergeInbox, toBody } from '../core/mail-merge';
import { prepareMessage, type Poller } from './poller';
import { providerFor } from './provider-access';
import { withStateLock } from './state-lock';
import { assertExtensionPage } from './trust';
import { exportMailboxes, importMailboxes, mailboxTransfer } from './transfer';
import { fillCodeInTab, otherDomainFromPopup, siteOf } from './fill-in-page';
import { forgetRefusedDomains, setCommunityDomains } from './other-domain';
import { saveSettings, setSiteButton } from './settings';
import { DEFAULT_BASE_URLS } from '../core/settings';
import { pauseFor, resume } from './pause';

export interface HandlerDeps {
  poller: Poller;
  /** Resolves once stored mail is in its current layout (the migration has run). */
  ready: () => Promise<void>;
}

type Handler<K extends keyof ExtensionProtocol> = (
  data: Parameters<ExtensionProtocol[K]>[0],
) => Promise<ReturnType<ExtensionProtocol[K]>>;

async function findMessage(mailboxId: string, messageId: string): Promise<StoredMessage> {
  const m = await readMessage(mailboxId, messageId);
  if (!m) throw new AppError('not-found', 'This message is no longer stored.');
  return m;
}

async function setSeen(mailboxId: string, messageId: string, seen: boolean): Promise<void> {
  await withStateLock(async () => {
    const list = await readInbox(mailboxId);
    const i = list.findIndex((m) => m.id === messageId);
    if (i < 0 || list[i]!.seen === seen) return;
    list[i] = { ...list[i]!, seen };
    await commitInbox(mailboxId, list);
  });
}

/** Tells a provider that keeps a read flag (Mail.tm) that the message was read; best effort. */
async function tellServerSeen(mailboxId: string, messageId: string): Promise<void> {
  try {
    const mb = await getMailbox(mailboxId);
    if (isExpired(mb, Date.now())) return;
    const provider = await providerFor(mb.provider);
    await provider.markSeen?.(await handleFor(mb), messageId);
  } catch {
    // The local flag is what Mayfly shows; the server's copy is a courtesy.
  }
}

/** Stores a body fetched on opening a message whose list carried only its summary. */
async function storeFetchedBody(mailboxId: string, full: StoredMessage): Promise<void> {
  await withStateLock(async () => {
    const merged = mergeInbox(await readInbox(mailboxId), [full]);
    await writeBodies([...merged.filled, ...merged.added].map(toBody));
    await commitInbox(mailboxId, merged.summaries);
  });
}

/** The privileged handlers, each accepted only from an extension page. */
export function registerExtensionHandlers(deps: HandlerDeps): void {
  const handlers: { [K in keyof ExtensionProtocol]: Handler<K> } = {
    createMailbox: (data) => createMailbox(data),
    renameMailbox: ({ mailboxId, username, domain }) => renameMailbox(mailboxId, { username, domain }),
    updateMailbox: ({ mailboxId, label, pinned }) =>
      updateMailbox(mailboxId, {
        ...(label !== undefined ? { label } : {}),
        ...(typeof pinned === 'boolean' ? { pinned } : {}),
      }),
    deleteMailbox: ({ mailboxId }) => deleteMailbox(mailboxId),
    async selectMailbox({ mailboxId }) {
      if (mailboxId !== null) await getMailbox(mailboxId);
      await activeMailboxItem.setValue(mailboxId);
    },
    async refresh({ mailboxId }) {
      const ids = mailboxId
        ? [mailboxId]
        : (await mailboxesItem.getValue()).filter((m) => !m.expired).map((m) => m.id);
      const results = await Promise.all(ids.map((id) => deps.poller.poll(id, { force: true })));
      const failed = results.find((r) => r.status === 'failed');
      if (mailboxId && failed?.status === 'failed') throw failed.error;
    },
    watchMailbox: ({ mailboxId }) => markHot(mailboxId),
    async getMessage({ mailboxId, messageId }) {
      let m = await findMessage(mailboxId, messageId);
      if (!m.hasBody) {
        const mb = await getMailbox(mailboxId);
        const provider = await providerFor(mb.provider);
        const full = await provider.getMessage(await handleFor(mb), messageId);
        await storeFetchedBody(mailboxId, prepareMessage(full, mailboxId, m.fetchedAt));
        m = await findMessage(mailboxId, messageId);
      }
      if (!m.seen) {
        await setSeen(mailboxId, messageId, true);
        m = { ...m, seen: true };
        void tellServerSeen(mailboxId, messageId);
      }
      return m;
    },
    markRead: ({ mailboxId, messageId, read }) => setSeen(mailboxId, messageId, read),
    async deleteMessage({ mailboxId, messageId }) {
      const mb = await getMailbox(mailboxId);
      if (!isExpired(mb, Date.now())) {
        const provider = await providerFor(mb.provider);
        if (provider.deleteMessage) {
          try {
            await provider.deleteMessage(await handleFor(mb), messageId);
          } catch (e) {
            if ((e as AppError).kind !== 'not-found') throw e;
          }
        }
      }
      await withStateLock(async () => {
        const list = await readInbox(mailboxId);
        await commitInbox(
          mailboxId,
          list.filter((m) => m.id !== messageId),
        );
        await deleteBodies(mailboxId, [messageId]);
      });
    },
    async downloadAttachment({ mailboxId, messageId, filename }) {
      const mb = await getMailbox(mailboxId);
      const m = await findMessage(mailboxId, messageId);
      const att = m.attachments.find((a) => a.filename === filename);
      if (!att) throw new AppError('not-found', 'This attachment is not in the message.');
      await downloadAttachment(mb, att);
    },
    async listDomains({ provider }) {
      const p = await providerFor(provider);
      if (!p.listDomains) return [];
      return p.listDomains();
    },
    async testConnection({ provider, baseUrl, apiKey }) {
      // The saved key belongs to the origin it was saved for: any other address gets only a key typed with it.
      const key = apiKey?.trim() || (await getApiKey(provider, baseUrl));
      const p = createProvider(provider, {
        baseUrl: baseUrl.trim(),
        ...(key ? { apiKey: key } : {}),
        tempmailLolApi: (await settingsItem.getValue()).tempmailLolApi,
      });
      const res = await p.probe();
      return res.detail !== undefined ? { detail: res.detail } : {};
    },
    async saveSettings({ settings }) {
      return saveSettings(settings);
    },
    async setSiteButton({ hostname, on }) {
      await setSiteButton(hostname, on === true);
    },
    tryOtherDomain: ({ mailboxId, otherProvider }) => otherDomainFromPopup(mailboxId, otherProvider === true),
    setCommunityDomains: ({ allow }) => setCommunityDomains(allow === true),
    addCustomDomain: ({ domain, password }) => {
      if (typeof domain !== 'string' || typeof password !== 'string') {
        throw new AppError('validation', 'That is not a domain name.');
      }
      return addCustomDomain(domain, password);
    },
    async forgetRefusedDomains({ site }) {
      if (typeof site !== 'string') throw new AppError('validation', 'That is not a site name.');
      await forgetRefusedDomains(site);
    },
    async saveApiKey({ provider, apiKey, baseUrl }) {
      // A key is bound to the API address it is saved for; an empty key only forgets the saved one.
      if (apiKey.trim() && typeof baseUrl !== 'string') {
        throw new AppError('validation', 'The key needs its API address.');
      }
      await setApiKey(provider, apiKey, baseUrl ?? '');
      await withStateLock(async () => {
        const accounts = await accountStateItem.getValue();
        // A new key lifts the pause the refused one caused.
        accounts[provider] = { authPaused: false, authNotified: false };
        await accountStateItem.setValue(accounts);
      });
    },
    async hasApiKey({ provider }) {
      return (await getApiKeyOrigin(provider)) !== null;
    },
    async apiKeyOrigin({ provider }) {
      return getApiKeyOrigin(provider);
    },
    async useSavedApiKey({ provider, baseUrl }) {
      if (!(await rebindApiKey(provider, baseUrl))) {
        throw new AppError('validation', 'There is no saved key to use with this address.');
      }
      await withStateLock(async () => {
        const accounts = await accountStateItem.getValue();
        accounts[provider] = { authPaused: false, authNotified: false };
        await accountStateItem.setValue(accounts);
      });
    },
    async fillCodeInPage({ code, mailboxId, otherSite }) {
      const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
      if (!tab?.id) throw new AppError('not-found', 'There is no page to fill the code into.');
      const mailboxSite = mailboxId ? (await getMailbox(mailboxId).catch(() => undefined))?.site : undefined;
      const pageSite = siteOf(tab.url);
      if (mailboxSite && pageSite && pageSite !== mailboxSite && otherSite !== pageSite) {
        return { filled: false, siteMismatch: { page: pageSite, mailbox: mailboxSite } };
      }
      try {
        return { filled: await fillCodeInTab(tab.id, 0, code, tab.url) };
      } catch {
        throw new AppError('blocked', 'Mayfly cannot fill this page. Copy the code and paste it instead.');
      }
    },
    pause: ({ choice }) => pauseFor(choice, Date.now()),
    resume: () => resume(),
    exportMailboxes: () => exportMailboxes(),
    importMailboxes: ({ json }) => importMailboxes(json),
    mailboxTransfer: ({ mailboxId }) => mailboxTransfer(mailboxId),
  };

  for (const name of Object.keys(handlers) as (keyof ExtensionProtocol)[]) {
    const handler = handlers[name] as (data: unknown) => Promise<unknown>;
    extensionMessenger.onMessage(name, async ({ data, sender }) => {
      assertExtensionPage(sender as Parameters<typeof assertExtensionPage>[0]);
      await deps.ready();
      return (await handler(data)) as never;
    });
  }
}

/** Whether two http(s) URLs share an origin; false when either is anything else or does not parse. */
function sameOrigin(a: string, b: string | undefined): boolean {
  const [first, second] = [parseWebUrl(a), parseWebUrl(b)];
  return first !== null && second !== null && first.origin === second.origin;
}

/**
 * Downloads an attachment, always from bytes the background fetched itself without credentials: the
 * downloads API sends the person's cookies for the file's host, so a hostile server could make a "download"
 * act as them there (`https://bank.example/account/delete?confirm=yes`). One that needs the API key is
 * One on the API's own origin is fetched by the provider (the key, when the API has one, goes only to that
 * origin, and fetch drops it on a redirect elsewhere); any other is fetched with no key and no cookies.
 */
async function downloadAttachment(mb: Mailbox, att: StoredMessage['attachments'][number]): Promise<void> {
  const settings = await settingsItem.getValue();
  const filename = safeFilename(att.filename);
  if (sameOrigin(att.url, settings.baseUrls[mb.provider] || DEFAULT_BASE_URLS[mb.provider])) {
    const provider = await providerFor(mb.provider, settings);
    if (provider.downloadAttachment) {
      const file = await provider.downloadAttachment(await handleFor(mb), att);
      await saveBytes(file.bytes, filename);
      return;
    }
  }
  const url = parseWebUrl(att.url);
  if (!url) throw new AppError('blocked', 'This attachment link is not a web address.');
  // No authorization is configured: this client never sends the key, whatever the host.
  const client = new HttpClient({
    serviceName: url.host,
    baseUrl: url.origin,
    timeoutMs: ATTACHMENT_TIMEOUT_MS,
  });
  const response = await client.send({ method: 'GET', url: url.href, idempotent: true });
  if (!response.ok) {
    throw new AppError(
      response.status === 404 || response.status === 410 ? 'not-found' : 'server',
      `${url.host} did not hand over this attachment (HTTP ${response.status}).`,
    );
  }
  await saveBytes(response.bytes, filename);
}

/** A public attachment may be large and its host slow; the size cap of the http layer still applies. */
const ATTACHMENT_TIMEOUT_MS = 60_000;

/**
 * Saves bytes as a download. A blob: URL where the background has a DOM URL factory (Firefox's background
 * page); a data: URL in Chrome's service worker, which has none (the downloads API accepts large ones).
 */
async function saveBytes(bytes: ArrayBuffer, filename: string): Promise<void> {
  const type = 'application/octet-stream';
  if (typeof URL.createObjectURL === 'function') {
    const url = URL.createObjectURL(new Blob([bytes], { type }));
    try {
      await browser.downloads.download({ url, filename, saveAs: false });
    } finally {
      // The download has its own reference once started; a minute covers a slow start.
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
    }
    return;
  }
  await browser.downloads.download({
    url: `data:${type};base64,${toBase64(bytes)}`,
    filename,
    saveAs: false,
  });
}

function toBase64(buffer: ArrayBuffer): string {
  const bytes = new Uint8Array(buffer);
  const CHUNK = 0x8000;
  let binary = '';
  for (let i = 0; i < bytes.length; i += CHUNK) {
    binary += String.fromCharCode(...bytes.subarray(i, i + CHUNK));
  }
  return btoa(binary);
}

/**
 * A file name the downloads API accepts and a person can read truthfully: no path separators, reserved or
 * control characters, no bidirectional controls (`invoice\u202Efdp.exe` would show as "invoiceexe.pdf"),
 * no leading dots and no trailing dots or spaces (Windows drops them, which can change the extension).
 */
export function safeFilename(name: string): string {
  const cleaned = [...name]
    .filter((ch) => !/[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/.test(ch))
    .map((ch) =>
      ch.charCodeAt(0) < 0x20 || ch.charCodeAt(0) === 0x7f || '\\/:*?"<>|'.includes(ch) ? '_' : ch,
    )
    .join('')
    .replace(/^\.+/, '_')
    .slice(0, 120)
    .replace(/[. ]+$/, '');
  return cleaned || 'attachment';
}
