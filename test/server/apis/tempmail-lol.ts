import type { ServerConfig } from '../config';
import { DOMAINS, LOL_CUSTOM_PASSWORD } from '../domains';
import { lolToken, randomHex } from '../ids';
import { json, Router, type Reply, type RequestContext } from '../router';
import { isLive, type Mailbox, type MailboxStore, type StoredMessage } from '../store';
import type { ApiModule } from './api';

/**
 * TempMail.lol v2 and legacy v1 (seed 004, SPEC §3, upstream 2023 source): token-addressed inboxes, destructive
 * reads (each mail is handed out once), no ids and no attachments, `expired` flag, 1 poll/s/token throttle and an
 * optional creation limit per IP.
 */

const WIKI_V2 = 'https://github.com/tempmail-lol/server/wiki/v2-API-Endpoints';
const WIKI_V1 = 'https://github.com/tempmail-lol/server/wiki/v1-API-Endpoints';
const LOL_DOMAINS: string[] = [DOMAINS.lol, DOMAINS.lolCommunity];
/** Custom-domain catch-alls live as long as the server (the service erases them after a month unread). */
const CUSTOM_TTL_SECONDS = 365 * 24 * 3600;
const CREATE_WINDOW_MS = 5 * 60 * 1000;
const POLL_INTERVAL_MS = 1000;

const lolError = (status: number, message: string, code?: number): Reply =>
  json(status, code === undefined ? { error: message } : { error: message, code });

/** The upstream 429 on creation: plain text under a JSON content type. */
const createRateLimited = (): Reply => ({
  status: 429,
  headers: { 'Content-Type': 'application/json' },
  body: 'Rate limited: free',
});

interface CreateRequest {
  prefix?: unknown;
  domain?: unknown;
  community?: unknown;
}

export function createTempmailLolApi(store: MailboxStore, config: ServerConfig): ApiModule {
  const lastPollByToken = new Map<string, number>();
  // The customer's own domain: every address on it lands in one catch-all, read with the domain's password.
  store.create('tempmail-lol', `*@${DOMAINS.lolCustom}`, CUSTOM_TTL_SECONDS);
  const createsByIp = new Map<string, { windowStart: number; count: number }>();

  /** Counts a creation for the IP; false when the configured limit is already reached. */
  const allowCreate = (ip: string): boolean => {
    if (config.lolCreateLimit <= 0) return true;
    const now = Date.now();
    const window = createsByIp.get(ip);
    if (!window || now - window.windowStart >= CREATE_WINDOW_MS) {
      createsByIp.set(ip, { windowStart: now, count: 1 });
      return true;
    }
    if (window.count >= config.lolCreateLimit) return false;
    window.count++;
    return true;
  };

  /** `<prefix or 6 random hex><hex unix seconds>@domain`; a clash moves the timestamp on by a second. */
  const createInbox = (domain: string, prefix: string | undefined): Mailbox => {
    const head = prefix ?? randomHex(6);
    let seconds = Math.floor(Date.now() / 1000);
    while (store.getLive(`${head}${seconds.toString(16)}@${domain}`)) seconds++;
    return store.create(
      'tempmail-lol',
      `${head}${seconds.toString(16)}@${domain}`,
      config.ttlSeconds.tempmailLol,
      {
        token: lolToken(),
      },
    );
  };

  const emailJson = (m: StoredMessage, index: number): Record<string, unknown> => {
    const { drift } = config;
    const subject = m.subject || '[no subject]';
    return {
      ...(drift.lolExtraId ? { id: m.hashId } : {}),
      from: m.envelopeFrom,
      to: m.to,
      subject: drift.lolOddSubject && index === 0 ? { text: subject } : subject,
      body: m.text || '[email has empty or invalid body]',
      ...(drift.lolMissingFields
        ? {}
        : {
            date: m.receivedAt.getTime(),
            ip: m.senderIp,
            ...(m.html !== undefined ? { html: m.html } : {}),
          }),
    };
  };

  /** Hands out every waiting mail of a live inbox once, removing it; undefined for an unknown/expired token. */
  const drain = (ctx: RequestContext, token: string) => {
    ctx.note.token = token;
    const mailbox = store.getByToken(token);
    if (!mailbox) return undefined;
    ctx.note.mailbox = mailbox.address;
    if (!isLive(mailbox)) return undefined;
    const emails = mailbox.messages.map(emailJson);
    for (const message of [...mailbox.messages]) store.deleteMessage(mailbox, message);
    return emails;
  };

  const created = (ctx: RequestContext, mailbox: Mailbox): Reply => {
    ctx.note.mailbox = mailbox.address;
    ctx.note.token = mailbox.token;
    return json(201, { address: mailbox.address, token: mailbox.token });
  };

  const createV2 = (ctx: RequestContext): Reply => {
    let request: CreateRequest = {};
    if (ctx.method === 'POST' && ctx.body.length > 0) {
      try {
        const parsed: unknown = JSON.parse(ctx.body.toString('utf8'));
        if (typeof parsed !== 'object' || parsed === null) throw new TypeError('not an object');
        request = parsed as CreateRequest;
      } catch {
        return lolError(400, 'Invalid JSON data provided for POST request', 2);
      }
    }
    let domain: string = request.community === true ? DOMAINS.lolCommunity : DOMAINS.lol;
    if (typeof request.domain === 'string') {
      if (!LOL_DOMAINS.includes(request.domain.toLowerCase())) {
        return lolError(
          400,
          'BananaCrumbs.US TempMail Endpoint Error: Invalid domain.  Did you provide a valid domain name?',
          1,
        );
      }
      domain = request.domain.toLowerCase();
    }
    const prefix = typeof request.prefix === 'string' ? request.prefix.toLowerCase() : '';
    if (!allowCreate(ctx.remoteAddress)) return createRateLimited();
    const prefixRule = config.drift.lolLongPrefix ? /^[0-9a-z_-]{1,50}$/ : /^[0-9a-z]{1,12}$/;
    return created(ctx, createInbox(domain, prefixRule.test(prefix) ? prefix : undefined));
  };

  const createV1 = (ctx: RequestContext, domain: string): Reply => {
    if (!LOL_DOMAINS.includes(domain.toLowerCase())) return lolError(400, 'invalid domain');
    if (!allowCreate(ctx.remoteAddress)) return lolError(429, 'rate limited (free)');
    return created(ctx, createInbox(domain.toLowerCase(), undefined));
  };

  const unknownV2Path = () => lolError(404, `No endpoint with that name exists on v2.  See ${WIKI_V2}`);

  /**
   * Legacy custom-domain reads (Plus and up), destructive like every read: v1 says nothing about a wrong
   * password (seed 004), v2 answers 403 code 8 (SPEC 3.5). Without a login, v1 answers 402.
   */
  const drainCustom = (ctx: RequestContext, domain: string, password: string) => {
    const mailbox = store.getLive(`*@${domain.toLowerCase()}`);
    if (!mailbox || domain.toLowerCase() !== DOMAINS.lolCustom || password !== LOL_CUSTOM_PASSWORD) {
      return undefined;
    }
    ctx.note.mailbox = mailbox.address;
    const emails = mailbox.messages.map(emailJson);
    for (const message of [...mailbox.messages]) store.deleteMessage(mailbox, message);
    return emails;
  };
  const customV1 = (ctx: RequestContext): Reply => {
    if (ctx.headers.authorization === undefined) return lolError(402, 'Not logged in or out of time');
    const emails = drainCustom(ctx, ctx.params.domain ?? '', ctx.params.password ?? '');
    return json(200, { email: emails ?? null });
  };
  const customV2 = (ctx: RequestContext): Reply => {
    if (ctx.headers.authorization === undefined) {
      return lolError(403, 'You must be logged in to use custom domains.', 6);
    }
    const domain = ctx.url.searchParams.get('domain') ?? '';
    const emails = drainCustom(ctx, domain, ctx.url.searchParams.get('password') ?? '');
    if (emails === undefined) {
      return lolError(
        403,
        'Invalid password provided for domain.  If you recently set this record, wait several hours for your nameserver to update.',
        8,
      );
    }
    return json(200, { email: emails });
  };

  const inboxMethodNotAllowed = () =>
    lolError(405, `Method Not Allowed (POST /inbox/create to create an inbox: ${WIKI_V2})`, 4);

  const stats = (clientsConnected: number) => ({
    emails_received: store.receivedTotals['tempmail-lol'],
    clients_connected: clientsConnected,
  });

  const router = new Router()
    .on('POST', '/v2/inbox/create', createV2)
    .on('GET', '/v2/inbox/create', createV2)
    .on('GET', '/v2/inbox', (ctx) => {
      const token = ctx.url.searchParams.get('token');
      if (!token || config.drift.lolNoToken) return lolError(401, 'Unauthenticated', 6);
      if (config.lolPollThrottle) {
        const now = Date.now();
        const last = lastPollByToken.get(token);
        if (last !== undefined && now - last < POLL_INTERVAL_MS) {
          ctx.note.token = token;
          return lolError(429, 'Rate limited', 7);
        }
        lastPollByToken.set(token, now);
      }
      const emails = drain(ctx, token);
      const { drift } = config;
      const list = emails && emails.length > 0 ? emails : drift.lolEmailsNull ? null : [];
      return json(
        200,
        drift.lolMissingFields ? { emails: list } : { emails: list, expired: emails === undefined },
      );
    })
    .on('GET', '/v2/inbox/delete', (ctx) => {
      // Undocumented; the official web UI calls it on "reset" without reading the answer.
      const token = ctx.url.searchParams.get('token') ?? '';
      const mailbox = store.getByToken(token);
      if (mailbox) store.remove(mailbox.address);
      return { status: 200, headers: {}, body: '' };
    })
    .on('GET', '/v2/custom', customV2)
    .on('GET', '/v1/custom/:password/:domain', customV1)
    .on('GET', '/v2/stats', () => json(200, stats(store.all('tempmail-lol').filter((m) => isLive(m)).length)))
    .on('GET', '/v1/generate', (ctx) => createV1(ctx, DOMAINS.lol))
    .on('GET', '/v1/generate/rush', (ctx) => createV1(ctx, DOMAINS.lolCommunity))
    .on('GET', '/v1/generate/:domain', (ctx) => createV1(ctx, ctx.params.domain ?? ''))
    .on('GET', '/v1/auth/:token', (ctx) => {
      const emails = drain(ctx, ctx.params.token ?? '');
      return json(200, emails === undefined ? { email: null, token: 'invalid' } : { email: emails });
    })
    .on('GET', '/v1/stats', () => json(200, stats(0)));

  return {
    async handle(ctx, path) {
      const authorization = ctx.headers.authorization;
      if (authorization !== undefined && !/^Bearer\s+tm\.\S+$/.test(authorization)) {
        return lolError(401, 'Invalid login, bad BananaCrumbs login.', 11);
      }
      if (config.drift.lolUnknownPath) return unknownV2Path();
      const match = router.match(ctx.method, path);
      if (match.kind === 'found') return match.handler({ ...ctx, params: match.params });
      if (path.startsWith('/v1')) {
        const reply = lolError(302, `No endpoint with that name exists on v1.  See ${WIKI_V1}`);
        reply.headers.Location = WIKI_V1;
        return reply;
      }
      if (match.kind === 'method-not-allowed') return inboxMethodNotAllowed();
      return unknownV2Path();
    },
    quotaExhausted(_ctx, path) {
      if (path.startsWith('/v2/inbox/create')) return createRateLimited();
      if (path.startsWith('/v1/generate')) return lolError(429, 'rate limited (free)');
      return lolError(429, 'Rate limited', 7);
    },
    errorReply: (status) =>
      status >= 500 ? lolError(status, 'Internal Server Error', 12) : lolError(status, `HTTP ${status}`, 0),
  };
}
