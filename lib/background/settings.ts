import { AppError } from '../core/errors';
import { parseWebUrl } from '../core/links';
import { clampPollSetting, type POLL_LIMITS } from '../core/schedule';
import { PROVIDER_IDS, type ProviderId } from '../core/types';
import {
  DEFAULT_BASE_URLS,
  DEFAULT_SETTINGS,
  EXPIRY_WARNING_MINUTES,
  RETENTION_DAYS,
  type ExpiryWarningMinutes,
  type RetentionDays,
} from '../core/settings';
import { normalizeProviderBaseUrl } from '../providers/url';
import { settingsItem, type Settings } from '../storage/items';
import { withStateLock } from './state-lock';

/**
 * Settings are written here only, under the state lock, like all other state (the background is the single
 * writer). Options saves everything but the inline-button site list; the site list changes one site at a
 * time (popup switch, Options "remove"). So a Save in Options and a switch in the popup never undo each other.
 */

const THEMES: readonly Settings['theme'][] = ['system', 'light', 'dark'];

function isProvider(value: unknown): value is ProviderId {
  return PROVIDER_IDS.includes(value as ProviderId);
}

function clampedWhole(value: unknown, key: keyof typeof POLL_LIMITS, fallback: number): number {
  return clampPollSetting(key, value) ?? fallback;
}

/**
 * The options page's settings, checked field by field: a field of the wrong type keeps its current value,
 * numbers are held to their bounds, and the site list is the stored one whatever was sent.
 */
export function checkedSettings(input: unknown, current: Settings): Settings {
  const s = (typeof input === 'object' && input !== null ? input : {}) as Partial<
    Record<keyof Settings, unknown>
  >;
  const urls = (typeof s.baseUrls === 'object' && s.baseUrls !== null ? s.baseUrls : {}) as Record<
    string,
    unknown
  >;
  // Settings saved before a provider existed lack its address: the default fills it in.
  const baseUrls = { ...DEFAULT_BASE_URLS, ...current.baseUrls };
  for (const id of PROVIDER_IDS) {
    const url = urls[id];
    // Stored as the API's base, whatever common form was pasted (`.../v2`, a bare tempmailg host, `api.php/`).
    if (typeof url === 'string') baseUrls[id] = normalizeProviderBaseUrl(id, url);
  }
  return {
    provider: isProvider(s.provider) ? s.provider : current.provider,
    baseUrls,
    tempmailLolApi:
      s.tempmailLolApi === 'v1' || s.tempmailLolApi === 'v2' ? s.tempmailLolApi : current.tempmailLolApi,
    notifications: typeof s.notifications === 'boolean' ? s.notifications : current.notifications,
    idlePollSeconds: clampedWhole(s.idlePollSeconds, 'idlePollSeconds', current.idlePollSeconds),
    hotPollSeconds: clampedWhole(s.hotPollSeconds, 'hotPollSeconds', current.hotPollSeconds),
    hotMinutes: clampedWhole(s.hotMinutes, 'hotMinutes', current.hotMinutes),
    inlineButtonSites: current.inlineButtonSites,
    theme: THEMES.includes(s.theme as Settings['theme']) ? (s.theme as Settings['theme']) : current.theme,
    forgetExpiredAfterDays: RETENTION_DAYS.includes(s.forgetExpiredAfterDays as RetentionDays)
      ? (s.forgetExpiredAfterDays as RetentionDays)
      : (current.forgetExpiredAfterDays ?? 0),
    expiryWarningMinutes: EXPIRY_WARNING_MINUTES.includes(s.expiryWarningMinutes as ExpiryWarningMinutes)
      ? (s.expiryWarningMinutes as ExpiryWarningMinutes)
      : (current.expiryWarningMinutes ?? DEFAULT_SETTINGS.expiryWarningMinutes),
    expiryNotify:
      typeof s.expiryNotify === 'boolean'
        ? s.expiryNotify
        : (current.expiryNotify ?? DEFAULT_SETTINGS.expiryNotify),
  };
}

export async function saveSettings(input: unknown): Promise<Settings> {
  return withStateLock(async () => {
    const next = checkedSettings(input, await settingsItem.getValue());
    await settingsItem.setValue(next);
    return next;
  });
}

/** A hostname as the site list keeps it (lower case, as URL parsing gives it), or an error for anything else. */
function siteHostname(value: unknown): string {
  if (typeof value === 'string' && value.length <= 253) {
    const host = value.trim().toLowerCase();
    if (host !== '' && parseWebUrl(`http://${host}/`)?.hostname === host) return host;
  }
  throw new AppError('validation', 'That is not a site name.');
}

/** Lists or unlists one site for the inline button; the rest of the list and of the settings stay as they are. */
export async function setSiteButton(hostname: unknown, on: boolean): Promise<void> {
  const host = siteHostname(hostname);
  await withStateLock(async () => {
    const current = await settingsItem.getValue();
    if (current.inlineButtonSites.includes(host) === on) return;
    const sites = on
      ? [...current.inlineButtonSites, host]
      : current.inlineButtonSites.filter((s) => s !== host);
    await settingsItem.setValue({ ...current, inlineButtonSites: sites });
  });
}
