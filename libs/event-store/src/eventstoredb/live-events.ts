import type { AllStreamResolvedEvent, AllStreamSubscription } from '@eventstore/db-client';
import { EventStoreUnavailableError } from '../errors';

const HIGH_WATER = 1000;
const LOW_WATER = 100;

/**
 * The events of a client subscription, in the order the server sent them, until the signal
 * aborts (then it returns) or the subscription fails or ends (then it throws: a subscription
 * to `$all` never ends by itself). Pauses the subscription while the consumer lags, so a slow
 * projector does not buffer the whole log in memory.
 */
export async function* liveEvents(
  subscription: AllStreamSubscription,
  signal: AbortSignal,
): AsyncGenerator<AllStreamResolvedEvent> {
  const queue: AllStreamResolvedEvent[] = [];
  let failure: Error | undefined;
  let ended = false;
  let wake: (() => void) | undefined;
  const notify = () => {
    const waiting = wake;
    wake = undefined;
    waiting?.();
  };
  const onData = (event: AllStreamResolvedEvent) => {
    queue.push(event);
    if (queue.length >= HIGH_WATER) subscription.pause();
    notify();
  };
  const onError = (error: Error) => {
    failure ??= error;
    notify();
  };
  const onEnd = () => {
    ended = true;
    notify();
  };
  subscription.on('data', onData).on('error', onError).on('end', onEnd).on('close', onEnd);
  signal.addEventListener('abort', notify);
  try {
    for (;;) {
      if (signal.aborted) return;
      const next = queue.shift();
      if (next !== undefined) {
        if (queue.length <= LOW_WATER && subscription.isPaused()) subscription.resume();
        yield next;
        continue;
      }
      if (failure !== undefined) throw failure;
      if (ended) throw new EventStoreUnavailableError('The EventStoreDB subscription was closed');
      await new Promise<void>((resolve) => (wake = resolve));
    }
  } finally {
    signal.removeEventListener('abort', notify);
    subscription.off('data', onData).off('end', onEnd).off('close', onEnd).off('error', onError);
    // Late errors of a cancelled call must not surface as unhandled 'error' events.
    subscription.on('error', () => undefined);
    await subscription.unsubscribe().catch(() => undefined);
  }
}
