import type { LocalServer } from './types';

/** A parsed HTTP response for assertions. */
export interface JsonResponse {
  status: number;
  headers: Headers;
  body: unknown;
}

/** Fetches and parses JSON (or keeps the text when it is not JSON). */
export async function request(url: string, init: RequestInit = {}): Promise<JsonResponse> {
  const response = await fetch(url, init);
  const text = await response.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // Not JSON: keep the text.
  }
  return { status: response.status, headers: response.headers, body };
}

/** Narrows an unknown JSON body for property access in assertions. */
export function obj(value: unknown): Record<string, unknown> {
  if (typeof value !== 'object' || value === null)
    throw new Error(`expected an object, got ${String(value)}`);
  return value as Record<string, unknown>;
}

/** Narrows an unknown JSON value to an array of objects. */
export function list(value: unknown): Record<string, unknown>[] {
  if (!Array.isArray(value)) throw new Error(`expected an array, got ${String(value)}`);
  return value.map(obj);
}

/** The small test attachment every suite sends: known bytes so downloads can be compared exactly. */
export const ATTACHMENT_BYTES = Buffer.from('Hello from the inbox.\nLine two: æøå ✓\n', 'utf8');

/** A mail with text, HTML and one attachment. */
export function richMail(server: LocalServer, to: string | string[], subject = 'Welcome to Mayfly') {
  return {
    smtpPort: server.smtpPort,
    to,
    from: 'Example Sender <hello@example.org>',
    subject,
    text: 'Hello from the inbox. Your code is 123456',
    html: '<p>Hello from the inbox.</p><p>Your code is <b>123456</b></p>',
    attachments: [{ filename: 'file.txt', content: ATTACHMENT_BYTES, contentType: 'text/plain' }],
  };
}
