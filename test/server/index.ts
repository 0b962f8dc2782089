import type { AddressInfo } from 'node:net';
import { createMailTmApi } from './apis/mailtm';
import { createSelfhostedApi } from './apis/selfhosted';
import { createTempmailLolApi } from './apis/tempmail-lol';
import { createTempmailgApi } from './apis/tempmailg';
import { resolveConfig } from './config';
import { createControlApi } from './control';
import { FaultRegistry } from './faults';
import { createHttpServer } from './http-server';
import { RequestLog } from './request-log';
import { sendMail, startSmtp } from './smtp';
import { MailboxStore } from './store';
import type { DeliveryRecord, LocalServer, LocalServerOptions } from './types';

export type * from './types';
export { DOMAINS } from './domains';
export { RESERVED_USERNAMES } from './apis/selfhosted';
export { sendMail };

/**
 * Starts the local Temp Mail server: one HTTP origin speaking the tempmailg (`/api`), self-hosted (`/api.php`)
 * and TempMail.lol (`/v1`, `/v2`) APIs plus `/_control`, and an SMTP listener that delivers real mail into their
 * mailboxes. Ports 0 (the default) pick free ports, so parallel test files never collide.
 */
export async function startLocalServer(options: LocalServerOptions = {}): Promise<LocalServer> {
  const config = resolveConfig(options);
  const store = new MailboxStore();
  const log = new RequestLog();
  const faults = new FaultRegistry();
  const deliveries: DeliveryRecord[] = [];

  const smtp = await startSmtp({
    host: config.host,
    port: config.smtpPort,
    store,
    onDelivered: (record) => deliveries.push(record),
  });

  const mailtm = createMailTmApi(store, config, 'mailtm');
  const mailgw = createMailTmApi(store, config, 'mailgw');
  const expireMailtmTokens = () => {
    mailtm.expireTokens();
    mailgw.expireTokens();
  };
  const mailtmHub = (change: { down?: boolean } = {}) => {
    for (const hub of [mailtm.hub, mailgw.hub]) {
      if (change.down !== undefined) hub.down = change.down;
      if (change.down) hub.dropAll();
    }
    return {
      open: mailtm.hub.open + mailgw.hub.open,
      published: mailtm.hub.published + mailgw.hub.published,
      down: mailtm.hub.down,
    };
  };
  const http = createHttpServer({
    apis: {
      mailtm,
      mailgw,
      tempmailg: createTempmailgApi(store, config),
      selfhosted: createSelfhostedApi(store, config),
      'tempmail-lol': createTempmailLolApi(store, config),
    },
    control: createControlApi({
      drift: config.drift,
      store,
      log,
      faults,
      deliveries,
      mailtm: { expireTokens: expireMailtmTokens, hub: mailtmHub },
      send: (mail) => sendMail({ ...mail, smtpPort: smtp.port, host: config.host }),
    }),
    faults,
    log,
    quiet: config.quiet,
  });

  try {
    await new Promise<void>((resolve, reject) => {
      http.once('error', reject);
      http.listen(config.httpPort, config.host, () => {
        http.off('error', reject);
        resolve();
      });
    });
  } catch (error) {
    await smtp.close();
    throw error;
  }

  const { port } = http.address() as AddressInfo;
  const hostForUrl = config.host.includes(':') ? `[${config.host}]` : config.host;
  const httpUrl = `http://${hostForUrl}:${port}`;

  return {
    httpUrl,
    apiUrls: {
      tempmailg: `${httpUrl}/api`,
      selfhosted: `${httpUrl}/api.php`,
      tempmailLol: httpUrl,
      mailtm: `${httpUrl}/mailtm`,
      mailgw: `${httpUrl}/mailgw`,
    },
    smtpPort: smtp.port,
    async close() {
      const httpClosed = new Promise<void>((resolve) => http.close(() => resolve()));
      // Hung (fault) and keep-alive connections would otherwise hold close() open forever.
      http.closeAllConnections();
      await Promise.all([httpClosed, smtp.close()]);
    },
    log: () => log.list(),
    resetLog: () => log.reset(),
    counts: () => log.totals(),
    deliveries: () => [...deliveries],
    mailboxes: () => store.summaries(),
    injectFault: (fault) => faults.add(fault),
    clearFaults: () => faults.clear(),
    expire: (address) => store.expire(address),
    expireMailtmTokens,
    mailtmHub,
  };
}
