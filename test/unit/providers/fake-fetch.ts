import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Recorded provider fixtures (our spec fixtures, copied from the shared provider spec). */
const FIXTURES = join(__dirname, '../../fixtures/providers');

export type FixtureProvider = 'tempmailg' | 'selfhosted-php' | 'tempmail-lol' | 'mailtm';

interface Fixture {
  request: { method: string; url: string; headers?: Record<string, string>; body?: unknown };
  response: {
    status: number;
    headers?: Record<string, string>;
    bodyType: 'json' | 'text' | 'empty' | 'binary';
    body: unknown;
  };
}

export function loadFixture(provider: FixtureProvider, name: string): Fixture {
  return JSON.parse(readFileSync(join(FIXTURES, provider, `${name}.json`), 'utf8')) as Fixture;
}

/** The fixture's recorded response as a fetch Response, with optional extra headers. */
export function fixtureResponse(
  provider: FixtureProvider,
  name: string,
  extraHeaders: Record<string, string> = {},
): Response {
  const { response } = loadFixture(provider, name);
  const headers = { ...response.headers, ...extraHeaders };
  switch (response.bodyType) {
    case 'json':
      return new Response(JSON.stringify(response.body), { status: response.status, headers });
    case 'text':
      return new Response(String(response.body), { status: response.status, headers });
    case 'binary': {
      const { base64 } = response.body as { base64: string };
      return new Response(Buffer.from(base64, 'base64'), { status: response.status, headers });
    }
    case 'empty':
      return new Response(null, { status: response.status, headers });
  }
}

export function jsonResponse(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json', ...headers },
  });
}

export function textResponse(status: number, text: string, contentType = 'text/plain'): Response {
  return new Response(text, { status, headers: { 'Content-Type': contentType } });
}

export interface RecordedRequest {
  method: string;
  url: string;
  /** Lower-cased header names. */
  headers: Record<string, string>;
  body: string;
}

/** What the fake server does with one request. */
export type Reply = Response | 'refuse' | 'hang';

/**
 * A fetch that records every request and answers through `route`. 'refuse' throws the TypeError
 * undici throws for a refused connection; 'hang' never answers.
 */
export function fakeFetch(route: (request: RecordedRequest, index: number) => Reply | Promise<Reply>): {
  fetch: typeof fetch;
  requests: RecordedRequest[];
} {
  const requests: RecordedRequest[] = [];
  const fetchImpl = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const request = new Request(input, init);
    const recorded: RecordedRequest = {
      method: request.method,
      url: request.url,
      headers: Object.fromEntries([...request.headers].map(([k, v]) => [k.toLowerCase(), v])),
      body: await request.text(),
    };
    requests.push(recorded);
    const reply = await route(recorded, requests.length - 1);
    if (reply === 'refuse') {
      throw new TypeError('fetch failed', {
        cause: Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' }),
      });
    }
    if (reply === 'hang') return new Promise<Response>(() => undefined);
    return reply;
  };
  return { fetch: fetchImpl as typeof fetch, requests };
}

/** Answers every request with the same fixture (a fresh Response each time). */
export function always(provider: FixtureProvider, name: string, extraHeaders?: Record<string, string>) {
  return fakeFetch(() => fixtureResponse(provider, name, extraHeaders));
}

/** Answers the n-th request with the n-th reply factory. */
export function sequence(...replies: (() => Reply)[]) {
  return fakeFetch((_, index) => {
    const next = replies[index];
    if (!next) throw new Error(`unexpected request #${index + 1}`);
    return next();
  });
}

/** Runs `action` and returns the AppError it threw (fails the test when it resolves). */
export async function caught(
  action: () => Promise<unknown>,
): Promise<{ kind: string; message: string; details: Record<string, unknown> }> {
  try {
    await action();
  } catch (error) {
    return error as { kind: string; message: string; details: Record<string, unknown> };
  }
  throw new Error('expected the call to throw');
}
