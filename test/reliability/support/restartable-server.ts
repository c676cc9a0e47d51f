import { type ChildServer, type ChildServerOptions, startChildServer } from './child-server';

/**
 * One data folder served by a succession of child servers: each start is a new epoch with its
 * own port. Clients learn the current one and wait for the next after losing a connection.
 */
export class RestartableServer {
  private server: ChildServer | undefined;
  private epochNumber = 0;
  private alive = false;
  private waiters: Array<() => void> = [];

  constructor(private readonly options: ChildServerOptions) {}

  get url(): string {
    if (!this.server) throw new Error('The server has not started');
    return this.server.url;
  }

  get epoch(): number {
    return this.epochNumber;
  }

  output(): string {
    return this.server?.output() ?? '';
  }

  async start(): Promise<void> {
    this.server = await startChildServer(this.options);
    this.epochNumber += 1;
    this.alive = true;
    for (const wake of this.waiters.splice(0)) wake();
  }

  /** SIGKILL, then waits until the process is gone. */
  async kill9(): Promise<void> {
    this.alive = false;
    await this.server?.kill9();
  }

  /** SIGTERM, the clean shutdown. */
  async stop(): Promise<void> {
    this.alive = false;
    await this.server?.stop();
  }

  /**
   * After a request of epoch `epoch` lost its connection: resolves once a later server runs,
   * or after `pauseMs` when that epoch's server was not killed (a connection lost otherwise).
   */
  async afterLoss(epoch: number, pauseMs = 200): Promise<void> {
    if (this.epochNumber > epoch) return;
    if (this.alive) {
      await new Promise((resolve) => setTimeout(resolve, pauseMs));
      if (this.alive || this.epochNumber > epoch) return;
    }
    await new Promise<void>((resolve) => this.waiters.push(resolve));
  }
}
