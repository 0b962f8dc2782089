import type { IncomingHttpHeaders } from 'node:http';

/** Everything a handler needs to know about one request. */
export interface RequestContext {
  method: string;
  /** Full URL, built from the Host header so absolute links point back to where the client connected. */
  url: URL;
  /** `protocol//host:port` of {@link url}. */
  origin: string;
  /** Path parameters of the matched route, URL-decoded. */
  params: Record<string, string>;
  headers: IncomingHttpHeaders;
  body: Buffer;
  remoteAddress: string;
  /** Facts the handler learns (mailbox, token) that go into the request log. */
  note: { mailbox?: string; token?: string };
}

/** A complete HTTP response, built by handlers and written by the server in one place. */
export interface Reply {
  status: number;
  headers: Record<string, string>;
  body: string | Buffer;
}

export type Handler = (ctx: RequestContext) => Reply | Promise<Reply>;

/** A JSON response. */
export function json(status: number, body: unknown, headers: Record<string, string> = {}): Reply {
  return { status, headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify(body) };
}

/** A response with a verbatim body and content type. */
export function raw(status: number, contentType: string, body: string | Buffer): Reply {
  return { status, headers: { 'Content-Type': contentType }, body };
}

export type RouteMatch =
  | { kind: 'found'; handler: Handler; params: Record<string, string> }
  | { kind: 'method-not-allowed'; allowed: string[] }
  | { kind: 'not-found' };

interface Route {
  method: string;
  segments: string[];
  handler: Handler;
}

function splitPath(path: string): string[] {
  return path.split('/').filter((segment) => segment !== '');
}

/**
 * A minimal path router: patterns like `/messages/:id/attachments/:filename`, where `:name` matches exactly one
 * path segment. It tells "no such path" apart from "path exists, wrong method" so each API can answer both in its
 * own words.
 */
export class Router {
  private readonly routes: Route[] = [];

  on(method: string, pattern: string, handler: Handler): this {
    this.routes.push({ method, segments: splitPath(pattern), handler });
    return this;
  }

  match(method: string, path: string): RouteMatch {
    const parts = splitPath(path);
    const allowed: string[] = [];
    for (const route of this.routes) {
      const params = matchSegments(route.segments, parts);
      if (!params) continue;
      if (route.method === method) return { kind: 'found', handler: route.handler, params };
      allowed.push(route.method);
    }
    return allowed.length > 0 ? { kind: 'method-not-allowed', allowed } : { kind: 'not-found' };
  }
}

function matchSegments(pattern: string[], parts: string[]): Record<string, string> | undefined {
  if (pattern.length !== parts.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < pattern.length; i++) {
    const expected = pattern[i] as string;
    const actual = parts[i] as string;
    if (expected.startsWith(':')) {
      try {
        params[expected.slice(1)] = decodeURIComponent(actual);
      } catch {
        return undefined;
      }
    } else if (expected !== actual) {
      return undefined;
    }
  }
  return params;
}
