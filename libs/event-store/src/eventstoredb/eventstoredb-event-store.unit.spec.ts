import { createServer, type Server, type Socket } from 'node:net';
import { EventStoreUnavailableError, InvalidAppendError } from '../errors';
import type { SubscriptionMessage } from '../event-store.port';
import { newEvent } from '../testing/contract-helpers';
import { EventStoreDbEventStore } from './eventstoredb-event-store';

/**
 * The adapter's behaviour without an EventStoreDB server: refusals before any I/O, and the
 * failures of an unreachable or silent server. Its behaviour against a real server is the
 * contract suite in test/event-store, run only when EVENTSTORE_CONNECTION_STRING is set.
 */
describe('EventStoreDbEventStore without a server', () => {
  const stores: EventStoreDbEventStore[] = [];
  const open = (port: number, deadlineMs = 300) => {
    const store = new EventStoreDbEventStore({
      connectionString: `esdb://admin:s3cret@127.0.0.1:${port}?tls=false`,
      deadlineMs,
      resubscribeDelayMs: 20,
    });
    stores.push(store);
    return store;
  };

  afterEach(async () => {
    for (const store of stores.splice(0)) await store.close();
  });

  it('refuses a malformed append before it reaches the server', async () => {
    const store = open(await closedPort());
    await expect(
      store.append('has space', [newEvent()], { expectedRevision: 'any' }),
    ).rejects.toBeInstanceOf(InvalidAppendError);
    await expect(
      store.append('claim-1', [newEvent()], { expectedRevision: -1 }),
    ).rejects.toBeInstanceOf(InvalidAppendError);
    await expect(
      store.append('claim-1', [{ ...newEvent(), data: { score: Number.NaN } }], {
        expectedRevision: 'no_stream',
      }),
    ).rejects.toBeInstanceOf(InvalidAppendError);
  });

  it('reports a server that refuses connections as unavailable', async () => {
    const store = open(await closedPort(), 2000);
    const calls = [
      store.append('claim-1', [newEvent()], { expectedRevision: 'no_stream' }),
      store.readStream('claim-1'),
      store.streamRevision('claim-1'),
      store.readAll({ after: 0, maxCount: 10 }),
      store.headPosition(),
    ];
    for (const call of calls) await expect(call).rejects.toBeInstanceOf(EventStoreUnavailableError);
  });

  it('gives up on a server that never answers once the deadline has passed', async () => {
    const silent = await silentServer();
    try {
      const store = open(silent.port, 300);
      const started = Date.now();
      await expect(store.readStream('claim-1')).rejects.toThrow(/in 300 ms/);
      await expect(
        store.append('claim-1', [newEvent()], { expectedRevision: 'any' }),
      ).rejects.toBeInstanceOf(EventStoreUnavailableError);
      expect(Date.now() - started).toBeLessThan(3000);
    } finally {
      await silent.close();
    }
  });

  it('answers health as not ok, naming the target but never the credentials', async () => {
    const port = await closedPort();
    const health = await open(port, 1000).health();
    expect(health).toMatchObject({
      ok: false,
      kind: 'eventstoredb',
      headPosition: 0,
      detail: { target: `esdb://127.0.0.1:${port}` },
    });
    expect(JSON.stringify(health)).not.toContain('s3cret');
  });

  it('keeps resubscribing while the server is away, and ends when the signal aborts', async () => {
    const store = open(await closedPort(), 200);
    const controller = new AbortController();
    const messages: SubscriptionMessage[] = [];
    const ended = (async () => {
      for await (const message of store.subscribeToAll({ signal: controller.signal })) {
        messages.push(message);
      }
    })();
    await new Promise((resolve) => setTimeout(resolve, 500));
    controller.abort();
    await expect(ended).resolves.toBeUndefined();
    expect(messages).toEqual([]);
  });

  it('refuses calls once closed, and ends its subscriptions', async () => {
    const store = open(await closedPort());
    const subscription = store.subscribeToAll()[Symbol.asyncIterator]();
    const next = subscription.next();
    await store.close();
    await expect(next).resolves.toMatchObject({ done: true });
    await expect(store.readStream('claim-1')).rejects.toThrow('closed');
  });
});

async function closedPort(): Promise<number> {
  const server = await listen(createServer());
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Accepts connections and never says a word, like a server behind a black-holing firewall. */
async function silentServer(): Promise<{ port: number; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const server = await listen(createServer((socket) => sockets.add(socket)));
  return {
    port: (server.address() as { port: number }).port,
    close: () => {
      sockets.forEach((socket) => socket.destroy());
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

function listen(server: Server): Promise<Server> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}
