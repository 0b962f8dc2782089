/** Only web pages are ever opened from a mail: never javascript:, data:, file: or extension URLs. */
export function isWebLink(url: string | undefined): url is string {
  return !!url && /^https?:\/\//i.test(url);
}

/** The URL parsed when it is an http(s) address; null for any other scheme or for text that does not parse. */
export function parseWebUrl(url: string | undefined): URL | null {
  if (!url) return null;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed : null;
  } catch {
    return null;
  }
}
