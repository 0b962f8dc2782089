import { batch, computed, signal } from '@preact/signals';
import { parseWebUrl } from '../../core/links';
import { clampPollSetting, POLL_LIMITS } from '../../core/schedule';
import type { ProviderId } from '../../core/types';
import { PROVIDER_IDS } from '../../core/types';
import type { ProviderCapabilities } from '../../providers/types';
import { normalizeProviderBaseUrl } from '../../providers/url';
import {
  DEFAULT_BASE_URLS,
  DEFAULT_SETTINGS,
  type CommunityDomains,
  type Settings,
} from '../../storage/items';
import type { ReadableItem, Send } from './deps';

export interface OptionsModelDeps {
  /** Read and followed here; written only by the background (`saveSettings`, `setSiteButton`). */
  settings: ReadableItem<Settings>;
  /** Domains each site refused ("Try another domain"), shown so the person can allow them again. */
  refusedDomains: ReadableItem<Record<string, string[]>>;
  /** The person's answer about TempMail.lol community domains, shown (and changeable) once given. */
  communityDomains?: ReadableItem<CommunityDomains>;
  send: Send;
  capabilitiesOf: (provider: ProviderId, settings?: Settings) => ProviderCapabilities;
  /**
   * Asks the browser for host access. Must be called synchronously inside the click handler (a user
   * gesture), so the model calls it before its first await.
   */
  requestOrigins: (origins: string[]) => Promise<boolean>;
}

/** The outcome of "Test connection", "Save" or an import, for the status line under the buttons. */
export type OptionsStatus =
  | { kind: 'ok'; messageKey: string; detail?: string; counts?: number[] }
  | { kind: 'error'; messageKey: string; detail?: string; counts?: number[] }
  | { kind: 'app-error'; error: unknown };

export { POLL_LIMITS };

type NumericSetting = keyof typeof POLL_LIMITS;

/**
 * Where a base URL needs host access the extension does not hold by default: its origin when it is not the
 * provider's default origin, else null. Throws nothing; an unparsable URL yields 'invalid'.
 */
export function originNeedingPermission(provider: ProviderId, baseUrl: string): string | null | 'invalid' {
  const url = parseWebUrl(baseUrl);
  if (!url) return 'invalid';
  const defaultUrl = DEFAULT_BASE_URLS[provider];
  if (defaultUrl && new URL(defaultUrl).origin === url.origin) return null;
  return url.origin;
}

function originOfUrl(url: string): string | null {
  try {
    const parsed = new URL(url.trim());
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.origin : null;
  } catch {
    return null;
  }
}

/**
 * The options page: a draft of the settings the person edits, saved through the background on "Save" (it
 * checks and stores them, and reacts to the change); API keys go to the background (`saveApiKey`) and are never read back; custom
 * origins are asked for before saving or testing.
 */
export function createOptionsModel(deps: OptionsModelDeps) {
  const saved = signal<Settings>(DEFAULT_SETTINGS);
  const draft = signal<Settings>(DEFAULT_SETTINGS);
  const apiKeyInput = signal('');
  const keySaved = signal<Partial<Record<ProviderId, boolean>>>({});
  /** The origin each provider's saved key belongs to (the key is sent there only). */
  const keyOrigins = signal<Partial<Record<ProviderId, string | null>>>({});
  /** The person ticked "Use my saved key with this address" for the address being edited. */
  const useSavedKeyHere = signal(false);
  const busy = signal<'save' | 'test' | 'export' | 'import' | 'custom' | null>(null);
  const connectionStatus = signal<OptionsStatus | null>(null);
  const saveStatus = signal<OptionsStatus | null>(null);
  const transferStatus = signal<OptionsStatus | null>(null);
  /** TempMail.lol custom domain (legacy flows): the domain and its password, as typed, and the outcome. */
  const customDomainInput = signal('');
  const customPasswordInput = signal('');
  const customDomainStatus = signal<OptionsStatus | null>(null);
  const loaded = signal(false);
  /** The API address as typed and as Mayfly will use it, when "Test connection" or "Save" changed it. */
  const urlNote = signal<{ typed: string; used: string } | null>(null);
  const refusedDomains = signal<Record<string, string[]>>({});
  const communityDomains = signal<CommunityDomains>('ask');

  const provider = computed(() => draft.value.provider);
  const capabilities = computed(() => deps.capabilitiesOf(provider.value, draft.value));
  const baseUrl = computed(() => draft.value.baseUrls[provider.value] ?? DEFAULT_BASE_URLS[provider.value]);
  const dirty = computed(() => JSON.stringify(draft.value) !== JSON.stringify(saved.value));
  /**
   * A TempMail.lol key that works (tested or saved): say where mail goes. Mail for an Ultra account with a
   * webhook is posted to the webhook and never reaches the inbox Mayfly reads (server source), and the API
   * cannot tell whether one is set.
   */
  const webhookNote = computed(
    () =>
      provider.value === 'tempmail-lol' &&
      (apiKeyInput.value.trim() !== '' || keySaved.value['tempmail-lol'] === true) &&
      (connectionStatus.value?.kind === 'ok' || saveStatus.value?.kind === 'ok'),
  );
  /**
   * Set when a key is saved for this provider but for another address than the one in the field: the saved
   * key will not be sent to this one unless the person types it again or says to use it here.
   */
  const keyForOtherAddress = computed<string | null>(() => {
    const origin = keyOrigins.value[provider.value];
    if (!origin || capabilities.value.apiKey === 'none') return null;
    return originOfUrl(baseUrl.value) === origin ? null : origin;
  });
  const needsKey = computed(
    () =>
      capabilities.value.apiKey === 'required' &&
      (!keySaved.value[provider.value] || (keyForOtherAddress.value !== null && !useSavedKeyHere.value)) &&
      !apiKeyInput.value.trim(),
  );

  async function refreshKeyState(id: ProviderId): Promise<void> {
    try {
      const origin = (await deps.send('apiKeyOrigin', { provider: id })) ?? null;
      keySaved.value = { ...keySaved.value, [id]: origin !== null };
      keyOrigins.value = { ...keyOrigins.value, [id]: origin };
    } catch {
      keySaved.value = { ...keySaved.value, [id]: false };
      keyOrigins.value = { ...keyOrigins.value, [id]: null };
    }
  }

  async function load(): Promise<() => void> {
    const current = await deps.settings.getValue();
    batch(() => {
      saved.value = current;
      draft.value = current;
      loaded.value = true;
    });
    refusedDomains.value = await deps.refusedDomains.getValue();
    await Promise.all(PROVIDER_IDS.map(refreshKeyState));
    const stopRefused = deps.refusedDomains.watch((next) => (refusedDomains.value = next ?? {}));
    const community = deps.communityDomains;
    if (community) communityDomains.value = await community.getValue();
    const stopCommunity = community?.watch((next) => (communityDomains.value = next ?? 'ask'));
    const stopSettings = deps.settings.watch((next) => {
      // Keep the person's unsaved edits; follow outside changes (e.g. a site enabled from the page) otherwise.
      const untouched = !dirty.value;
      saved.value = next;
      if (untouched) draft.value = next;
      else draft.value = { ...draft.value, inlineButtonSites: next.inlineButtonSites };
    });
    return () => {
      stopRefused();
      stopCommunity?.();
      stopSettings();
    };
  }

  /** Lets a site have every domain again. */
  async function allowDomainsAgain(site: string): Promise<void> {
    const { [site]: _gone, ...rest } = refusedDomains.value;
    refusedDomains.value = rest;
    await deps.send('forgetRefusedDomains', { site });
  }

  /** Changes the kept answer about community domains (the background is the one writer). */
  async function setCommunityDomains(allow: boolean): Promise<void> {
    communityDomains.value = allow ? 'yes' : 'no';
    await deps.send('setCommunityDomains', { allow });
  }

  function update(patch: Partial<Settings>): void {
    draft.value = { ...draft.value, ...patch };
    saveStatus.value = null;
  }

  function setProvider(id: ProviderId): void {
    update({ provider: id });
    apiKeyInput.value = '';
    useSavedKeyHere.value = false;
    connectionStatus.value = null;
  }

  function setBaseUrl(url: string): void {
    update({ baseUrls: { ...draft.value.baseUrls, [provider.value]: url.trim() } });
    useSavedKeyHere.value = false;
    connectionStatus.value = null;
    urlNote.value = null;
  }

  /**
   * Puts the API's own base in the field in place of a common pasted form (`.../v2`, a bare tempmailg
   * host, `api.php/`), and notes the change so the person sees what will be used.
   */
  function normalizeDraftUrl(): void {
    const typed = baseUrl.value;
    const used = normalizeProviderBaseUrl(provider.value, typed);
    if (!typed || used === typed || !parseWebUrl(used)) return;
    update({ baseUrls: { ...draft.value.baseUrls, [provider.value]: used } });
    urlNote.value = { typed, used };
  }

  function setNumber(key: NumericSetting, value: number): void {
    const clamped = clampPollSetting(key, value);
    if (clamped !== undefined) update({ [key]: clamped } as Partial<Settings>);
  }

  /**
   * Checks the base URL and, for a custom origin, asks for host access. The browser's prompt is opened
   * synchronously (still inside the click), and the returned promise says whether we may go on.
   */
  function ensureAccess(report: (status: OptionsStatus) => void): Promise<boolean> {
    const url = baseUrl.value;
    if (!url) {
      report({ kind: 'error', messageKey: 'optionsBaseUrlMissing' });
      return Promise.resolve(false);
    }
    const origin = originNeedingPermission(provider.value, url);
    if (origin === 'invalid') {
      report({ kind: 'error', messageKey: 'optionsBaseUrlInvalid' });
      return Promise.resolve(false);
    }
    if (origin === null) return Promise.resolve(true);
    return deps
      .requestOrigins([`${origin}/*`])
      .catch(() => false)
      .then((granted) => {
        if (!granted) report({ kind: 'error', messageKey: 'optionsPermissionRefused', detail: origin });
        return granted;
      });
  }

  /** "Test connection": probes the API with the draft settings (not yet saved) and reports a diagnosis. */
  async function testConnection(): Promise<void> {
    connectionStatus.value = null;
    normalizeDraftUrl();
    const access = ensureAccess((s) => (connectionStatus.value = s));
    busy.value = 'test';
    try {
      if (!(await access)) return;
      const key = apiKeyInput.value.trim();
      const result = await deps.send('testConnection', {
        provider: provider.value,
        baseUrl: baseUrl.value,
        ...(key ? { apiKey: key } : {}),
      });
      connectionStatus.value = { kind: 'ok', messageKey: 'optionsConnectionOk', detail: result.detail };
    } catch (e) {
      connectionStatus.value = { kind: 'app-error', error: e };
    } finally {
      busy.value = null;
    }
  }

  /** Saves the draft (and a new API key, if one was typed) once host access, where needed, is granted. */
  async function save(): Promise<void> {
    saveStatus.value = null;
    normalizeDraftUrl();
    const access = ensureAccess((s) => (saveStatus.value = s));
    busy.value = 'save';
    try {
      if (!(await access)) return;
      const key = apiKeyInput.value.trim();
      if (key) {
        await deps.send('saveApiKey', { provider: provider.value, apiKey: key, baseUrl: baseUrl.value });
        apiKeyInput.value = '';
        keySaved.value = { ...keySaved.value, [provider.value]: true };
        keyOrigins.value = { ...keyOrigins.value, [provider.value]: originOfUrl(baseUrl.value) };
      } else if (useSavedKeyHere.value && keyForOtherAddress.value !== null) {
        await deps.send('useSavedApiKey', { provider: provider.value, baseUrl: baseUrl.value });
        keyOrigins.value = { ...keyOrigins.value, [provider.value]: originOfUrl(baseUrl.value) };
      }
      useSavedKeyHere.value = false;
      // The background checks the values and keeps the stored site list: show what it stored.
      const stored = await deps.send('saveSettings', { settings: draft.value });
      batch(() => {
        saved.value = stored;
        draft.value = stored;
      });
      saveStatus.value = { kind: 'ok', messageKey: 'optionsSaved' };
    } catch (e) {
      saveStatus.value = { kind: 'app-error', error: e };
    } finally {
      busy.value = null;
    }
  }

  /** Removes a site from the inline-button list at once (no Save needed: it only takes a permission away). */
  async function removeSite(host: string): Promise<void> {
    const sites = saved.value.inlineButtonSites.filter((s) => s !== host);
    batch(() => {
      draft.value = { ...draft.value, inlineButtonSites: sites };
      saved.value = { ...saved.value, inlineButtonSites: sites };
    });
    await deps.send('setSiteButton', { hostname: host, on: false });
  }

  /** The export as JSON text, or undefined when it failed (the status says why). */
  /**
   * Adds the TempMail.lol custom domain typed here: the background keeps its catch-all as a mailbox, read
   * with the password (never stored in Options' own state once sent).
   */
  async function addCustomDomain(): Promise<void> {
    busy.value = 'custom';
    customDomainStatus.value = null;
    try {
      await deps.send('addCustomDomain', {
        domain: customDomainInput.value,
        password: customPasswordInput.value,
      });
      customPasswordInput.value = '';
      customDomainStatus.value = { kind: 'ok', messageKey: 'optionsCustomDomainAdded' };
    } catch (e) {
      customDomainStatus.value = { kind: 'app-error', error: e };
    } finally {
      busy.value = null;
    }
  }

  async function exportMailboxes(): Promise<string | undefined> {
    busy.value = 'export';
    transferStatus.value = null;
    try {
      const json = await deps.send('exportMailboxes', undefined);
      transferStatus.value = { kind: 'ok', messageKey: 'optionsExported' };
      return json;
    } catch (e) {
      transferStatus.value = { kind: 'app-error', error: e };
      return undefined;
    } finally {
      busy.value = null;
    }
  }

  async function importMailboxes(json: string): Promise<void> {
    busy.value = 'import';
    transferStatus.value = null;
    try {
      const { imported, skipped } = await deps.send('importMailboxes', { json });
      transferStatus.value = { kind: 'ok', messageKey: 'optionsImported', counts: [imported, skipped] };
    } catch (e) {
      transferStatus.value = { kind: 'app-error', error: e };
    } finally {
      busy.value = null;
    }
  }

  return {
    saved,
    draft,
    apiKeyInput,
    keySaved,
    keyForOtherAddress,
    useSavedKeyHere,
    busy,
    connectionStatus,
    saveStatus,
    transferStatus,
    loaded,
    provider,
    capabilities,
    baseUrl,
    dirty,
    needsKey,
    webhookNote,
    load,
    update,
    setProvider,
    setBaseUrl,
    urlNote,
    setNumber,
    testConnection,
    save,
    removeSite,
    refusedDomains,
    allowDomainsAgain,
    communityDomains,
    setCommunityDomains,
    exportMailboxes,
    importMailboxes,
    customDomainInput,
    customPasswordInput,
    customDomainStatus,
    addCustomDomain,
  };
}

export type OptionsModel = ReturnType<typeof createOptionsModel>;
