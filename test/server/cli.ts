import { parseArgs } from 'node:util';
import { startLocalServer } from './index';

/**
 * `npm run server`: the local Temp Mail server on fixed ports for manual testing and the demo.
 * Defaults: HTTP 127.0.0.1:8025, SMTP 127.0.0.1:2525.
 */

const USAGE = `Usage: npx tsx test/server/cli.ts [options]
  --host <ip>              interface for HTTP and SMTP (default 127.0.0.1)
  --http-port <n>          HTTP port (default 8025)
  --smtp-port <n>          SMTP port (default 2525)
  --api-key <key>          tempmailg Bearer key (default test-key)
  --plan <free|premium>    tempmailg plan (default premium)
  --quota <n>              tempmailg quota per key (default 50000)
  --ttl-tempmailg <s>      tempmailg mailbox lifetime (default 600)
  --ttl-selfhosted <s>     self-hosted mailbox lifetime (default 86400)
  --ttl-tempmail-lol <s>   TempMail.lol inbox lifetime (default 3600)
  --lol-create-limit <n>   TempMail.lol creations per IP per 5 min (default 0 = off)
  --no-lol-throttle        do not answer 429 to a second poll of one token within a second
  --quiet                  do not print each request
  --help`;

const { values } = parseArgs({
  options: {
    host: { type: 'string', default: '127.0.0.1' },
    'http-port': { type: 'string', default: '8025' },
    'smtp-port': { type: 'string', default: '2525' },
    'api-key': { type: 'string', default: 'test-key' },
    plan: { type: 'string', default: 'premium' },
    quota: { type: 'string' },
    'ttl-tempmailg': { type: 'string' },
    'ttl-selfhosted': { type: 'string' },
    'ttl-tempmail-lol': { type: 'string' },
    'lol-create-limit': { type: 'string' },
    'no-lol-throttle': { type: 'boolean', default: false },
    quiet: { type: 'boolean', default: false },
    help: { type: 'boolean', default: false },
  },
});

if (values.help) {
  console.log(USAGE);
  process.exit(0);
}

function numberFlag(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 0) {
    console.error(`--${name} must be a non-negative integer, got "${value}"\n\n${USAGE}`);
    process.exit(2);
  }
  return parsed;
}

if (values.plan !== 'free' && values.plan !== 'premium') {
  console.error(`--plan must be free or premium\n\n${USAGE}`);
  process.exit(2);
}

const server = await startLocalServer({
  host: values.host,
  httpPort: numberFlag('http-port', values['http-port']),
  smtpPort: numberFlag('smtp-port', values['smtp-port']),
  apiKey: values['api-key'],
  tempmailgPlan: values.plan,
  quotaLimit: numberFlag('quota', values.quota),
  ttlSeconds: {
    tempmailg: numberFlag('ttl-tempmailg', values['ttl-tempmailg']),
    selfhosted: numberFlag('ttl-selfhosted', values['ttl-selfhosted']),
    tempmailLol: numberFlag('ttl-tempmail-lol', values['ttl-tempmail-lol']),
  },
  lolCreateLimit: numberFlag('lol-create-limit', values['lol-create-limit']),
  lolPollThrottle: !values['no-lol-throttle'],
  quiet: values.quiet,
});

console.log(`Mayfly local Temp Mail server
  tempmailg     ${server.apiUrls.tempmailg}   (Bearer ${values['api-key']})
  self-hosted   ${server.apiUrls.selfhosted}
  TempMail.lol  ${server.apiUrls.tempmailLol}   (/v2, /v1)
  Mail.tm       ${server.apiUrls.mailtm}   (hub: /mailtm/.well-known/mercure)
  Mail.gw       ${server.apiUrls.mailgw}
  control       ${server.httpUrl}/_control
  SMTP          ${values.host}:${server.smtpPort}
Press Ctrl+C to stop.`);

let stopping = false;
const stop = (signal: string) => {
  if (stopping) return;
  stopping = true;
  console.log(`\n${signal}: stopping...`);
  server.close().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
};
process.on('SIGINT', () => stop('SIGINT'));
process.on('SIGTERM', () => stop('SIGTERM'));
