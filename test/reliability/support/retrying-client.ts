import { type RestartableServer } from './restartable-server';

/** One HTTP request as a client means it: sent again, byte for byte, until it gets an answer. */
export interface Call {
  method: 'GET' | 'POST' | 'PATCH';
  path: string;
  authorization: string;
  body?: object;
  idempotencyKey?: string;
  ifMatch?: number;
}

export interface Attempt {
  /** Sent as X-Request-Id: the server records it as the events' correlation id. */
  requestId: string;
  epoch: number;
  /** Why this attempt got no answer (the server was killed, the connection refused…). */
  lost?: string;
}

export interface Exchange {
  call: Call;
  attempts: Attempt[];
  status: number;
  headers: Record<string, string>;
  body: unknown;
}

/**
 * Sends calls to a RestartableServer and records every attempt and the answer. An attempt that
 * gets no answer is sent again, with the same Idempotency-Key, If-Match and body bytes, once the
 * next server runs: what a careful client does when a server dies under it.
 */
export class RetryingClient {
  readonly exchanges: Exchange[] = [];

  constructor(
    private readonly server: RestartableServer,
    private readonly options: { requestIdPrefix?: string; timeoutMs?: number } = {},
  ) {}

  async send(call: Call): Promise<Exchange> {
    const number = this.exchanges.length;
    const exchange: Exchange = { call, attempts: [], status: 0, headers: {}, body: undefined };
    this.exchanges.push(exchange);
    const body = call.body === undefined ? undefined : JSON.stringify(call.body);
    const headers: Record<string, string> = { Authorization: call.authorization };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    if (call.idempotencyKey !== undefined) headers['Idempotency-Key'] = call.idempotencyKey;
    if (call.ifMatch !== undefined) headers['If-Match'] = `"${call.ifMatch}"`;
    for (;;) {
      const attempt: Attempt = {
        requestId: `${this.options.requestIdPrefix ?? 'r'}${number}.${exchange.attempts.length}`,
        epoch: this.server.epoch,
      };
      exchange.attempts.push(attempt);
      try {
        const response = await fetch(`${this.server.url}${call.path}`, {
          method: call.method,
          headers: { ...headers, 'X-Request-Id': attempt.requestId },
          ...(body !== undefined ? { body } : {}),
          signal: AbortSignal.timeout(this.options.timeoutMs ?? 20_000),
        });
        const text = await response.text();
        exchange.status = response.status;
        exchange.headers = Object.fromEntries(response.headers.entries());
        exchange.body = text === '' ? undefined : (JSON.parse(text) as unknown);
        return exchange;
      } catch (error) {
        const cause = (error as { cause?: { code?: string; message?: string } }).cause;
        attempt.lost = cause?.code ?? cause?.message ?? (error as Error).message;
        await this.server.afterLoss(attempt.epoch);
      }
    }
  }
}
