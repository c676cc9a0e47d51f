/**
 * The log, live. Browsers' EventSource cannot send an Authorization header, so the stream is
 * read with fetch and a stream reader: Server-Sent Events parsed by hand, resumed after the
 * last `id:` with `Last-Event-ID`, and reconnected with the session's token of the moment (a
 * stream ends when the token it was opened with expires).
 *
 * Auditors and admins read `GET /v1/events/stream` (SPEC §6); every other role reads
 * `GET /v1/changes/stream`, the same messages with only where and what changed.
 */
import { can, onSessionChange, session, signOut } from './session';

export interface LogChange {
  position: number;
  streamId: string;
  type: string;
}

type Listener = (change: LogChange) => void;
type StatusListener = (status: LiveStatus) => void;
export type LiveStatus = 'off' | 'connecting' | 'live' | 'retrying';

const listeners = new Set<Listener>();
const statusListeners = new Set<StatusListener>();
let status: LiveStatus = 'off';
let lastEventId: string | undefined;
let running: AbortController | undefined;

export function onLogChange(listener: Listener): () => void {
  listeners.add(listener);
  return () => void listeners.delete(listener);
}

export function onLiveStatus(listener: StatusListener): () => void {
  statusListeners.add(listener);
  listener(status);
  return () => void statusListeners.delete(listener);
}

export function liveStatus(): LiveStatus {
  return status;
}

/** The last position the console has heard of, if any. */
export function lastPosition(): number | undefined {
  return lastEventId === undefined ? undefined : Number(lastEventId);
}

function setStatus(next: LiveStatus): void {
  status = next;
  for (const listener of statusListeners) listener(next);
}

/** Starts following the log for the signed-in user; stops on sign-out. */
export function startLive(): void {
  onSessionChange((s) => {
    stopLive();
    if (s) void follow();
  });
  if (session()) void follow();
}

export function stopLive(): void {
  running?.abort();
  running = undefined;
  setStatus('off');
}

async function follow(): Promise<void> {
  const abort = new AbortController();
  running?.abort();
  running = abort;
  let delay = 1000;
  while (!abort.signal.aborted) {
    const current = session();
    if (!current) break;
    setStatus(lastEventId === undefined ? 'connecting' : 'retrying');
    try {
      const headers: Record<string, string> = {
        Authorization: `Bearer ${current.token}`,
        Accept: 'text/event-stream',
      };
      if (lastEventId !== undefined) headers['Last-Event-ID'] = lastEventId;
      const url = can.feed(current) ? '/v1/events/stream' : '/v1/changes/stream';
      const response = await fetch(url, { headers, signal: abort.signal, cache: 'no-store' });
      if (response.status === 401) {
        signOut();
        break;
      }
      if (!response.ok || !response.body) throw new Error(`HTTP ${response.status}`);
      setStatus('live');
      delay = 1000;
      await readEvents(response.body, abort.signal);
    } catch {
      if (abort.signal.aborted) break;
    }
    if (abort.signal.aborted) break;
    setStatus('retrying');
    await sleep(delay, abort.signal);
    delay = Math.min(delay * 2, 30_000);
  }
}

async function readEvents(body: ReadableStream<Uint8Array>, signal: AbortSignal): Promise<void> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  signal.addEventListener('abort', () => void reader.cancel().catch(() => undefined), {
    once: true,
  });
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer += decoder.decode(value, { stream: true });
    let end: number;
    while ((end = messageEnd(buffer)) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end).replace(/^(\r\n|\r|\n){2}/, '');
      dispatch(block);
    }
  }
}

/** Where the first complete message ends (before its blank line), or -1. */
function messageEnd(buffer: string): number {
  const match = /(\r\n|\r|\n)(\r\n|\r|\n)/.exec(buffer);
  return match ? match.index : -1;
}

function dispatch(block: string): void {
  let id: string | undefined;
  let data = '';
  for (const line of block.split(/\r\n|\r|\n/)) {
    if (line === '' || line.startsWith(':')) continue;
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
    if (field === 'id') id = value;
    else if (field === 'data') data += (data ? '\n' : '') + value;
  }
  if (id !== undefined) lastEventId = id;
  if (!data) return;
  try {
    const item = JSON.parse(data) as LogChange;
    for (const listener of listeners) listener(item);
  } catch {
    // a message that is not an event item is not ours to act on
  }
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        resolve();
      },
      { once: true },
    );
  });
}
