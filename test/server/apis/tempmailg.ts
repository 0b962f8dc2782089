import type { ServerConfig } from '../config';
import { DOMAINS } from '../domains';
import { emailToken, randomLocalPart } from '../ids';
import { json, raw, Router, type Reply, type RequestContext } from '../router';
import { isLive, type Mailbox, type MailboxStore, type StoredMessage } from '../store';
import { isoWithOffset, naiveUtc, nextMonthStart } from '../time';
import type { ApiModule } from './api';

/**
 * tempmailg "user API" (seeds 000-002, SPEC §1): Bearer key, `{status, data}` envelope, quota headers counted on
 * 2xx only, mailboxes and messages owned by the key. Error bodies are not documented; they follow the Laravel
 * `{status:false, message}` shape the SPEC proposes.
 */

type DomainType = 'free' | 'premium' | 'all';

const DOMAIN_LIST = [
  { domain: DOMAINS.tempmailgFree, type: 'Free', custom: false },
  { domain: DOMAINS.tempmailgPremium, type: 'Premium', custom: false },
] as const;

const USERNAME_PATTERN = /^[a-z0-9._-]{3,32}$/i;

const failure = (status: number, message: string): Reply => json(status, { status: false, message });
const validation = (field: string, message: string): Reply =>
  json(422, { message, errors: { [field]: [message] } });

export function createTempmailgApi(store: MailboxStore, config: ServerConfig): ApiModule {
  const usedByKey = new Map<string, number>(config.apiKeys.map((key) => [key, 0]));
  const allowedTypes: DomainType[] =
    config.tempmailgPlan === 'premium' ? ['free', 'premium', 'all'] : ['free'];

  const quotaHeaders = (used: number): Record<string, string> => ({
    'X-RateLimit-Limit': String(config.quotaLimit),
    'X-RateLimit-Used': String(used),
    'X-RateLimit-Remaining': String(Math.max(0, config.quotaLimit - used)),
    'X-RateLimit-Reset': isoWithOffset(nextMonthStart(new Date())),
  });

  const quotaExceeded = (used: number): Reply => {
    const reply = failure(429, 'API quota exceeded.');
    Object.assign(reply.headers, quotaHeaders(Math.max(used, config.quotaLimit)));
    return reply;
  };

  const domainsFor = (type: DomainType) =>
    DOMAIN_LIST.filter((d) => type === 'all' || d.type.toLowerCase() === type).map((d) => ({ ...d }));

  const mailboxJson = (mailbox: Mailbox) => ({
    id: mailbox.id,
    email: mailbox.address,
    domain: mailbox.domain,
    expire_at: isoWithOffset(mailbox.expiresAt),
    expires_in_seconds: Math.max(0, Math.round((mailbox.expiresAt.getTime() - Date.now()) / 1000)),
    created_at: isoWithOffset(mailbox.createdAt),
    email_token: mailbox.emailToken,
  });

  const messageJson = (ctx: RequestContext, message: StoredMessage) => ({
    is_seen: message.seen,
    subject: message.subject,
    from: message.fromName || message.fromAddress,
    from_email: message.fromAddress,
    to: message.to,
    receivedAt: naiveUtc(message.receivedAt),
    id: message.hashId,
    html: message.html !== undefined,
    content: message.html ?? message.text,
    attachments: message.attachments.map((a) => ({
      name: a.filename,
      extension: a.filename.includes('.') ? (a.filename.split('.').pop() ?? '').toLowerCase() : '',
      size: a.content.length,
      url: `${ctx.origin}/api/messages/${message.hashId}/attachments/${encodeURIComponent(a.filename)}`,
    })),
  });

  /** The caller's live mailbox with this address, or undefined (unknown, expired, or someone else's). */
  const ownedMailbox = (key: string, address: string): Mailbox | undefined => {
    const mailbox = store.getLive(address);
    return mailbox && mailbox.api === 'tempmailg' && mailbox.owner === key ? mailbox : undefined;
  };

  const ownedMessage = (key: string, id: string) => {
    const found = store.findMessage('tempmailg', (m) => m.hashId === id);
    return found && found.mailbox.owner === key && isLive(found.mailbox) ? found : undefined;
  };

  const createMailbox = (key: string, address: string, previous?: Mailbox): Mailbox => {
    const mailbox = store.create('tempmailg', address, config.ttlSeconds.tempmailg, {
      owner: key,
      emailToken: emailToken(),
    });
    if (previous) {
      // The docs' rename example keeps created_at and expire_at while the id changes.
      mailbox.createdAt = previous.createdAt;
      mailbox.expiresAt = previous.expiresAt;
    }
    return mailbox;
  };

  const routesFor = (key: string) =>
    new Router()
      .on('GET', '/domains', (ctx) => {
        const type = (ctx.url.searchParams.get('type') ?? 'free') as DomainType;
        if (!['free', 'premium', 'all'].includes(type))
          return validation('type', 'The selected type is invalid.');
        if (!allowedTypes.includes(type)) return failure(403, 'Your plan does not allow premium domains.');
        return json(200, {
          status: true,
          data: { requested_type: type, allowed_types: allowedTypes, domains: domainsFor(type) },
        });
      })
      .on('POST', '/emails', (ctx) => {
        let address: string;
        do address = `${randomLocalPart()}@${DOMAINS.tempmailgFree}`;
        while (store.getLive(address));
        const mailbox = createMailbox(key, address);
        ctx.note.mailbox = mailbox.address;
        return json(200, { status: true, data: mailboxJson(mailbox) });
      })
      .on('POST', '/emails/:current/:username/:domain', (ctx) => {
        const { current = '', username = '', domain = '' } = ctx.params;
        ctx.note.mailbox = current.toLowerCase();
        const previous = ownedMailbox(key, current);
        if (!previous) return failure(404, 'Email not found.');
        if (!USERNAME_PATTERN.test(username)) {
          return validation('username', 'The username field format is invalid.');
        }
        const listed = DOMAIN_LIST.find((d) => d.domain === domain.toLowerCase());
        if (!listed) return validation('domain', 'The selected domain is invalid.');
        if (!allowedTypes.includes(listed.type.toLowerCase() as DomainType)) {
          return failure(403, 'Your plan does not allow premium domains.');
        }
        const address = `${username}@${listed.domain}`.toLowerCase();
        const occupant = store.getLive(address);
        if (occupant && occupant !== previous) return failure(409, 'This email address is already in use.');
        store.remove(previous.address);
        const mailbox = createMailbox(key, address, previous);
        ctx.note.mailbox = mailbox.address;
        return json(200, { status: true, data: mailboxJson(mailbox) });
      })
      .on('DELETE', '/emails/:email', (ctx) => {
        const address = ctx.params.email ?? '';
        ctx.note.mailbox = address.toLowerCase();
        if (!ownedMailbox(key, address)) return failure(404, 'Email not found.');
        store.remove(address);
        return json(200, { status: true, message: 'Email has been successfully deleted.' });
      })
      .on('GET', '/messages', (ctx) => {
        const address = ctx.url.searchParams.get('email');
        if (!address) return validation('email', 'The email field is required.');
        ctx.note.mailbox = address.toLowerCase();
        const mailbox = ownedMailbox(key, address);
        if (!mailbox) return failure(404, 'Email not found.');
        const newestFirst = [...mailbox.messages].reverse();
        const messages = newestFirst.map((m) => messageJson(ctx, m));
        return json(
          200,
          config.drift.tempmailgDataMessages
            ? { status: true, data: { mailbox: mailbox.address, messages } }
            : { status: true, mailbox: mailbox.address, messages },
        );
      })
      .on('GET', '/messages/:id', (ctx) => {
        const found = ownedMessage(key, ctx.params.id ?? '');
        if (!found) return failure(404, 'Message not found.');
        ctx.note.mailbox = found.mailbox.address;
        found.message.seen = true;
        const message = messageJson(ctx, found.message);
        return json(
          200,
          config.drift.tempmailgSingleMessage ? { status: true, message } : { status: true, data: message },
        );
      })
      .on('DELETE', '/messages/:id', (ctx) => {
        const found = ownedMessage(key, ctx.params.id ?? '');
        if (!found) return failure(404, 'Message not found.');
        ctx.note.mailbox = found.mailbox.address;
        store.deleteMessage(found.mailbox, found.message);
        return json(200, { status: true, message: 'Message was deleted successfully.' });
      })
      .on('GET', '/messages/:id/attachments/:filename', (ctx) => {
        const found = ownedMessage(key, ctx.params.id ?? '');
        const attachment = found?.message.attachments.find((a) => a.filename === ctx.params.filename);
        if (!found || !attachment) return failure(404, 'Attachment not found.');
        ctx.note.mailbox = found.mailbox.address;
        const reply = raw(200, attachment.contentType, attachment.content);
        reply.headers['Content-Disposition'] =
          `attachment; filename="${attachment.filename.replace(/"/g, '')}"`;
        return reply;
      });

  const routers = new Map(config.apiKeys.map((key) => [key, routesFor(key)]));

  return {
    async handle(ctx, path) {
      const key = /^Bearer\s+(.+)$/i.exec(ctx.headers.authorization ?? '')?.[1]?.trim() ?? '';
      const router = routers.get(key);
      if (!router) return failure(401, 'Unauthenticated.');
      const used = usedByKey.get(key) ?? 0;
      if (used >= config.quotaLimit) return quotaExceeded(used);

      const match = router.match(ctx.method, path);
      let reply: Reply;
      if (match.kind === 'found') {
        reply = await match.handler({ ...ctx, params: match.params });
      } else if (match.kind === 'method-not-allowed') {
        reply = json(405, {
          message: `The ${ctx.method} method is not supported for route api${path}. Supported methods: ${match.allowed.join(', ')}.`,
        });
      } else {
        reply = json(404, { message: 'Not Found' });
      }
      const usedNow = reply.status >= 200 && reply.status < 300 ? used + 1 : used;
      usedByKey.set(key, usedNow);
      Object.assign(reply.headers, quotaHeaders(usedNow));
      return reply;
    },
    quotaExhausted: () => quotaExceeded(config.quotaLimit),
    errorReply: (status) =>
      status >= 500 ? json(status, { message: 'Server Error' }) : failure(status, `HTTP ${status}`),
  };
}
