import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';
import { Gauge, type Registry } from 'prom-client';

/** How often the monitor's timer samples the loop, in milliseconds. */
const RESOLUTION_MS = 10;
/** Quantile 1 is the maximum. */
const QUANTILES = [0.5, 0.9, 0.99, 1] as const;

/**
 * How late the event loop ran, from `perf_hooks.monitorEventLoopDelay`, over the window since
 * the previous scrape: each scrape reads the figures and starts a new window. The monitor
 * measures the time between two ticks of a timer; the timer's own period is taken off, so an
 * idle loop reads about 0 and a loop blocked for 200 ms reads about 0.2 s.
 */
export class EventLoopDelay {
  private readonly monitor: IntervalHistogram = monitorEventLoopDelay({
    resolution: RESOLUTION_MS,
  });

  constructor(registry: Registry) {
    const monitor = this.monitor;
    new Gauge({
      name: 'marginalia_event_loop_delay_seconds',
      help:
        'Event-loop delay since the previous scrape, by quantile (1 is the maximum), ' +
        'from perf_hooks.monitorEventLoopDelay',
      labelNames: ['quantile'],
      registers: [registry],
      collect() {
        for (const quantile of QUANTILES) {
          const ns =
            monitor.count === 0
              ? 0
              : quantile === 1
                ? monitor.max
                : monitor.percentile(quantile * 100);
          this.set({ quantile: String(quantile) }, lateness(ns));
        }
        monitor.reset();
      },
    });
  }

  start(): void {
    this.monitor.enable();
  }

  stop(): void {
    this.monitor.disable();
  }
}

function lateness(intervalNs: number): number {
  return Math.max(0, intervalNs / 1e9 - RESOLUTION_MS / 1000);
}
