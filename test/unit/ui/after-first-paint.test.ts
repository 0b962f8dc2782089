import { describe, expect, it, vi } from 'vitest';
import {
  afterFirstContentfulPaint,
  FIRST_PAINT_FALLBACK_MS,
  type PaintClock,
} from '../../../lib/ui/after-first-paint';

/** A page clock whose observer reports the paint entries a test hands it, and whose timers run on demand. */
function fakePage(supportsPaint = true) {
  const timers: { run: () => void; ms: number }[] = [];
  const observers: { report: (names: string[]) => void; disconnected: boolean; type?: string }[] = [];
  class FakeObserver {
    static supportedEntryTypes = supportsPaint ? ['mark', 'paint'] : ['mark'];
    private readonly state: (typeof observers)[number];
    constructor(callback: (list: { getEntriesByName(name: string): unknown[] }) => void) {
      this.state = {
        disconnected: false,
        report: (names) => {
          if (this.state.disconnected) return;
          callback({ getEntriesByName: (name) => names.filter((n) => n === name) });
        },
      };
      observers.push(this.state);
    }
    observe(options: { type: string }) {
      this.state.type = options.type;
    }
    disconnect() {
      this.state.disconnected = true;
    }
  }
  const clock: PaintClock = {
    PerformanceObserver: FakeObserver as unknown as typeof PerformanceObserver,
    setTimeout: (run, ms) => timers.push({ run, ms }),
  };
  return { clock, timers, observers };
}

describe('afterFirstContentfulPaint', () => {
  it('waits for the first contentful paint, not the first paint of the background', () => {
    const page = fakePage();
    const start = vi.fn();
    afterFirstContentfulPaint(start, page.clock);
    expect(page.observers[0]!.type).toBe('paint');

    page.observers[0]!.report(['first-paint']);
    expect(start).not.toHaveBeenCalled();
    page.observers[0]!.report(['first-contentful-paint']);
    expect(start).toHaveBeenCalledTimes(1);
    expect(page.observers[0]!.disconnected).toBe(true);
  });

  it('runs once: the fallback timer after the paint does nothing', () => {
    const page = fakePage();
    const start = vi.fn();
    afterFirstContentfulPaint(start, page.clock);
    page.observers[0]!.report(['first-paint', 'first-contentful-paint']);
    page.timers.forEach((t) => t.run());
    expect(start).toHaveBeenCalledTimes(1);
  });

  it('starts after the fallback when no paint is reported (a hidden page)', () => {
    const page = fakePage();
    const start = vi.fn();
    afterFirstContentfulPaint(start, page.clock);
    expect(page.timers.map((t) => t.ms)).toEqual([FIRST_PAINT_FALLBACK_MS]);
    page.timers[0]!.run();
    expect(start).toHaveBeenCalledTimes(1);
    page.observers[0]!.report(['first-contentful-paint']);
    expect(start).toHaveBeenCalledTimes(1);
  });

  it('uses only the fallback where the browser reports no paint entries', () => {
    const page = fakePage(false);
    const start = vi.fn();
    afterFirstContentfulPaint(start, page.clock);
    expect(page.observers).toHaveLength(0);
    page.timers[0]!.run();
    expect(start).toHaveBeenCalledTimes(1);
  });
});
