import type { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import nodemailer from 'nodemailer';
import { SMTPServer, type SMTPServerDataStream, type SMTPServerSession } from 'smtp-server';
import type { MailboxStore } from './store';
import type { DeliveryRecord, SendMailOptions } from './types';

/** A running SMTP listener. */
export interface SmtpListener {
  port: number;
  close(): Promise<void>;
}

interface SmtpDeps {
  host: string;
  port: number;
  store: MailboxStore;
  onDelivered(record: DeliveryRecord): void;
}

const MAX_MESSAGE_BYTES = 25 * 1024 * 1024;

/** SMTP errors carry their reply code on the Error object. */
const smtpError = (code: number, message: string): Error =>
  Object.assign(new Error(message), { responseCode: code });

const plainIp = (ip: string | undefined): string => (ip ?? '').replace(/^::ffff:/, '');

/**
 * Receives mail over real SMTP (no auth, any sender). A recipient must be a live mailbox of one of the APIs,
 * otherwise RCPT TO gets a 550; each accepted mail is parsed once and stored in every accepted recipient's mailbox.
 */
export async function startSmtp({ host, port, store, onDelivered }: SmtpDeps): Promise<SmtpListener> {
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    logger: false,
    // Reverse DNS of every client costs ~100 ms on loopback and tells us nothing.
    disableReverseLookup: true,
    banner: 'Mayfly local Temp Mail server',
    size: MAX_MESSAGE_BYTES,
    onRcptTo(address, _session, callback) {
      if (!store.getLive(address.address)) {
        callback(smtpError(550, `5.1.1 <${address.address}>: mailbox unavailable`));
        return;
      }
      callback();
    },
    onData(stream, session, callback) {
      deliver(stream, session)
        .then(() => callback())
        .catch((error: unknown) => callback(smtpError(451, `4.3.0 ${String(error)}`)));
    },
  });

  async function deliver(stream: SMTPServerDataStream, session: SMTPServerSession): Promise<void> {
    const parsed = await simpleParser(stream);
    const sender = parsed.from?.value[0];
    const mailFrom = session.envelope.mailFrom;
    const envelopeFrom = mailFrom ? mailFrom.address : '';
    const receivedAt = new Date();
    const accepted: DeliveryRecord[] = [];
    for (const recipient of session.envelope.rcptTo) {
      const mailbox = store.getLive(recipient.address);
      if (!mailbox) continue;
      const message = store.deliver(
        mailbox,
        {
          receivedAt,
          envelopeFrom,
          fromName: sender?.name ?? '',
          fromAddress: sender?.address ?? envelopeFrom,
          subject: parsed.subject ?? '',
          text: parsed.text ?? '',
          html: typeof parsed.html === 'string' ? parsed.html : undefined,
          senderIp: plainIp(session.remoteAddress),
          attachments: parsed.attachments.map((a, index) => ({
            filename: a.filename ?? `attachment-${index + 1}`,
            contentType: a.contentType,
            content: a.content,
          })),
        },
        recipient.address.toLowerCase(),
      );
      accepted.push({
        t: 0,
        api: mailbox.api,
        to: mailbox.address,
        subject: message.subject,
        messageId: message.hashId,
      });
    }
    const acceptedAt = Date.now();
    for (const record of accepted) onDelivered({ ...record, t: acceptedAt });
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  // smtp-server logs socket errors (e.g. a client that hangs up) as 'error' events; keep them from crashing us.
  server.on('error', () => undefined);
  const address = server.server.address() as AddressInfo;
  return {
    port: address.port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/**
 * Sends one mail over real SMTP with nodemailer. Resolves once the server accepted it for every recipient;
 * rejects if any recipient was refused (accepted recipients still get the mail).
 */
export async function sendMail(options: SendMailOptions): Promise<void> {
  const transport = nodemailer.createTransport({
    host: options.host ?? '127.0.0.1',
    port: options.smtpPort,
    secure: false,
    ignoreTLS: true,
    name: 'localhost',
  });
  try {
    const info = await transport.sendMail({
      from: options.from ?? 'Mayfly Tester <tester@sender.test>',
      to: options.to,
      subject: options.subject,
      text: options.text,
      html: options.html,
      attachments: options.attachments?.map((a) => ({
        filename: a.filename,
        content: a.content,
        contentType: a.contentType,
      })),
    });
    if (info.rejected.length > 0) {
      throw new Error(
        `SMTP refused: ${info.rejected.map((r) => (typeof r === 'string' ? r : r.address)).join(', ')}`,
      );
    }
  } finally {
    transport.close();
  }
}
