import {
  type BeforeApplicationShutdown,
  HttpStatus,
  Inject,
  Injectable,
  Logger,
} from '@nestjs/common';
import { type Response } from 'express';
import { EVENT_STORE, type EventStore, LogTree, type StoredEvent } from '@marginalia/event-store';
import { ProblemException } from '@marginalia/http';
import { Projector } from '@marginalia/read-models';
import { unauthenticated } from '../auth/token-verifier';
import { changeItem, feedEvent } from './event-feed.dto';
import { atTime, type StreamToken } from './stream-token';

/** How often an open stream gets a comment line, so that proxies and clients keep it open. */
export const EVENT_STREAM_HEARTBEAT_MS = Symbol('EventStreamHeartbeatMs');
/** How many streams one token may hold open at once (EVENTS_STREAM_MAX_PER_TOKEN). */
export const EVENT_STREAM_MAX_PER_TOKEN = Symbol('EventStreamMaxPerToken');
/** Retry-After of a stream refused for its token's count: as the stream's own `retry:`. */
const RETRY_AFTER_SECONDS = 3;

/**
 * What a stream's messages carry: `events`, the feed's whole item (auditors and admins);
 * `changes`, only where and what changed (`GET /v1/changes/stream`, any role), so that the
 * desk's screens can follow the log without reading who did what.
 */
export type StreamShape = 'events' | 'changes';

/**
 * The global log as Server-Sent Events (SPEC §8): each event a message with `id:` its
 * position, `event:` its type and `data:` the feed's item, and a comment line every heartbeat.
 * A stream ends when its token expires (a client reconnects with a fresh one and
 * `Last-Event-ID`), when its client goes away (the subscription is aborted) and when the server
 * shuts down (every stream is ended before the server closes, which would wait for them).
 * One token holds at most `maxPerToken` streams at once, so that a token cannot pin down the
 * server's connections and subscriptions.
 */
@Injectable()
export class EventStreams implements BeforeApplicationShutdown {
  private readonly logger = new Logger('EventStream');
  private readonly streams = new Map<AbortController, Promise<void>>();
  /** Open streams by token id; a token with none has no entry. */
  private readonly perToken = new Map<string, number>();
  private closing = false;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(EVENT_STREAM_HEARTBEAT_MS) private readonly heartbeatMs: number,
    @Inject(EVENT_STREAM_MAX_PER_TOKEN) private readonly maxPerToken: number,
    private readonly tree: LogTree,
    private readonly projector: Projector,
  ) {}

  /** How many streams are open. */
  get open(): number {
    return this.streams.size;
  }

  /** How many tokens have streams open. */
  get tokens(): number {
    return this.perToken.size;
  }

  /**
   * Streams the events after `after`, or from the live end, until the token expires. Both
   * shapes count against the same per-token limit: a token is one client's, whichever route.
   */
  async serve(
    res: Response,
    after: number | undefined,
    token: StreamToken,
    shape: StreamShape = 'events',
  ): Promise<void> {
    if (this.closing) {
      throw new ProblemException(
        HttpStatus.SERVICE_UNAVAILABLE,
        'service_unavailable',
        'The server is shutting down; reconnect shortly',
      );
    }
    // The verifier tolerates 30 s of clock skew; a stream would end as soon as it began.
    if (token.expiresAt <= Date.now()) {
      res.setHeader('WWW-Authenticate', 'Bearer realm="marginalia"');
      throw unauthenticated('The token has expired; a stream needs a fresh one');
    }
    const open = this.perToken.get(token.id) ?? 0;
    if (open >= this.maxPerToken) {
      res.setHeader('Retry-After', String(RETRY_AFTER_SECONDS));
      throw new ProblemException(
        HttpStatus.TOO_MANY_REQUESTS,
        'rate_limited',
        `This token has ${open} event streams open, the most it may; close one first`,
        { limit: this.maxPerToken },
      );
    }
    this.perToken.set(token.id, open + 1);
    try {
      // Resolved before the answer starts: whatever is appended once a client sees it, it gets.
      const start = after ?? (await this.store.headPosition());
      const stop = new AbortController();
      const done = this.stream(res, start, stop, token.expiresAt, shape).finally(() =>
        this.streams.delete(stop),
      );
      this.streams.set(stop, done);
      return await done;
    } finally {
      const left = (this.perToken.get(token.id) ?? 1) - 1;
      if (left > 0) this.perToken.set(token.id, left);
      else this.perToken.delete(token.id);
    }
  }

  /** The event's leaf index, once the log's tree has it (it follows the same log). */
  private async leafIndexOf(position: number, signal: AbortSignal): Promise<number | undefined> {
    while (!signal.aborted) {
      if (await this.tree.waitFor(position, 1000)) return this.tree.leafIndexOf(position);
    }
    return undefined;
  }

  /** Whether the read models have applied `position`; false when the stream stopped first. */
  private async readable(position: number, signal: AbortSignal): Promise<boolean> {
    while (!signal.aborted) {
      if (await this.projector.waitFor(position, 1000)) return true;
    }
    return false;
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.closing = true;
    for (const stop of this.streams.keys()) stop.abort();
    await Promise.all(this.streams.values());
  }

  private async stream(
    res: Response,
    start: number,
    stop: AbortController,
    expiresAt: number,
    shape: StreamShape,
  ): Promise<void> {
    const abort = () => stop.abort();
    let expired = false;
    const cancelExpiry = atTime(expiresAt, () => {
      expired = true;
      stop.abort();
    });
    res.on('close', abort);
    res.status(HttpStatus.OK);
    res.setHeader('Content-Type', 'text/event-stream; charset=utf-8');
    res.setHeader('Cache-Control', 'private, no-cache, no-transform');
    res.setHeader('X-Accel-Buffering', 'no');
    res.flushHeaders();
    res.write(`retry: 3000\n: the log after position ${start}\n\n`);
    const heartbeat = setInterval(() => res.write(': heartbeat\n\n'), this.heartbeatMs);
    try {
      const messages = this.store.subscribeToAll({ after: start, signal: stop.signal });
      for await (const message of messages) {
        if (stop.signal.aborted) break;
        if (message.kind !== 'event') continue;
        let text: string;
        if (shape === 'changes') {
          // A change tells a client what to read again: it is sent once the read models have
          // it, so that the read it prompts sees it. It names no leaf: no wait for the tree.
          if (!(await this.readable(message.event.position, stop.signal))) break;
          text = changeMessage(message.event);
        } else {
          const leafIndex = await this.leafIndexOf(message.event.position, stop.signal);
          if (leafIndex === undefined) break;
          text = eventMessage(message.event, leafIndex);
        }
        if (!res.write(text)) await drained(res, stop.signal);
      }
    } catch (error) {
      if (!stop.signal.aborted) this.logger.error(`A stream ended: ${String(error)}`);
    } finally {
      clearInterval(heartbeat);
      cancelExpiry();
      res.off('close', abort);
      if (expired && !res.destroyed)
        res.write(': the token has expired; reconnect with a fresh one\n\n');
      res.end();
      // At shutdown, close the connection too rather than leave it idle in keep-alive.
      if (this.closing) res.socket?.end();
    }
  }
}

export function eventMessage(event: StoredEvent, leafIndex: number): string {
  return `id: ${event.position}\nevent: ${event.type}\ndata: ${JSON.stringify(feedEvent(event, leafIndex))}\n\n`;
}

export function changeMessage(event: StoredEvent): string {
  return `id: ${event.position}\nevent: ${event.type}\ndata: ${JSON.stringify(changeItem(event))}\n\n`;
}

function drained(res: Response, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      res.off('drain', done).off('close', done);
      signal.removeEventListener('abort', done);
      resolve();
    };
    res.once('drain', done).once('close', done);
    signal.addEventListener('abort', done, { once: true });
  });
}
