import { get, type IncomingHttpHeaders, type IncomingMessage } from 'node:http';

export interface StreamMessage {
  id: string | undefined;
  event: string | undefined;
  data: string;
}

/** A Server-Sent Events client reading the raw HTTP answer as a browser's EventSource would. */
export interface EventStreamClient {
  status: number;
  headers: IncomingHttpHeaders;
  /** The raw body so far (for a refusal, the problem). */
  body(): string;
  messages: StreamMessage[];
  comments: string[];
  /** Resolves when the server ends the answer or the connection closes. */
  ended: Promise<void>;
  /** Resolves once `check` holds, or rejects after `timeoutMs`. */
  until(check: () => boolean, timeoutMs?: number): Promise<void>;
  close(): void;
}

export function openEventStream(
  url: string,
  headers: Record<string, string>,
): Promise<EventStreamClient> {
  return new Promise((resolve, reject) => {
    const req = get(url, { headers: { Accept: 'text/event-stream', ...headers } });
    req.on('error', reject);
    req.on('response', (res: IncomingMessage) => {
      let raw = '';
      let pending = '';
      const messages: StreamMessage[] = [];
      const comments: string[] = [];
      const ended = new Promise<void>((done) => {
        res.on('end', done);
        res.on('close', done);
      });
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        raw += chunk;
        pending += chunk;
        let boundary: number;
        while ((boundary = pending.indexOf('\n\n')) >= 0) {
          const block = pending.slice(0, boundary);
          pending = pending.slice(boundary + 2);
          const message: StreamMessage = { id: undefined, event: undefined, data: '' };
          for (const line of block.split('\n')) {
            if (line.startsWith(':')) comments.push(line.slice(1).trim());
            else if (line.startsWith('id: ')) message.id = line.slice(4);
            else if (line.startsWith('event: ')) message.event = line.slice(7);
            else if (line.startsWith('data: ')) message.data += line.slice(6);
          }
          if (message.id !== undefined || message.event !== undefined || message.data !== '') {
            messages.push(message);
          }
        }
      });
      resolve({
        status: res.statusCode ?? 0,
        headers: res.headers,
        body: () => raw,
        messages,
        comments,
        ended,
        async until(check, timeoutMs = 3000) {
          const deadline = Date.now() + timeoutMs;
          while (!check()) {
            if (Date.now() > deadline) {
              throw new Error(`Not seen within ${timeoutMs} ms; received:\n${raw}`);
            }
            await new Promise((wait) => setTimeout(wait, 10));
          }
        },
        close: () => req.destroy(),
      });
    });
  });
}
