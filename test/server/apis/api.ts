import type { Reply, RequestContext } from '../router';

/** What the server needs from each API module. */
export interface ApiModule {
  /** Answers one request; `path` is relative to the API's mount point and has no query string. */
  handle(ctx: RequestContext, path: string): Promise<Reply>;
  /** The API's own "you are out of quota / rate limited" response (used by the quota-exhausted fault). */
  quotaExhausted(ctx: RequestContext, path: string): Reply;
  /** The API's own error response for an arbitrary HTTP status (used by the status fault). */
  errorReply(status: number): Reply;
}
