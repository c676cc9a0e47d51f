import {
  Injectable,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { type NextFunction, type Request, type Response } from 'express';
import { Gauge, Histogram, Registry } from 'prom-client';
import { EventLoopDelay } from './event-loop-delay';
import { processMetrics } from './process-metrics';
import { routeTemplateOf } from './route-template';

/**
 * The figures of one application instance, in a registry of its own so that several
 * instances in one process (the tests) count apart: request latency by method, route
 * template and status, requests in flight, and the event-loop delay.
 */
@Injectable()
export class ServerMetrics implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly registry = new Registry();
  private readonly eventLoopDelay = new EventLoopDelay(this.registry);

  private readonly duration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'Time from a request’s arrival to the end of its answer, by route template',
    labelNames: ['method', 'route', 'status_code'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });

  private readonly inFlight = new Gauge({
    name: 'http_requests_in_flight',
    help: 'Requests received and not yet answered, open event streams included',
    registers: [this.registry],
  });

  readonly contentType = this.registry.contentType;

  constructor() {
    // From the start, so that the first scrape already has the GC observer's figures.
    processMetrics();
  }

  /** Counts every request from its arrival; ids in paths never become label values. */
  readonly middleware = (req: Request, res: Response, next: NextFunction): void => {
    const started = process.hrtime.bigint();
    this.inFlight.inc();
    res.once('close', () => this.inFlight.dec());
    // Answers never finished (the client went away) are in flight until then, not timed.
    res.once('finish', () => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      this.duration.observe(
        { method: req.method, route: routeTemplateOf(req), status_code: String(res.statusCode) },
        seconds,
      );
    });
    next();
  };

  /** The Prometheus text exposition: this instance's figures, then the process's. */
  async render(): Promise<string> {
    const [own, process] = await Promise.all([this.registry.metrics(), processMetrics().metrics()]);
    return own + process;
  }

  onApplicationBootstrap(): void {
    this.eventLoopDelay.start();
  }

  onApplicationShutdown(): void {
    this.eventLoopDelay.stop();
  }
}
