import { describe, expect, it, vi } from 'vitest';
import type { MailboxTransfer } from '../../../lib/core/mailbox-qr';
import { AppError } from '../../../lib/core/errors';
import { createMailboxQrModel } from '../../../lib/ui/models/mailbox-qr-model';
import type { Send } from '../../../lib/ui/models/deps';

const transfer: MailboxTransfer = {
  provider: 'tempmailg',
  address: 'bo@example.test',
  apiBaseUrl: 'https://tempmailg.example.test',
  secret: { kind: 'token', value: 'secret-token' },
};

function fakeSend(answer: () => Promise<unknown>) {
  return vi.fn((() => answer()) as unknown as Send);
}

describe('mailbox QR model: confirm before show', () => {
  it('asks nothing of the background until the person confirms', async () => {
    const send = fakeSend(() => Promise.resolve(transfer));
    const model = createMailboxQrModel(send as unknown as Send, 'mb-1');
    expect(model.step.value).toBe('confirm');
    expect(model.payload.value).toBeNull();
    expect(send).not.toHaveBeenCalled();

    await model.confirm();
    expect(send).toHaveBeenCalledTimes(1);
    expect(send).toHaveBeenCalledWith('mailboxTransfer', { mailboxId: 'mb-1' });
    expect(model.step.value).toBe('shown');
    expect(model.payload.value).toContain('"address":"bo@example.test"');
    expect(model.payload.value).toContain('"token":"secret-token"');
  });

  it('closing before confirming never fetches the secret; closing after forgets it', async () => {
    const send = fakeSend(() => Promise.resolve(transfer));
    const model = createMailboxQrModel(send as unknown as Send, 'mb-1');
    model.close();
    expect(send).not.toHaveBeenCalled();

    await model.confirm();
    model.close();
    expect(model.payload.value).toBeNull();
    expect(model.transfer.value).toBeNull();
    expect(model.step.value).toBe('confirm');
  });

  it('a second press while loading sends once', async () => {
    let resolve!: (v: MailboxTransfer) => void;
    const send = fakeSend(() => new Promise((r) => (resolve = r)));
    const model = createMailboxQrModel(send as unknown as Send, 'mb-1');
    const first = model.confirm();
    void model.confirm();
    expect(model.step.value).toBe('loading');
    resolve(transfer);
    await first;
    expect(send).toHaveBeenCalledTimes(1);
  });

  it('keeps the error and shows no code when the background refuses', async () => {
    const refusal = new AppError('not-found', 'gone');
    const send = fakeSend(() => Promise.reject(refusal));
    const model = createMailboxQrModel(send as unknown as Send, 'mb-1');
    await model.confirm();
    expect(model.step.value).toBe('error');
    expect(model.error.value).toBe(refusal);
    expect(model.payload.value).toBeNull();
  });
});
