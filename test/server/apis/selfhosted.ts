import { randomInt } from 'node:crypto';
import type { ServerConfig } from '../config';
import { DOMAINS } from '../domains';
import { json, raw, Router, type Reply } from '../router';
import { isLive, type MailboxStore, type StoredMessage } from '../store';
import { naiveLocal } from '../time';
import type { ApiModule } from './api';

/**
 * Self-hosted "TempMail API v1.0" (`api.php`, seed 003, SPEC §2): PATH_INFO routing, no auth, `{success, …}`
 * bodies, naive server-local times, global sequential ids and public attachment files. HTTP status codes are not
 * documented; the ones used here are the SPEC fixtures' assumptions.
 */

/** The 13 reserved names the docs list ("and more..." is not published). */
export const RESERVED_USERNAMES = [
  'admin',
  'administrator',
  'root',
  'system',
  'info',
  'contact',
  'support',
  'help',
  'webmaster',
  'postmaster',
  'noreply',
  'abuse',
  'security',
];

const USERNAME_PATTERN = /^[A-Za-z0-9]{3,20}$/;
const FIRST_NAMES = ['budi', 'siti', 'agus', 'dewi', 'rina', 'eko', 'putri', 'joko', 'sari', 'andi'];
const LAST_NAMES = ['pratama', 'santoso', 'wijaya', 'lestari', 'saputra', 'hidayat', 'kusuma'];

const pickFrom = (list: string[]): string => list[randomInt(list.length)] as string;
const error = (status: number, message: string): Reply => json(status, { error: message });
const generateError = (status: number, message: string): Reply =>
  json(status, { success: false, error: message });

/** The self-hosted API plus its static attachment files (served by the web server beside api.php). */
export interface SelfhostedApi extends ApiModule {
  serveAttachment(path: string): Reply;
}

export function createSelfhostedApi(store: MailboxStore, config: ServerConfig): SelfhostedApi {
  /** A live self-hosted message by its numeric id; messages of expired (purged) addresses are gone. */
  const findMessage = (rawId: string) => {
    if (!/^\d+$/.test(rawId)) return undefined;
    const seq = Number(rawId);
    const found = store.findMessage('selfhosted', (m) => m.seq === seq);
    return found && isLive(found.mailbox) ? found : undefined;
  };

  const summaryJson = (m: StoredMessage) => ({
    id: m.seq,
    from_email: m.fromAddress,
    from_name: m.fromName,
    subject: m.subject,
    is_read: m.seen ? 1 : 0,
    received_at: naiveLocal(m.receivedAt),
  });

  const router = new Router()
    .on('GET', '/generate', (ctx) => {
      const requested = ctx.url.searchParams.get('username');
      let username: string;
      if (requested !== null) {
        if (!USERNAME_PATTERN.test(requested)) {
          return generateError(400, 'Invalid username. Use 3-20 alphanumeric characters only.');
        }
        username = requested.toLowerCase();
        if (RESERVED_USERNAMES.includes(username)) {
          return generateError(400, 'This username is reserved and cannot be used.');
        }
        if (store.getLive(`${username}@${DOMAINS.selfhosted}`)) {
          return generateError(409, 'Username already taken. Please choose another one.');
        }
      } else {
        do username = `${pickFrom(FIRST_NAMES)}${pickFrom(LAST_NAMES)}${randomInt(100, 1000)}`;
        while (store.getLive(`${username}@${DOMAINS.selfhosted}`));
      }
      const mailbox = store.create(
        'selfhosted',
        `${username}@${DOMAINS.selfhosted}`,
        config.ttlSeconds.selfhosted,
      );
      ctx.note.mailbox = mailbox.address;
      return json(200, {
        success: true,
        email: mailbox.address,
        username,
        domain: DOMAINS.selfhosted,
        expires_at: naiveLocal(mailbox.expiresAt),
      });
    })
    .on('GET', '/inbox/:email', (ctx) => {
      const address = ctx.params.email ?? '';
      ctx.note.mailbox = address.toLowerCase();
      const mailbox = store.getLive(address);
      if (!mailbox || mailbox.api !== 'selfhosted') {
        return json(404, {
          error: 'Email not found',
          searched_for: address,
          hint: 'Generate this email first via /generate endpoint',
        });
      }
      return json(200, {
        success: true,
        email: mailbox.address,
        created_at: naiveLocal(mailbox.createdAt),
        expires_at: naiveLocal(mailbox.expiresAt),
        total: mailbox.messages.length,
        emails: mailbox.messages.map(summaryJson),
      });
    })
    .on('GET', '/email/:id', (ctx) => {
      const found = findMessage(ctx.params.id ?? '');
      if (!found) return error(404, 'Email not found');
      const { mailbox, message } = found;
      ctx.note.mailbox = mailbox.address;
      message.seen = true;
      const { id: _summaryId, ...summary } = summaryJson(message);
      return json(200, {
        success: true,
        email: {
          id: message.seq,
          email_address_id: mailbox.id,
          ...summary,
          body_text: message.text,
          body_html: message.html ?? null,
        },
        attachments: message.attachments.map((a) => ({
          id: a.id,
          filename: a.filename,
          size: a.content.length,
          content_type: a.contentType,
          file_path: a.publicPath,
        })),
      });
    })
    .on('DELETE', '/email/:id', (ctx) => {
      const rawId = ctx.params.id ?? '';
      const found = findMessage(rawId);
      if (!found) return error(404, 'Email not found');
      ctx.note.mailbox = found.mailbox.address;
      store.deleteMessage(found.mailbox, found.message);
      return json(200, { success: true, deleted_id: rawId });
    })
    .on('GET', '/domains', () => json(200, { success: true, domains: [DOMAINS.selfhosted] }))
    .on('GET', '/stats', () => {
      const mailboxes = store.all('selfhosted');
      return json(200, {
        success: true,
        stats: {
          id: 1,
          total_emails: mailboxes.reduce((sum, m) => sum + m.messages.length, 0),
          total_addresses: mailboxes.length,
          total_received: store.receivedTotals.selfhosted,
          last_updated: naiveLocal(new Date()),
        },
      });
    });

  return {
    async handle(ctx, path) {
      const match = router.match(ctx.method, path);
      if (match.kind === 'found') return match.handler({ ...ctx, params: match.params });
      if (match.kind === 'method-not-allowed') return error(405, 'Method not allowed');
      return error(404, `Invalid endpoint: ${path || '/'}`);
    },
    serveAttachment(path) {
      const attachment = store.attachmentByPath(path);
      if (!attachment) return raw(404, 'text/html', '<h1>404 Not Found</h1>');
      return raw(200, attachment.contentType, attachment.content);
    },
    quotaExhausted: () => error(429, 'Too many requests'),
    errorReply: (status) => error(status, status >= 500 ? 'Config not found' : `HTTP ${status}`),
  };
}
