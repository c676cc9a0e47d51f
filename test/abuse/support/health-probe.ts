import { Agent, request } from 'node:http';

export interface ProbeFigures {
  samples: number;
  failures: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
}

/**
 * Asks a server for `/health` over and over, one request at a time with `intervalMs` between
 * them, and keeps each answer's latency: what a load balancer or an editor would see while
 * something else is going on. A request that fails or takes longer than `timeoutMs` counts as
 * a failure with that latency.
 */
export class HealthProbe {
  private readonly latencies: number[] = [];
  private failures = 0;
  private running = false;
  private loop: Promise<void> | undefined;
  private readonly agent = new Agent({ keepAlive: true, maxSockets: 1 });

  constructor(
    private readonly url: string,
    private readonly intervalMs = 25,
    private readonly timeoutMs = 10_000,
  ) {}

  start(): this {
    this.running = true;
    this.loop = this.run();
    return this;
  }

  async stop(): Promise<ProbeFigures> {
    this.running = false;
    await this.loop;
    this.agent.destroy();
    return figures(this.latencies, this.failures);
  }

  private async run(): Promise<void> {
    while (this.running) {
      const started = performance.now();
      const ok = await this.once();
      const latency = performance.now() - started;
      this.latencies.push(latency);
      if (!ok) this.failures += 1;
      await new Promise((resolve) => setTimeout(resolve, this.intervalMs));
    }
  }

  private once(): Promise<boolean> {
    return new Promise((resolve) => {
      const req = request(`${this.url}/health`, { agent: this.agent }, (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode === 200));
        res.on('error', () => resolve(false));
      });
      req.setTimeout(this.timeoutMs, () => req.destroy(new Error('timed out')));
      req.on('error', () => resolve(false));
      req.end();
    });
  }
}

export function figures(latencies: number[], failures = 0): ProbeFigures {
  const sorted = [...latencies].sort((a, b) => a - b);
  const at = (q: number) =>
    sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? 0;
  const round = (ms: number) => Math.round(ms * 10) / 10;
  return {
    samples: sorted.length,
    failures,
    p50Ms: round(at(0.5)),
    p99Ms: round(at(0.99)),
    maxMs: round(sorted.at(-1) ?? 0),
  };
}
