/** What afterFirstContentfulPaint needs of the page; tests pass their own. */
export interface PaintClock {
  /** The page's PerformanceObserver, when it reports 'paint' entries. */
  PerformanceObserver?: typeof PerformanceObserver;
  setTimeout: (run: () => void, ms: number) => unknown;
}

/** Where the browser never reports the paint (a hidden page paints nothing), the work starts anyway. */
export const FIRST_PAINT_FALLBACK_MS = 300;

/**
 * Runs `then` once the page's first contentful paint is on screen, as the browser reports it (Chrome and
 * Firefox send the 'first-contentful-paint' entry after the frame is presented), or after
 * FIRST_PAINT_FALLBACK_MS when it does not. Work that the first frame does not show (polling, timers) waits
 * for this instead of competing with that frame for the processor.
 */
export function afterFirstContentfulPaint(then: () => void, clock: PaintClock = globalThis): void {
  let started = false;
  let observer: PerformanceObserver | undefined;
  const start = () => {
    if (started) return;
    started = true;
    observer?.disconnect();
    then();
  };
  const Observer = clock.PerformanceObserver;
  if (Observer?.supportedEntryTypes?.includes('paint')) {
    observer = new Observer((list) => {
      if (list.getEntriesByName('first-contentful-paint').length > 0) start();
    });
    observer.observe({ type: 'paint', buffered: true });
  }
  clock.setTimeout(start, FIRST_PAINT_FALLBACK_MS);
}
