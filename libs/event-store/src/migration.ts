import { EventStoreError } from './errors';
import type {
  AppendResult,
  EventStore,
  EventToAppend,
  ExpectedRevision,
  StoredEvent,
} from './event-store.port';
import { withoutHash } from './hash-chain';
import { iterateAll } from './iterate-all';
import { verifyHashChains } from './verify-chains';

/**
 * A store that takes events copied from another log. `appendCopies` appends them like any
 * append (same validation, same hash chain, same expected-revision check) but keeps each
 * event's original `recordedAt`, so `asOf` replays answer the same after a move.
 */
export interface CopyTarget {
  readonly store: EventStore;
  appendCopies(
    streamId: string,
    events: readonly StoredEvent[],
    options: { expectedRevision: ExpectedRevision },
  ): Promise<AppendResult>;
}

/** The copy could not be made faithfully; nothing after the named event was written. */
export class MigrationError extends EventStoreError {
  readonly code = 'migration_refused';
  constructor(message: string) {
    super(message);
    this.name = 'MigrationError';
  }
}

export interface MigrationReport {
  /** Events found already copied (a resumed migration), then events copied by this run. */
  resumedAfter: number;
  copied: number;
  events: number;
  streams: number;
  sourceHead: number;
  targetHead: number;
  durationMs: number;
}

export interface MigrationOptions {
  /** Events per read of the source, and at most per append. Default 500. */
  pageSize?: number;
  /** Called after each append with the number of events copied so far. */
  onProgress?: (copied: number) => void;
  now?: () => number;
}

/** The writer's part of a stored event, as an append takes it. */
export function asAppend(event: StoredEvent): EventToAppend {
  const { eventId: _id, schemaVersion: _version, ...metadata } = withoutHash(event.metadata);
  return {
    eventId: event.eventId,
    type: event.type,
    schemaVersion: event.schemaVersion,
    data: event.data,
    metadata: metadata,
  };
}

/**
 * Copies the whole log of `source` into `target`, in global order, keeping every event's id,
 * type, schema version, data, metadata, hash and recorded time; only positions are the
 * target's own. The source's hash chains are verified first, every copy's hash is compared
 * with its original as it is written, and the target's chains are verified at the end.
 *
 * A target that already holds a prefix of the source (an interrupted run) is resumed after
 * it; any other non-empty target is refused before anything is written.
 */
export async function copyLog(
  source: EventStore,
  target: CopyTarget,
  options: MigrationOptions = {},
): Promise<MigrationReport> {
  const now = options.now ?? Date.now;
  const started = now();
  const pageSize = options.pageSize ?? 500;

  const sourceChains = await verifyHashChains(source);
  if (!sourceChains.ok) {
    const first = sourceChains.broken[0]!;
    throw new MigrationError(
      `The source log fails its hash chain at ${first.streamId}@${first.revision} (${first.reason}): repair or restore it before copying`,
    );
  }
  const sourceHead = await source.headPosition();
  const { resumedAfter, after } = await copiedPrefix(source, target.store, pageSize);

  let copied = 0;
  let group: StoredEvent[] = [];
  const flush = async () => {
    if (group.length === 0) return;
    const [first] = group;
    const expectedRevision = first!.revision === 0 ? 'no_stream' : first!.revision - 1;
    const result = await target.appendCopies(first!.streamId, group, { expectedRevision });
    result.events.forEach((written, index) => sameEvent(group[index]!, written, 'written'));
    copied += group.length;
    group = [];
    options.onProgress?.(resumedAfter + copied);
  };
  for await (const event of iterateAll(source, { after, pageSize, until: sourceHead })) {
    const last = group[group.length - 1];
    // One append per run of events of one stream recorded at one instant (an original append).
    if (
      last &&
      (last.streamId !== event.streamId ||
        last.recordedAt !== event.recordedAt ||
        group.length >= pageSize)
    ) {
      await flush();
    }
    group.push(event);
  }
  await flush();

  const targetChains = await verifyHashChains(target.store);
  if (!targetChains.ok) {
    const first = targetChains.broken[0]!;
    throw new MigrationError(
      `The copy fails its hash chain at ${first.streamId}@${first.revision} (${first.reason})`,
    );
  }
  if (targetChains.events !== sourceChains.events) {
    throw new MigrationError(
      `The copy holds ${targetChains.events} events, the source ${sourceChains.events}: was either log written to during the copy?`,
    );
  }
  return {
    resumedAfter,
    copied,
    events: targetChains.events,
    streams: targetChains.streams,
    sourceHead,
    targetHead: await target.store.headPosition(),
    durationMs: now() - started,
  };
}

/**
 * How much of the source the target already holds: its events must be the source's first
 * events, in the same order, with the same ids and hashes.
 */
async function copiedPrefix(
  source: EventStore,
  target: EventStore,
  pageSize: number,
): Promise<{ resumedAfter: number; after: number }> {
  if ((await target.headPosition()) === 0) return { resumedAfter: 0, after: 0 };
  const sourceEvents = iterateAll(source, { pageSize })[Symbol.asyncIterator]();
  let resumedAfter = 0;
  let after = 0;
  for await (const copy of iterateAll(target, { pageSize })) {
    const next = await sourceEvents.next();
    if (next.done) {
      throw new MigrationError('The target holds more events than the source: refusing to copy');
    }
    try {
      sameEvent(next.value, copy, 'already in the target');
    } catch (error) {
      throw new MigrationError(
        `The target is not empty and is not a copy of the source's beginning: ${(error as Error).message}`,
      );
    }
    resumedAfter += 1;
    after = next.value.position;
  }
  return { resumedAfter, after };
}

function sameEvent(original: StoredEvent, copy: StoredEvent, what: string): void {
  const differs =
    copy.eventId !== original.eventId
      ? 'event id'
      : copy.streamId !== original.streamId || copy.revision !== original.revision
        ? 'stream or revision'
        : copy.hash !== original.hash
          ? 'hash'
          : copy.recordedAt !== original.recordedAt
            ? 'recorded time'
            : undefined;
  if (differs) {
    throw new MigrationError(
      `The event ${what} at ${copy.streamId}@${copy.revision} differs from the source's ${original.streamId}@${original.revision} in its ${differs}`,
    );
  }
}
