/** URL building shared by the providers. Pure functions, no I/O. */
import { AppError } from '../core/errors';
import type { ProviderId } from '../core/types';

/**
 * A value about to become one path segment, refused when it could name another route: empty, `.` or `..`
 * (the URL parser resolves them, so `/emails/..` is `/`, another endpoint), or holding a path separator.
 * Refused before any request.
 */
export function checkedSegment(value: string): string {
  if (value === '' || value === '.' || value === '..' || /[/\\]/.test(value)) {
    throw new AppError('validation', 'That name cannot be used: it would change which address is asked for.');
  }
  return value;
}

/**
 * Encodes one path segment. Like `encodeURIComponent`, but keeps `@` raw: RFC 3986 allows it in a path
 * segment and the tempmailg docs send addresses that way (`/emails/demo123@example.com`). `+`, `%`, spaces
 * `/` and everything else that could change the route are still escaped; empty, `.` and `..` are refused.
 */
export function pathSegment(value: string): string {
  if (value === '' || value === '.' || value === '..') checkedSegment(value);
  return encodeURIComponent(value).replace(/%40/g, '@');
}

/**
 * The base URL as typed, trimmed and without trailing slashes, or undefined when it is not an absolute
 * http(s) URL. `https://host/api/` and `https://host/api` name the same API.
 */
export function normalizeBaseUrl(raw: string): string | undefined {
  const trimmed = raw.trim().replace(/\/+$/, '');
  if (trimmed === '') return undefined;
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return undefined;
  return trimmed;
}

/**
 * The base URL a provider should use for what a person typed or pasted, so the common copies of each API's
 * address all work:
 * - TempMail.lol: the adapter adds `/v2` (or `/v1`) itself, so a trailing `/v2`, `/v1` or anything after
 *   them goes (`https://api.tempmail.lol/v2` would otherwise become `/v2/v2/...`);
 * - tempmailg: the base ends in `/api`; a bare host gets it, and an endpoint pasted after it goes
 *   (`.../api/domains?type=free` is `.../api`);
 * - self-hosted: the base is the `api.php` itself; a route after it (`api.php/`, `api.php/generate`) goes.
 * Query, fragment and trailing slashes always go. Anything that is not an http(s) URL comes back trimmed
 * but otherwise as typed, for the caller's "not a valid address" check.
 */
export function normalizeProviderBaseUrl(provider: ProviderId, raw: string): string {
  const trimmed = raw.trim();
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    return trimmed;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return trimmed;
  let path = url.pathname.replace(/\/+$/, '');
  switch (provider) {
    case 'tempmail-lol':
      path = /^(.*?)\/v[12](?:\/.*)?$/i.exec(path)?.[1] ?? path;
      break;
    case 'tempmailg':
      path = path === '' ? '/api' : (/^(.*?\/api)(?:\/.*)?$/i.exec(path)?.[1] ?? path);
      break;
    case 'selfhosted':
      path = /^(.*?\/[^/]+\.php)(?:\/.*)?$/i.exec(path)?.[1] ?? path;
      break;
  }
  return `${url.origin}${path}`;
}

/** `base + path` plus a query string. `URLSearchParams` turns `+` into `%2B`, which PHP would read as a space. */
export function buildUrl(base: string, path: string, query?: Record<string, string>): string {
  const search = query ? new URLSearchParams(query).toString() : '';
  return `${base}${path}${search ? `?${search}` : ''}`;
}

/**
 * An absolute http(s) URL for `reference`, resolved against `base` when relative, or undefined for
 * anything else (a `javascript:` or `data:` URL handed out by a server must never reach the UI).
 */
export function resolveHttpUrl(reference: string, base: string): string | undefined {
  let url: URL;
  try {
    url = new URL(reference, base);
  } catch {
    return undefined;
  }
  return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : undefined;
}

/** The origin of an absolute URL, or undefined when it does not parse. */
export function originOf(url: string): string | undefined {
  try {
    return new URL(url).origin;
  } catch {
    return undefined;
  }
}
