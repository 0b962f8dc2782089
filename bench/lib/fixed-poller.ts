/**
 * The comparison point for Mayfly's scheduler: a plain poller that reads every TempMail.lol v2 inbox at one
 * fixed interval, as the fastest peer extensions do, with no hot/idle distinction. It runs in Node against the
 * same local server and records when each subject was first seen.
 */

export interface FixedPollerInbox {
  address: string;
  token: string;
}

export interface FixedPoller {
  /** Epoch ms at which each subject was first returned by an inbox read. */
  seen: Map<string, number>;
  /** Inbox reads sent so far. */
  requests(): number;
  stop(): Promise<void>;
}

/** Creates a TempMail.lol v2 inbox through the API, as any client would. */
export async function createLolInbox(baseUrl: string): Promise<FixedPollerInbox> {
  const response = await fetch(`${baseUrl}/v2/inbox/create`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: '{}',
  });
  if (!response.ok) throw new Error(`inbox creation answered HTTP ${response.status}`);
  return (await response.json()) as FixedPollerInbox;
}

/**
 * Polls each inbox every `intervalMs`, each on its own random phase (peers start a timer per mailbox when it is
 * made). TempMail.lol hands each mail out once, so a subject is recorded at the read that returned it.
 */
export function startFixedPoller(
  baseUrl: string,
  inboxes: FixedPollerInbox[],
  intervalMs: number,
): FixedPoller {
  const seen = new Map<string, number>();
  let requests = 0;
  let stopped = false;
  const loops = inboxes.map(async (inbox) => {
    await sleep(Math.random() * intervalMs);
    while (!stopped) {
      const startedAt = Date.now();
      requests++;
      try {
        const response = await fetch(`${baseUrl}/v2/inbox?token=${encodeURIComponent(inbox.token)}`);
        const body = (await response.json()) as { emails?: { subject?: string }[] };
        const at = Date.now();
        for (const mail of body.emails ?? []) {
          if (mail.subject && !seen.has(mail.subject)) seen.set(mail.subject, at);
        }
      } catch {
        // A failed read is simply retried at the next tick, like the peers do.
      }
      await sleep(Math.max(0, startedAt + intervalMs - Date.now()));
    }
  });
  return {
    seen,
    requests: () => requests,
    async stop() {
      stopped = true;
      await Promise.all(loops);
    },
  };
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
