import type { FaultRegistry } from './faults';
import { parseFaultSpec } from './faults';
import type { RequestLog } from './request-log';
import { json, Router, type Reply, type RequestContext } from './router';
import type { MailboxStore } from './store';
import type { DeliveryRecord, DriftSwitches, SendMailOptions } from './types';

interface ControlDeps {
  /** The answer-shape switches the APIs read on every request. */
  drift: DriftSwitches;
  store: MailboxStore;
  log: RequestLog;
  faults: FaultRegistry;
  deliveries: DeliveryRecord[];
  /** Mail.tm / Mail.gw: expire every token; take the hub down or up. */
  mailtm?: {
    expireTokens(): void;
    hub(change?: { down?: boolean }): { open: number; published: number; down: boolean };
  };
  /** Sends over real SMTP to this server's own listener. */
  send(mail: Omit<SendMailOptions, 'smtpPort' | 'host'>): Promise<void>;
}

type JsonObject = Record<string, unknown>;

function readJson(ctx: RequestContext): JsonObject | undefined {
  try {
    const parsed: unknown = JSON.parse(ctx.body.toString('utf8') || '{}');
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)
      ? (parsed as JsonObject)
      : undefined;
  } catch {
    return undefined;
  }
}

const badRequest = (message: string): Reply => json(400, { ok: false, error: message });

function sinceParam(ctx: RequestContext): number | undefined {
  const since = ctx.url.searchParams.get('since');
  return since === null || !Number.isFinite(Number(since)) ? undefined : Number(since);
}

type SendAttachment = NonNullable<SendMailOptions['attachments']>[number];

/** Control-API attachments: `content` is text unless `encoding: "base64"`. */
function parseAttachments(value: unknown): SendAttachment[] | string {
  if (value === undefined) return [];
  if (!Array.isArray(value)) return 'attachments must be an array';
  const out: SendAttachment[] = [];
  for (const item of value as JsonObject[]) {
    if (typeof item?.filename !== 'string' || typeof item.content !== 'string') {
      return 'each attachment needs filename and content strings';
    }
    out.push({
      filename: item.filename,
      content: item.encoding === 'base64' ? Buffer.from(item.content, 'base64') : item.content,
      ...(typeof item.contentType === 'string' ? { contentType: item.contentType } : {}),
    });
  }
  return out;
}

/**
 * The `/_control` API for tests, benchmarks and the demo: faults, request log and counts, mailboxes, forced
 * expiry, SMTP deliveries and a "send a mail to myself over SMTP" helper.
 */
const DRIFT_KEYS: readonly (keyof DriftSwitches)[] = [
  'lolEmailsNull',
  'lolMissingFields',
  'lolExtraId',
  'lolOddSubject',
  'lolLongPrefix',
  'lolNoToken',
  'lolUnknownPath',
  'tempmailgDataMessages',
  'tempmailgSingleMessage',
];

export function createControlApi({ drift, store, log, faults, deliveries, send, mailtm }: ControlDeps) {
  const router = new Router()
    .on('POST', '/mailtm/expire-tokens', () => {
      mailtm?.expireTokens();
      return json(200, { ok: true });
    })
    .on('GET', '/mailtm/hub', () => json(200, mailtm?.hub() ?? {}))
    .on('POST', '/mailtm/hub', (ctx) => {
      const down = readJson(ctx)?.down;
      if (typeof down !== 'boolean') return badRequest('down must be true or false');
      return json(200, mailtm?.hub({ down }) ?? {});
    })
    .on('POST', '/faults', (ctx) => {
      const body = readJson(ctx);
      const spec = parseFaultSpec(body);
      if (typeof spec === 'string') return badRequest(spec);
      faults.add(spec);
      return json(201, { ok: true, faults: faults.list() });
    })
    .on('GET', '/faults', () => json(200, { faults: faults.list() }))
    // Answer shapes seen in the wild: `POST /drift {lolEmailsNull: true, ...}` sets switches, DELETE clears all.
    .on('POST', '/drift', (ctx) => {
      const body = readJson(ctx);
      if (!body) return badRequest('send a JSON object of switches');
      const unknown = Object.keys(body).filter((k) => !DRIFT_KEYS.includes(k as keyof DriftSwitches));
      if (unknown.length > 0) return badRequest(`unknown drift switch: ${unknown.join(', ')}`);
      for (const key of DRIFT_KEYS) if (typeof body[key] === 'boolean') drift[key] = body[key] as boolean;
      return json(200, { ok: true, drift });
    })
    .on('GET', '/drift', () => json(200, { drift }))
    .on('DELETE', '/drift', () => {
      for (const key of DRIFT_KEYS) delete drift[key];
      return json(200, { ok: true, drift });
    })
    .on('DELETE', '/faults', () => {
      faults.clear();
      return json(200, { ok: true });
    })
    .on('GET', '/log', (ctx) => json(200, { entries: log.list(sinceParam(ctx)) }))
    .on('GET', '/counts', () => json(200, log.totals()))
    .on('POST', '/reset-log', () => {
      log.reset();
      return json(200, { ok: true });
    })
    .on('GET', '/mailboxes', () => json(200, { mailboxes: store.summaries() }))
    .on('POST', '/expire', (ctx) => {
      const address = readJson(ctx)?.address;
      if (typeof address !== 'string') return badRequest('address is required');
      return store.expire(address)
        ? json(200, { ok: true })
        : json(404, { ok: false, error: 'unknown mailbox' });
    })
    .on('GET', '/deliveries', (ctx) => {
      const since = sinceParam(ctx);
      return json(200, { deliveries: deliveries.filter((d) => since === undefined || d.t >= since) });
    })
    .on('POST', '/send', async (ctx) => {
      const body = readJson(ctx);
      const to = body?.to;
      const toList = Array.isArray(to) ? to : [to];
      if (!body || !toList.every((t): t is string => typeof t === 'string') || toList.length === 0) {
        return badRequest('to must be an address or a list of addresses');
      }
      if (typeof body.subject !== 'string') return badRequest('subject is required');
      const attachments = parseAttachments(body.attachments);
      if (typeof attachments === 'string') return badRequest(attachments);
      const optionalText = (key: string) =>
        typeof body[key] === 'string' ? (body[key] as string) : undefined;
      try {
        await send({
          to: toList,
          subject: body.subject,
          from: optionalText('from'),
          text: optionalText('text'),
          html: optionalText('html'),
          attachments,
        });
      } catch (error) {
        return json(502, { ok: false, error: error instanceof Error ? error.message : String(error) });
      }
      return json(200, { ok: true });
    });

  return {
    async handle(ctx: RequestContext, path: string): Promise<Reply> {
      const match = router.match(ctx.method, path);
      if (match.kind === 'found') return match.handler({ ...ctx, params: match.params });
      if (match.kind === 'method-not-allowed') return json(405, { ok: false, error: 'method not allowed' });
      return json(404, { ok: false, error: 'unknown control endpoint' });
    },
  };
}
