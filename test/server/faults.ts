import type { ApiName, FaultSpec, FaultType } from './types';

export const FAULT_TYPES: readonly FaultType[] = [
  'status',
  'html',
  'malformed-json',
  'delay',
  'hang',
  'reset',
  'quota-exhausted',
];

const API_NAMES: readonly ApiName[] = ['tempmailg', 'selfhosted', 'tempmail-lol', 'mailtm', 'mailgw'];

/** A Cloudflare-like interstitial: the classic "this is not JSON" response. */
export const CHALLENGE_HTML =
  '<!DOCTYPE html><html><head><title>Just a moment...</title></head>' +
  '<body><h1>Checking your browser before accessing the site.</h1></body></html>';

/** JSON cut off mid-object, as from a proxy that dropped the connection. */
export const TRUNCATED_JSON = '{"status": true, "data": {"id": 23, "email": "trunc';

interface ActiveFault {
  spec: FaultSpec;
  remaining: number;
  until: number;
}

/** Checks an untrusted fault description (from the control API) and returns it typed, or an error message. */
export function parseFaultSpec(input: unknown): FaultSpec | string {
  if (typeof input !== 'object' || input === null) return 'fault must be a JSON object';
  const f = input as Record<string, unknown>;
  if (!FAULT_TYPES.includes(f.type as FaultType)) return `type must be one of ${FAULT_TYPES.join(', ')}`;
  if (f.api !== undefined && !API_NAMES.includes(f.api as ApiName)) {
    return `api must be one of ${API_NAMES.join(', ')}`;
  }
  if (f.path !== undefined && typeof f.path !== 'string') return 'path must be a string';
  for (const key of ['status', 'retryAfter', 'delayMs', 'count', 'durationMs']) {
    if (f[key] !== undefined && (typeof f[key] !== 'number' || !Number.isFinite(f[key]))) {
      return `${key} must be a number`;
    }
  }
  return f as unknown as FaultSpec;
}

/**
 * Injected faults, matched in injection order by API and path prefix. A fault with `count` is used up after that
 * many matching requests; one with `durationMs` lapses after that time; one with neither stays until cleared.
 */
export class FaultRegistry {
  private active: ActiveFault[] = [];

  add(spec: FaultSpec): void {
    this.active.push({
      spec,
      remaining: spec.count ?? Number.POSITIVE_INFINITY,
      until: spec.durationMs === undefined ? Number.POSITIVE_INFINITY : Date.now() + spec.durationMs,
    });
  }

  clear(): void {
    this.active = [];
  }

  list(): FaultSpec[] {
    this.prune();
    return this.active.map((f) => f.spec);
  }

  /** The fault that applies to this request, if any, counting it as used once. */
  take(api: ApiName, path: string): FaultSpec | undefined {
    this.prune();
    const fault = this.active.find(
      (f) => (f.spec.api === undefined || f.spec.api === api) && path.startsWith(f.spec.path ?? ''),
    );
    if (!fault) return undefined;
    fault.remaining--;
    this.prune();
    return fault.spec;
  }

  private prune(): void {
    const now = Date.now();
    this.active = this.active.filter((f) => f.remaining > 0 && f.until > now);
  }
}
