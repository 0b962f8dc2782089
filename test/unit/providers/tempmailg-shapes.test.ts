import { describe, expect, it } from 'vitest';
import { TempmailgProvider } from '../../../lib/providers/tempmailg';
import type { MailboxHandle } from '../../../lib/providers/types';
import { always, caught, fakeFetch, jsonResponse, loadFixture } from './fake-fetch';

/** tempmailg in the shapes seen in the wild: the list under `messages` or `data.messages`, one message under `data` or `message`. */

const BASE = 'https://v1.tempmailg.com/api';
const NOW = Date.parse('2026-06-28T09:38:45Z');
const documented = loadFixture('tempmailg', 'messages.list.200').response.body as { messages: unknown[] };
const one = documented.messages[0]!;

const provider = (body: unknown) =>
  new TempmailgProvider(
    { baseUrl: BASE, apiKey: 'k', fetch: fakeFetch(() => jsonResponse(200, body)).fetch },
    { now: () => NOW, retryDelayMs: () => 1 },
  );

const mailbox: MailboxHandle = {
  address: 'demo123@example.com',
  credentials: { kind: 'tempmailg', id: 2301, emailToken: 't' },
  expiresAt: NOW + 600_000,
};

describe('tempmailg answer shapes', () => {
  it.each([
    ['messages (documented)', { status: true, mailbox: 'demo123@example.com', messages: [one] }],
    ['data.messages', { status: true, data: { mailbox: 'demo123@example.com', messages: [one] } }],
    ['data as the list', { status: true, data: [one] }],
  ])('reads the list under %s', async (_, body) => {
    const result = await provider(body).listMessages(mailbox);
    expect(result.messages.map((m) => m.subject)).toEqual(['Welcome to Temp Mail']);
  });

  it.each([
    ['data (documented)', { status: true, data: one }],
    ['message (the older script)', { status: true, message: one }],
  ])('reads one message under %s', async (_, body) => {
    expect((await provider(body).getMessage(mailbox, 'x')).subject).toBe('Welcome to Temp Mail');
  });

  it('reads the recorded drift fixtures', async () => {
    const g = (name: string) =>
      new TempmailgProvider(
        { baseUrl: BASE, apiKey: 'k', fetch: always('tempmailg', name).fetch },
        { now: () => NOW, retryDelayMs: () => 1 },
      );
    expect((await g('messages.list.data-messages.200').listMessages(mailbox)).messages).toHaveLength(1);
    expect((await g('messages.show.message-key.200').getMessage(mailbox, 'x')).seen).toBe(true);
  });

  it('an answer with no list anywhere is still refused as not understood', async () => {
    expect(
      (await caught(() => provider({ status: true, data: {} }).listMessages(mailbox))).details.reason,
    ).toBe('bad-answer');
  });
});
