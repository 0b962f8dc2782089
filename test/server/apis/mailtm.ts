import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import type { ServerConfig } from '../config';
import { DOMAINS } from '../domains';
import { randomHex } from '../ids';
import { json, raw, Router, type Reply, type RequestContext } from '../router';
import type { Mailbox, MailboxStore, StoredMessage } from '../store';
import type { ApiModule } from './api';

/**
 * Mail.tm / Mail.gw (SPEC §4, fixtures/mailtm): Hydra collections or plain arrays by `Accept`, accounts with
 * a password, JWT-shaped tokens (HMAC-signed, with `exp`) from `POST /token`, message summaries and
 * details, merge-patch `seen`, deletes, attachments by relative `downloadUrl`, 8 requests a second per IP,
 * and a Mercure-style hub: `GET /.well-known/mercure?topic=/accounts/{id}` streams an Account event for
 * every mail delivered over SMTP. The hub and the tokens can be broken on purpose (`hub`, `expireTokens`).
 */

export type MailTmFlavor = 'mailtm' | 'mailgw';

const PER_PAGE = 30;
const RATE_WINDOW_MS = 1000;
/** Accounts live until deleted; the store wants a lifetime, so a long one. */
const ACCOUNT_TTL_SECONDS = 10 * 365 * 86_400;

const b64url = (value: Buffer | string) => Buffer.from(value).toString('base64url');

/** The hub of one flavor: open streams per account id, and whether it is up. */
export class MercureHub {
  private readonly streams = new Map<string, Set<ServerResponse>>();
  down = false;
  /** Events published (for tests). */
  published = 0;

  add(accountId: string, res: ServerResponse): void {
    let set = this.streams.get(accountId);
    if (!set) this.streams.set(accountId, (set = new Set()));
    set.add(res);
    res.on('close', () => set.delete(res));
  }

  publish(accountId: string, data: string): void {
    this.published++;
    for (const res of this.streams.get(accountId) ?? []) {
      res.write(`id: urn:uuid:${randomHex(8)}\ndata: ${data}\n\n`);
    }
  }

  /** Open streams (all accounts). */
  get open(): number {
    let n = 0;
    for (const set of this.streams.values()) n += set.size;
    return n;
  }

  /** Ends every open stream (the hub restarted, a proxy cut it). */
  dropAll(): void {
    for (const set of this.streams.values()) for (const res of set) res.destroy();
    this.streams.clear();
  }
}

export interface MailTmApi extends ApiModule {
  readonly hub: MercureHub;
  /** Streams the hub to `res` (or answers it with an error); the response stays open. */
  subscribe(ctx: RequestContext, res: ServerResponse): void;
  /** Every token issued until now stops working (as if it had expired). */
  expireTokens(): void;
}

interface Claims {
  iat: number;
  exp: number;
  id: string;
  address: string;
}

export function createMailTmApi(store: MailboxStore, config: ServerConfig, flavor: MailTmFlavor): MailTmApi {
  const domain = flavor === 'mailtm' ? DOMAINS.mailtm : DOMAINS.mailgw;
  const domainId = createHash('sha1').update(domain).digest('hex').slice(0, 24);
  const secret = randomBytes(32);
  const hub = new MercureHub();
  const byAccountId = new Map<string, Mailbox>();
  const requestsByIp = new Map<string, number[]>();
  /** Tokens issued at or before this (epoch ms) are refused: `expireTokens`. */
  let revokedThrough = 0;

  const messageId = (m: StoredMessage) => createHash('sha1').update(m.hashId).digest('hex').slice(0, 24);
  const attachmentId = (n: number) => `ATTACH${String(n).padStart(6, '0')}`;

  const hydraWanted = (ctx: RequestContext) => !/application\/json/i.test(String(ctx.headers.accept ?? ''));
  const collection = (
    ctx: RequestContext,
    type: string,
    members: Record<string, unknown>[],
    total: number,
  ) =>
    hydraWanted(ctx)
      ? json(
          200,
          {
            '@context': `/contexts/${type}`,
            '@id': `/${type.toLowerCase()}s`,
            '@type': 'hydra:Collection',
            'hydra:member': members.map((m) => ({ '@id': m['@id'], '@type': type, ...m })),
            'hydra:totalItems': total,
          },
          { 'Content-Type': 'application/ld+json; charset=utf-8' },
        )
      : json(
          200,
          members.map(({ '@id': _id, ...rest }) => rest),
        );
  const one = (type: string, body: Record<string, unknown>, status = 200) =>
    json(
      status,
      { '@context': `/contexts/${type}`, '@type': type, ...body },
      { 'Content-Type': 'application/ld+json; charset=utf-8' },
    );
  const problem = (status: number, description: string, extra: Record<string, unknown> = {}) =>
    json(
      status,
      {
        '@context': '/contexts/Error',
        '@type': 'hydra:Error',
        'hydra:title': 'An error occurred',
        'hydra:description': description,
        ...extra,
      },
      { 'Content-Type': 'application/problem+json; charset=utf-8' },
    );
  const violation = (path: string, message: string) =>
    json(
      422,
      {
        '@context': '/contexts/ConstraintViolationList',
        '@type': 'ConstraintViolationList',
        'hydra:title': 'An error occurred',
        'hydra:description': `${path}: ${message}`,
        violations: [{ propertyPath: path, message }],
      },
      { 'Content-Type': 'application/problem+json; charset=utf-8' },
    );
  const jwtError = (message: string) => json(401, { code: 401, message });

  const sign = (claims: Claims): string => {
    const head = b64url(JSON.stringify({ typ: 'JWT', alg: 'HS256' }));
    const body = b64url(
      JSON.stringify({ ...claims, roles: ['ROLE_USER'], mercure: { subscribe: [`/accounts/${claims.id}`] } }),
    );
    const signature = createHmac('sha256', secret).update(`${head}.${body}`).digest('base64url');
    return `${head}.${body}.${signature}`;
  };

  /** The account a Bearer token names, or the 401 that says why not. */
  const authenticate = (ctx: RequestContext): Mailbox | Reply => {
    const header = String(ctx.headers.authorization ?? '');
    const token = /^Bearer (.+)$/.exec(header)?.[1];
    if (!token) return jwtError('JWT Token not found');
    const [head, body, signature] = token.split('.');
    if (!head || !body || !signature) return jwtError('Invalid JWT Token');
    const expected = createHmac('sha256', secret).update(`${head}.${body}`).digest();
    const given = Buffer.from(signature, 'base64url');
    if (given.length !== expected.length || !timingSafeEqual(given, expected))
      return jwtError('Invalid JWT Token');
    const claims = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as Claims;
    if (claims.exp * 1000 <= Date.now() || claims.iat * 1000 <= revokedThrough)
      return jwtError('Expired JWT Token');
    const mailbox = byAccountId.get(claims.id);
    if (!mailbox || store.get(mailbox.address) !== mailbox) return jwtError('Invalid JWT Token');
    ctx.note.mailbox = mailbox.address;
    return mailbox;
  };

  const accountJson = (m: Mailbox) => ({
    '@id': `/accounts/${m.accountId}`,
    id: m.accountId,
    address: m.address,
    quota: 40_000_000,
    used: m.messages.reduce((sum, x) => sum + x.text.length + (x.html?.length ?? 0), 0),
    isDisabled: false,
    isDeleted: false,
    createdAt: m.createdAt.toISOString(),
    updatedAt: m.createdAt.toISOString(),
  });

  const summaryJson = (mb: Mailbox, m: StoredMessage) => {
    const id = messageId(m);
    return {
      '@id': `/messages/${id}`,
      id,
      accountId: `/accounts/${mb.accountId}`,
      msgid: `<${m.hashId}@mailtm.local>`,
      from: { address: m.fromAddress, name: m.fromName },
      to: [{ address: mb.address, name: '' }],
      subject: m.subject,
      intro: m.text.replace(/\s+/g, ' ').trim().slice(0, 120),
      seen: m.seen,
      isDeleted: false,
      hasAttachments: m.attachments.length > 0,
      size: m.text.length + (m.html?.length ?? 0),
      downloadUrl: `/messages/${id}/download`,
      createdAt: m.receivedAt.toISOString(),
      updatedAt: m.receivedAt.toISOString(),
    };
  };

  const detailJson = (mb: Mailbox, m: StoredMessage) => {
    const { intro: _intro, ...summary } = summaryJson(mb, m);
    const id = messageId(m);
    return {
      ...summary,
      cc: [],
      bcc: [],
      flagged: false,
      verifications: [],
      retention: true,
      retentionDate: new Date(m.receivedAt.getTime() + 7 * 86_400_000).toISOString(),
      text: m.text,
      html: m.html ? [m.html] : [],
      attachments: m.attachments.map((a) => ({
        id: attachmentId(a.id),
        filename: a.filename,
        contentType: a.contentType,
        disposition: 'attachment',
        transferEncoding: 'base64',
        related: false,
        size: a.content.length,
        downloadUrl: `/messages/${id}/attachment/${attachmentId(a.id)}`,
      })),
    };
  };

  const findMessage = (mb: Mailbox, id: string) => mb.messages.find((m) => messageId(m) === id);

  const readBody = (ctx: RequestContext): Record<string, unknown> | undefined => {
    try {
      const value: unknown = JSON.parse(ctx.body.toString('utf8'));
      return typeof value === 'object' && value !== null && !Array.isArray(value)
        ? (value as Record<string, unknown>)
        : undefined;
    } catch {
      return undefined;
    }
  };

  const withAccount = (handler: (ctx: RequestContext, mb: Mailbox) => Reply) => (ctx: RequestContext) => {
    const who = authenticate(ctx);
    return 'status' in who ? who : handler(ctx, who);
  };

  const domainJson = {
    '@id': `/domains/${domainId}`,
    id: domainId,
    domain,
    isActive: true,
    isPrivate: false,
    createdAt: '2025-01-10T00:00:00+00:00',
    updatedAt: '2025-01-10T00:00:00+00:00',
  };

  const router = new Router()
    .on('GET', '/domains', (ctx) => collection(ctx, 'Domain', [domainJson], 1))
    .on('GET', '/domains/:id', (ctx) =>
      ctx.params.id === domainId ? one('Domain', domainJson) : problem(404, 'Not Found'),
    )
    .on('POST', '/accounts', (ctx) => {
      const body = readBody(ctx);
      const address = typeof body?.address === 'string' ? body.address.trim().toLowerCase() : '';
      const password = typeof body?.password === 'string' ? body.password : '';
      const at = address.lastIndexOf('@');
      if (at < 1) return violation('address', 'This value is not a valid email address.');
      if (address.slice(at + 1) !== domain) return violation('address', 'The domain is invalid.');
      if (at < 3) return violation('address', 'This value is too short.');
      if (password.length < 6) return violation('password', 'This value is too short.');
      if (store.get(address)) return violation('address', 'This value is already used.');
      const mailbox = store.create(flavor, address, ACCOUNT_TTL_SECONDS, {
        accountId: randomHex(24),
        password,
      });
      byAccountId.set(mailbox.accountId!, mailbox);
      ctx.note.mailbox = mailbox.address;
      return one('Account', accountJson(mailbox), 201);
    })
    .on('POST', '/token', (ctx) => {
      const body = readBody(ctx);
      const address = typeof body?.address === 'string' ? body.address.trim().toLowerCase() : '';
      const mailbox = store.get(address);
      if (!mailbox || mailbox.api !== flavor || mailbox.password !== body?.password) {
        return json(401, { code: 401, message: 'Invalid credentials.' });
      }
      ctx.note.mailbox = mailbox.address;
      const iat = Math.floor(Date.now() / 1000);
      const token = sign({ iat, exp: iat + config.mailtmTokenTtlSeconds, id: mailbox.accountId!, address });
      // A token issued in the same second as a revocation must still work: revocation is "through now".
      if (iat * 1000 <= revokedThrough) revokedThrough = iat * 1000 - 1;
      return json(200, { token, id: mailbox.accountId });
    })
    .on(
      'GET',
      '/me',
      withAccount((_ctx, mb) => one('Account', accountJson(mb))),
    )
    .on(
      'GET',
      '/accounts/:id',
      withAccount((ctx, mb) =>
        ctx.params.id === mb.accountId ? one('Account', accountJson(mb)) : problem(403, 'Access Denied.'),
      ),
    )
    .on(
      'DELETE',
      '/accounts/:id',
      withAccount((ctx, mb) => {
        if (ctx.params.id !== mb.accountId) return problem(403, 'Access Denied.');
        store.remove(mb.address);
        byAccountId.delete(mb.accountId!);
        return { status: 204, headers: {}, body: '' };
      }),
    )
    .on(
      'GET',
      '/messages',
      withAccount((ctx, mb) => {
        const page = Math.max(1, Number(ctx.url.searchParams.get('page') ?? '1') || 1);
        const newest = [...mb.messages].reverse();
        const slice = newest.slice((page - 1) * PER_PAGE, page * PER_PAGE);
        return collection(
          ctx,
          'Message',
          slice.map((m) => summaryJson(mb, m)),
          newest.length,
        );
      }),
    )
    .on(
      'GET',
      '/messages/:id',
      withAccount((ctx, mb) => {
        const m = findMessage(mb, ctx.params.id!);
        return m ? one('Message', detailJson(mb, m)) : problem(404, 'Not Found');
      }),
    )
    .on(
      'PATCH',
      '/messages/:id',
      withAccount((ctx, mb) => {
        if (!/application\/merge-patch\+json/i.test(String(ctx.headers['content-type'] ?? ''))) {
          return problem(415, 'The content-type "application/json" is not supported.');
        }
        const m = findMessage(mb, ctx.params.id!);
        if (!m) return problem(404, 'Not Found');
        const body = readBody(ctx);
        if (typeof body?.seen === 'boolean') m.seen = body.seen;
        return one('Message', { seen: m.seen });
      }),
    )
    .on(
      'DELETE',
      '/messages/:id',
      withAccount((ctx, mb) => {
        const m = findMessage(mb, ctx.params.id!);
        if (!m) return problem(404, 'Not Found');
        store.deleteMessage(mb, m);
        return { status: 204, headers: {}, body: '' };
      }),
    )
    .on(
      'GET',
      '/messages/:id/attachment/:attachmentId',
      withAccount((ctx, mb) => {
        const a = findMessage(mb, ctx.params.id!)?.attachments.find(
          (x) => attachmentId(x.id) === ctx.params.attachmentId,
        );
        return a ? raw(200, a.contentType, a.content) : problem(404, 'Not Found');
      }),
    )
    .on(
      'GET',
      '/messages/:id/download',
      withAccount((ctx, mb) => {
        const m = findMessage(mb, ctx.params.id!);
        return m ? raw(200, 'message/rfc822', rfc822(mb, m)) : problem(404, 'Not Found');
      }),
    )
    .on(
      'GET',
      '/sources/:id',
      withAccount((ctx, mb) => {
        const m = findMessage(mb, ctx.params.id!);
        if (!m) return problem(404, 'Not Found');
        const id = messageId(m);
        return one('Source', {
          '@id': `/sources/${id}`,
          id,
          downloadUrl: `/messages/${id}/download`,
          data: rfc822(mb, m),
        });
      }),
    );

  /** 8 requests a second per IP, as documented; 0 turns it off. */
  const overLimit = (ip: string): boolean => {
    if (config.mailtmRateLimit <= 0) return false;
    const now = Date.now();
    const recent = (requestsByIp.get(ip) ?? []).filter((t) => now - t < RATE_WINDOW_MS);
    recent.push(now);
    requestsByIp.set(ip, recent);
    return recent.length > config.mailtmRateLimit;
  };

  store.onDeliver((mailbox) => {
    if (mailbox.api !== flavor || !mailbox.accountId) return;
    // What the documentation says the hub sends for each new message: the Account with its new `used`.
    hub.publish(
      mailbox.accountId,
      JSON.stringify({ '@context': '/contexts/Account', '@type': 'Account', ...accountJson(mailbox) }),
    );
  });

  return {
    hub,
    async handle(ctx: RequestContext, path: string): Promise<Reply> {
      if (overLimit(ctx.remoteAddress)) return raw(429, 'text/plain', '');
      const match = router.match(ctx.method, path);
      if (match.kind === 'found') return match.handler({ ...ctx, params: match.params });
      if (match.kind === 'method-not-allowed') return problem(405, 'Method Not Allowed');
      return problem(404, 'Not Found');
    },
    quotaExhausted: () => raw(429, 'text/plain', ''),
    errorReply: (status) => problem(status, status >= 500 ? 'Internal Server Error' : 'An error occurred'),
    expireTokens() {
      revokedThrough = Date.now();
    },
    subscribe(ctx, res) {
      const send = (reply: Reply) => {
        res.writeHead(reply.status, reply.headers);
        res.end(reply.body);
      };
      if (hub.down) return send(raw(503, 'text/plain', 'hub unavailable'));
      const who = authenticate(ctx);
      if ('status' in who) return send(who);
      const topic = ctx.url.searchParams.get('topic');
      if (topic !== `/accounts/${who.accountId}`) return send(raw(403, 'text/plain', 'topic not allowed'));
      res.writeHead(200, {
        'Content-Type': 'text/event-stream',
        'Cache-Control': 'no-cache',
        Connection: 'keep-alive',
      });
      res.write(':\n\n');
      hub.add(who.accountId!, res);
      const heartbeat = setInterval(() => res.write(':\n\n'), config.mailtmHeartbeatMs);
      res.on('close', () => clearInterval(heartbeat));
    },
  };
}

function rfc822(mb: Mailbox, m: StoredMessage): string {
  return [
    `From: ${m.fromName ? `${m.fromName} <${m.fromAddress}>` : m.fromAddress}`,
    `To: ${mb.address}`,
    `Subject: ${m.subject}`,
    `Date: ${m.receivedAt.toUTCString()}`,
    '',
    m.text,
  ].join('\r\n');
}
