import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { ApiModule } from './apis/api';
import type { MailTmApi } from './apis/mailtm';
import type { SelfhostedApi } from './apis/selfhosted';
import { CHALLENGE_HTML, TRUNCATED_JSON, type FaultRegistry } from './faults';
import type { RequestLog } from './request-log';
import { raw, type Reply, type RequestContext } from './router';
import type { ApiName, FaultSpec } from './types';

interface HttpDeps {
  apis: {
    tempmailg: ApiModule;
    selfhosted: SelfhostedApi;
    'tempmail-lol': ApiModule;
    mailtm: MailTmApi;
    mailgw: MailTmApi;
  };
  control: { handle(ctx: RequestContext, path: string): Promise<Reply> };
  faults: FaultRegistry;
  log: RequestLog;
  quiet: boolean;
}

/** Where a path goes: which API (or the control API) and the path relative to that API's mount point. */
type Destination =
  | { kind: 'api'; api: ApiName; path: string }
  | { kind: 'upload'; path: string }
  | { kind: 'control'; path: string }
  | { kind: 'none' };

const MAX_BODY_BYTES = 1024 * 1024;

function underPrefix(pathname: string, prefix: string): string | undefined {
  if (pathname === prefix) return '';
  return pathname.startsWith(`${prefix}/`) ? pathname.slice(prefix.length) : undefined;
}

function route(pathname: string): Destination {
  const control = underPrefix(pathname, '/_control');
  if (control !== undefined) return { kind: 'control', path: control };
  // Check api.php before /api: "/api.php" does not start with "/api/", but keep the order obvious anyway.
  const selfhosted = underPrefix(pathname, '/api.php');
  if (selfhosted !== undefined) return { kind: 'api', api: 'selfhosted', path: selfhosted || '/' };
  if (pathname.startsWith('/uploads/attachments/')) return { kind: 'upload', path: pathname };
  const tempmailg = underPrefix(pathname, '/api');
  if (tempmailg !== undefined) return { kind: 'api', api: 'tempmailg', path: tempmailg || '/' };
  for (const api of ['mailtm', 'mailgw'] as const) {
    const path = underPrefix(pathname, `/${api}`);
    if (path !== undefined) return { kind: 'api', api, path: path || '/' };
  }
  if (underPrefix(pathname, '/v1') !== undefined || underPrefix(pathname, '/v2') !== undefined) {
    return { kind: 'api', api: 'tempmail-lol', path: pathname };
  }
  return { kind: 'none' };
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new Error('request body too large');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

function send(res: ServerResponse, reply: Reply): void {
  res.writeHead(reply.status, { ...reply.headers, 'Content-Length': String(Buffer.byteLength(reply.body)) });
  res.end(reply.body);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The HTTP side: one origin serving the three APIs, the self-hosted attachment files and `/_control`.
 * Every API request passes the fault registry first and ends up in the request log.
 */
export function createHttpServer({ apis, control, faults, log, quiet }: HttpDeps): Server {
  async function answer(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const arrivedAt = Date.now();
    const method = req.method ?? 'GET';
    const url = new URL(req.url ?? '/', `http://${req.headers.host ?? 'localhost'}`);
    const destination = route(url.pathname);
    const ctx: RequestContext = {
      method,
      url,
      origin: url.origin,
      params: {},
      headers: req.headers,
      body: await readBody(req),
      remoteAddress: (req.socket.remoteAddress ?? '').replace(/^::ffff:/, ''),
      note: {},
    };

    if (destination.kind === 'control') return send(res, await control.handle(ctx, destination.path));
    if (destination.kind === 'none') return send(res, raw(404, 'text/plain', 'Not found'));

    const api: ApiName = destination.kind === 'upload' ? 'selfhosted' : destination.api;
    const record = (status: number, fault?: FaultSpec) => {
      log.record({
        t: arrivedAt,
        api,
        method,
        path: req.url ?? url.pathname,
        status,
        ...(ctx.note.token ? { token: ctx.note.token } : {}),
        ...(ctx.note.mailbox ? { mailbox: ctx.note.mailbox } : {}),
        ...(fault ? { fault: fault.type } : {}),
      });
      if (!quiet)
        console.log(
          `${new Date(arrivedAt).toISOString()} ${api} ${method} ${req.url} -> ${status || fault?.type}`,
        );
    };

    const fault = faults.take(api, url.pathname);
    if (fault?.type === 'hang') return record(0, fault);
    if (fault?.type === 'reset') {
      record(0, fault);
      req.socket.destroy();
      return;
    }
    if (fault?.type === 'delay') await sleep(fault.delayMs ?? 1000);

    const module = apis[api];
    let reply: Reply;
    if (fault?.type === 'status') reply = module.errorReply(fault.status ?? 500);
    else if (fault?.type === 'html')
      reply = raw(fault.status ?? 403, 'text/html; charset=UTF-8', CHALLENGE_HTML);
    else if (fault?.type === 'malformed-json')
      reply = raw(fault.status ?? 200, 'application/json', TRUNCATED_JSON);
    else if (fault?.type === 'quota-exhausted') reply = module.quotaExhausted(ctx, destination.path);
    else if (destination.kind === 'upload') reply = apis.selfhosted.serveAttachment(destination.path);
    else if (
      (api === 'mailtm' || api === 'mailgw') &&
      destination.path === '/.well-known/mercure' &&
      method === 'GET'
    ) {
      // The hub's answer is a stream that stays open: written by the hub, logged when it starts.
      apis[api].subscribe(ctx, res);
      return record(res.statusCode, fault);
    } else reply = await module.handle(ctx, destination.path);

    if (fault?.retryAfter !== undefined) reply.headers['Retry-After'] = String(fault.retryAfter);
    if (!res.destroyed) send(res, reply);
    record(reply.status, fault);
  }

  return createServer((req, res) => {
    answer(req, res).catch((error: unknown) => {
      if (!res.headersSent && !res.destroyed)
        send(res, raw(500, 'text/plain', `Local server error: ${String(error)}`));
    });
  });
}
