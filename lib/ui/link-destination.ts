/**
 * What a person should be told about a link before following it: the address exactly as written (it is
 * opened as written, never rewritten), and facts about it that a mail could otherwise use to mislead.
 * Pure functions, no DOM.
 */
export interface LinkDestination {
  /** The address the link opens, exactly as written (parsed and serialised by the URL parser). */
  href: string;
  /** The web address a redirect-looking query parameter names: shown as information only, never followed. */
  saysItLeadsTo: string | null;
  /** Set when the address carries `user@` before the host (`https://www.bank.example@evil.test/`). */
  hiddenUserinfo: { host: string } | null;
  /** Set when the host is internationalised: its punycode form (what is really looked up) and Unicode form. */
  internationalHost: { ascii: string; unicode: string } | null;
}

/**
 * Query parameters that redirect links commonly use to name where they lead. Only a value that is itself a
 * full http(s) address counts, so a search query `q=cats` is not mistaken for one.
 */
const REDIRECT_PARAMS = [
  'url',
  'u',
  'redirect',
  'redirect_url',
  'redirect_uri',
  'q',
  'target',
  'dest',
  'destination',
  'continue',
  'next',
  'return_to',
];

/** Describes an absolute http(s) or mailto address; null for anything that does not parse. */
export function describeDestination(href: string): LinkDestination | null {
  let url: URL;
  try {
    url = new URL(href);
  } catch {
    return null;
  }
  const web = url.protocol === 'http:' || url.protocol === 'https:';
  const host = url.hostname;
  return {
    href: url.href,
    saysItLeadsTo: web ? namedRedirect(url) : null,
    hiddenUserinfo: web && (url.username !== '' || url.password !== '') ? { host } : null,
    internationalHost: web && /(^|\.)xn--/i.test(host) ? { ascii: host, unicode: hostToUnicode(host) } : null,
  };
}

function namedRedirect(url: URL): string | null {
  for (const name of REDIRECT_PARAMS) {
    const value = url.searchParams.get(name);
    if (value === null || !/^https?:\/\//i.test(value.trim())) continue;
    try {
      return new URL(value.trim()).href;
    } catch {
      continue;
    }
  }
  return null;
}

/** A host with each `xn--` label decoded to Unicode (labels that do not decode are kept as they are). */
export function hostToUnicode(host: string): string {
  return host
    .split('.')
    .map((label) => {
      if (!/^xn--/i.test(label)) return label;
      return decodePunycode(label.slice(4).toLowerCase()) ?? label;
    })
    .join('.');
}

// RFC 3492 parameters.
const BASE = 36;
const T_MIN = 1;
const T_MAX = 26;
const SKEW = 38;
const DAMP = 700;
const INITIAL_BIAS = 72;
const INITIAL_N = 128;

function adapt(delta: number, points: number, first: boolean): number {
  let d = first ? Math.floor(delta / DAMP) : delta >> 1;
  d += Math.floor(d / points);
  let k = 0;
  while (d > ((BASE - T_MIN) * T_MAX) >> 1) {
    d = Math.floor(d / (BASE - T_MIN));
    k += BASE;
  }
  return k + Math.floor(((BASE - T_MIN + 1) * d) / (d + SKEW));
}

function digitValue(code: number): number {
  if (code >= 0x30 && code <= 0x39) return code - 0x30 + 26;
  if (code >= 0x61 && code <= 0x7a) return code - 0x61;
  return BASE;
}

/** Decodes one punycode label (without `xn--`); null when it is not valid punycode. */
export function decodePunycode(input: string): string | null {
  const output: number[] = [];
  const delimiter = input.lastIndexOf('-');
  for (let i = 0; i < Math.max(delimiter, 0); i++) {
    const code = input.charCodeAt(i);
    if (code >= 0x80) return null;
    output.push(code);
  }
  let n = INITIAL_N;
  let bias = INITIAL_BIAS;
  let i = 0;
  for (let index = delimiter > 0 ? delimiter + 1 : 0; index < input.length; ) {
    const oldI = i;
    let w = 1;
    for (let k = BASE; ; k += BASE) {
      if (index >= input.length) return null;
      const digit = digitValue(input.charCodeAt(index++));
      if (digit >= BASE) return null;
      i += digit * w;
      const threshold = k <= bias ? T_MIN : k >= bias + T_MAX ? T_MAX : k - bias;
      if (digit < threshold) break;
      w *= BASE - threshold;
      if (!Number.isSafeInteger(i) || !Number.isSafeInteger(w)) return null;
    }
    const points = output.length + 1;
    bias = adapt(i - oldI, points, oldI === 0);
    n += Math.floor(i / points);
    i %= points;
    if (n > 0x10ffff) return null;
    output.splice(i, 0, n);
    i++;
  }
  return String.fromCodePoint(...output);
}

/**
 * The host a link opens, as a short text for places that show a link as a button (popup, notification):
 * the punycode host with its Unicode form beside it when they differ, and a warning mark when the address
 * hides userinfo before the host (`https://www.bank.example@evil.test/` shows `evil.test`).
 */
export function destinationHostText(href: string): { host: string; userinfo: boolean } | null {
  const described = describeDestination(href);
  if (!described) return null;
  const url = new URL(described.href);
  const international = described.internationalHost;
  const host = international ? `${international.ascii} (${international.unicode})` : url.host;
  return { host, userinfo: described.hiddenUserinfo !== null };
}
