import {
  type BeforeApplicationShutdown,
  HttpStatus,
  Inject,
  Injectable,
  Logger,
} from '@nestjs/common';
import { type Response } from 'express';
import { EVENT_STORE, type EventStore, type StoredEvent } from '@marginalia/event-store';
import { ProblemException } from '../http/problem';
import { feedEvent } from './event-feed.dto';

/** How often an open stream gets a comment line, so that proxies and clients keep it open. */
export const EVENT_STREAM_HEARTBEAT_MS = Symbol('EventStreamHeartbeatMs');
/**
 * The global log as Server-Sent Events (SPEC §8): each event a message with `id:` its
 * position, `event:` its type and `data:` the feed's item, and a comment line every heartbeat.
 * A stream ends when its client goes away (the subscription is aborted) and when the server
 * shuts down (every stream is ended before the server closes, which would wait for them).
 */
@Injectable()
export class EventStreams implements BeforeApplicationShutdown {
  private readonly logger = new Logger('EventStream');
  private readonly streams = new Map<AbortController, Promise<void>>();
  private closing = false;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(EVENT_STREAM_HEARTBEAT_MS) private readonly heartbeatMs: number,
  ) {}

  /** How many streams are open. */
  get open(): number {
    return this.streams.size;
  }

  /** Streams the events after `after`, or from the live end; resolves when the stream ends. */
  async serve(res: Response, after: number | undefined): Promise<void> {
    if (this.closing) {
      throw new ProblemException(
        HttpStatus.SERVICE_UNAVAILABLE,
        'service_unavailable',
        'The server is shutting down; reconnect shortly',
      );
    }
    // Resolved before the answer starts: whatever is appended once a client sees it, it gets.
    const start = after ?? (await this.store.headPosition());
    const stop = new AbortController();
    const done = this.stream(res, start, stop).finally(() => this.streams.delete(stop));
    this.streams.set(stop, done);
    return done;
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.closing = true;
    for (const stop of this.streams.keys()) stop.abort();
    await Promise.all(this.streams.values());
  }

  private async stream(res: Response, start: number, stop: AbortController): Promise<void> {
    const abort = () => stop.abort();
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
        if (!res.write(eventMessage(message.event))) await drained(res, stop.signal);
      }
    } catch (error) {
      if (!stop.signal.aborted) this.logger.error(`A stream ended: ${String(error)}`);
    } finally {
      clearInterval(heartbeat);
      res.off('close', abort);
      res.end();
      // At shutdown, close the connection too rather than leave it idle in keep-alive.
      if (this.closing) res.socket?.end();
    }
  }
}

export function eventMessage(event: StoredEvent): string {
  return `id: ${event.position}\nevent: ${event.type}\ndata: ${JSON.stringify(feedEvent(event))}\n\n`;
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
