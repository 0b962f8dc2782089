/** Only web pages are ever opened from a mail: never javascript:, data:, file: or extension URLs. */
export function isWebLink(url: string | undefined): url is string {
  return !!url && /^https?:\/\//i.test(url);
}
