/**
 * Runs `start` once per page (in this extension's isolated world): an on-demand script injected again finds
 * its mark, `Symbol.for(mark)` on the window, and does nothing.
 */
export function startOnce(mark: string, start: () => void): void {
  const marked = window as unknown as Record<symbol, boolean>;
  const key = Symbol.for(mark);
  if (marked[key]) return;
  marked[key] = true;
  start();
}
