import { browser } from 'wxt/browser';
import { AppError } from '../core/errors';
import { isExpired } from '../core/expiry';
import { parseWebUrl } from '../core/links';
import type { Mailbox, StoredMessage } from '../core/types';
import { extensionMessenger, type ExtensionProtocol } from '../messaging/extension-protocol';
import { HttpClient } from '../providers/http';
import { createProvider } from '../providers/registry';
import { accountStateItem, mailboxesItem, messagesItem, settingsItem } from '../storage/items';
import { getApiKey, getApiKeyOrigin, rebindApiKey, setApiKey } from '../storage/secrets';
import {
  createMailbox,
  markHot,
  deleteMailbox,
  getMailbox,
  handleFor,
  renameMailbox,
  updateMailbox,
} from './mailboxes';
import { mergeMessages } from '../core/mail-merge';
import type { Poller } from './poller';
import { providerFor } from './provider-access';
import type { Scheduler } from './scheduler';
import { withStateLock } from './state-lock';
import { assertExtensionPage } from './trust';
import { exportMailboxes, importMailboxes } from './transfer';
import { fillCodeInTab, otherDomainFromPopup, siteOf } from './fill-in-page';
import { forgetRefusedDomains } from './other-domain';
import { saveSettings, setSiteButton } from './settings';

export interface HandlerDeps {
  poller: Poller;
  scheduler: Scheduler;
  onStateChanged: () => Promise<void>;
}

type Handler<K extends keyof ExtensionProtocol> = (
  data: Parameters<ExtensionProtocol[K]>[0],
) => Promise<ReturnType<ExtensionProtocol[K]>>;

async function findMessage(mailboxId: string, messageId: string): Promise<StoredMessage> {
  const m = ((await messagesItem.getValue())[mailboxId] ?? []).find((x) => x.id === messageId);
  if (!m) throw new AppError('not-found', 'This message is no longer stored.');
  return m;
}

async function setSeen(mailboxId: string, messageId: string, seen: boolean): Promise<void> {
  await withStateLock(async () => {
    const all = await messagesItem.getValue();
    all[mailboxId] = (all[mailboxId] ?? []).map((m) => (m.id === messageId ? { ...m, seen } : m));
    await messagesItem.setValue(all);
  });
}

/** The privileged handlers, each accepted only from an extension page. */
export function registerExtensionHandlers(deps: HandlerDeps): void {
  const handlers: { [K in keyof ExtensionProtocol]: Handler<K> } = {
    async createMailbox(data) {
      const mb = await createMailbox(data);
      await deps.scheduler.reschedule();
      return mb;
    },
    async renameMailbox({ mailboxId, username, domain }) {
      const mb = await renameMailbox(mailboxId, { username, domain });
      await deps.scheduler.reschedule();
      return mb;
    },
    updateMailbox: ({ mailboxId, label }) => updateMailbox(mailboxId, label !== undefined ? { label } : {}),
    async deleteMailbox({ mailboxId }) {
      await deleteMailbox(mailboxId);
      await deps.onStateChanged();
      await deps.scheduler.reschedule();
    },
    async refresh({ mailboxId }) {
      const ids = mailboxId
        ? [mailboxId]
        : (await mailboxesItem.getValue()).filter((m) => !m.expired).map((m) => m.id);
      const results = await Promise.all(ids.map((id) => deps.poller.poll(id, { force: true })));
      await deps.scheduler.reschedule();
      const failed = results.find((r) => r.status === 'failed');
      if (mailboxId && failed?.status === 'failed') throw failed.error;
    },
    async watchMailbox({ mailboxId }) {
      await markHot(mailboxId);
      await deps.scheduler.reschedule();
    },
    async getMessage({ mailboxId, messageId }) {
      let m = await findMessage(mailboxId, messageId);
      if (!m.hasBody) {
        const mb = await getMailbox(mailboxId);
        const provider = await providerFor(mb.provider);
        const full = await provider.getMessage(await handleFor(mb), messageId);
        await withStateLock(async () => {
          const all = await messagesItem.getValue();
          all[mailboxId] = mergeMessages(all[mailboxId] ?? [], [full], mailboxId, Date.now()).messages;
          await messagesItem.setValue(all);
        });
        m = await findMessage(mailboxId, messageId);
      }
      if (!m.seen) {
        await setSeen(mailboxId, messageId, true);
        await deps.onStateChanged();
        m = { ...m, seen: true };
      }
      return m;
    },
    async markRead({ mailboxId, messageId, read }) {
      await setSeen(mailboxId, messageId, read);
      await deps.onStateChanged();
    },
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
        const all = await messagesItem.getValue();
        all[mailboxId] = (all[mailboxId] ?? []).filter((m) => m.id !== messageId);
        await messagesItem.setValue(all);
      });
      await deps.onStateChanged();
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
    async tryOtherDomain({ mailboxId }) {
      const result = await otherDomainFromPopup(mailboxId);
      await deps.scheduler.reschedule();
      return result;
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
      await deps.scheduler.reschedule();
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
      await deps.scheduler.reschedule();
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
    exportMailboxes: () => exportMailboxes(),
    async importMailboxes({ json }) {
      const res = await importMailboxes(json);
      await deps.scheduler.reschedule();
      return res;
    },
  };

  for (const name of Object.keys(handlers) as (keyof ExtensionProtocol)[]) {
    const handler = handlers[name] as (data: unknown) => Promise<unknown>;
    extensionMessenger.onMessage(name, async ({ data, sender }) => {
      assertExtensionPage(sender as Parameters<typeof assertExtensionPage>[0]);
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
  if (sameOrigin(att.url, settings.baseUrls[mb.provider])) {
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
