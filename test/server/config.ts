import type { DriftSwitches, LocalServerOptions } from './types';

/** Options with every default filled in. */
export interface ServerConfig {
  host: string;
  httpPort: number;
  smtpPort: number;
  apiKeys: string[];
  tempmailgPlan: 'free' | 'premium';
  quotaLimit: number;
  ttlSeconds: { tempmailg: number; selfhosted: number; tempmailLol: number };
  lolPollThrottle: boolean;
  lolCreateLimit: number;
  mailtmTokenTtlSeconds: number;
  mailtmRateLimit: number;
  mailtmHeartbeatMs: number;
  quiet: boolean;
  /** Mutable at run time through `/_control/drift`; the APIs read it on every request. */
  drift: DriftSwitches;
}

/** Fills in defaults: the documented lifetimes, the documented quota example and the `test-key` key. */
export function resolveConfig(options: LocalServerOptions = {}): ServerConfig {
  return {
    host: options.host ?? '127.0.0.1',
    httpPort: options.httpPort ?? 0,
    smtpPort: options.smtpPort ?? 0,
    apiKeys: [options.apiKey ?? 'test-key', ...(options.additionalApiKeys ?? [])],
    tempmailgPlan: options.tempmailgPlan ?? 'premium',
    quotaLimit: options.quotaLimit ?? 50_000,
    ttlSeconds: {
      tempmailg: options.ttlSeconds?.tempmailg ?? 600,
      selfhosted: options.ttlSeconds?.selfhosted ?? 86_400,
      tempmailLol: options.ttlSeconds?.tempmailLol ?? 3_600,
    },
    lolPollThrottle: options.lolPollThrottle ?? true,
    lolCreateLimit: options.lolCreateLimit ?? 0,
    mailtmTokenTtlSeconds: options.mailtmTokenTtlSeconds ?? 3600,
    mailtmRateLimit: options.mailtmRateLimit ?? 8,
    mailtmHeartbeatMs: options.mailtmHeartbeatMs ?? 15_000,
    quiet: options.quiet ?? true,
    drift: { ...options.drift },
  };
}
