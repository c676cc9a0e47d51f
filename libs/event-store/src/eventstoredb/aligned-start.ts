import {
  BACKWARDS,
  END,
  FORWARDS,
  START,
  UnknownError,
  type AllStreamResolvedEvent,
  type ReadPosition,
} from '@eventstore/db-client';
import { positionToClient } from './mapping';

/** One read of `$all`: at most `maxCount` records from `from` in `direction`. */
export type AllPageReader = (
  from: ReadPosition,
  direction: typeof FORWARDS | typeof BACKWARDS,
  maxCount: number,
) => Promise<AllStreamResolvedEvent[]>;

const BACKWARD_PAGE = 1024;

/**
 * Where a forward read of `$all` for the records after `after` may start. EventStoreDB reads
 * `$all` only from a record's own position: from any other offset inside its log, 23.10.8
 * fails the read ("Unexpected ReadAllResult: Error", an UnknownError to the client) and a
 * subscription alike. The port takes any number as `after`, and callers rely on it: the log
 * tree reconciles with `after: position - 1`, and a client may send any Last-Event-ID. So when
 * `after` is not a record's position, this starts at `after + 1` when that is one (the
 * `position - 1` case), or else at the last record at or before `after`, found backwards from
 * the end; a reader then skips every record at or before `after`, as for any start. Only such
 * a position pays for the search.
 */
export async function alignedStart(after: number, page: AllPageReader): Promise<ReadPosition> {
  if (after <= 0) return START;
  for (const candidate of [after, after + 1]) {
    const from = positionToClient(candidate);
    if (await readsFrom(from, page)) return from;
  }
  const floor = BigInt(after);
  let from: ReadPosition = END;
  for (;;) {
    const records = await page(from, BACKWARDS, BACKWARD_PAGE);
    const found = records.find(({ event }) => event && event.position.commit <= floor)?.event;
    if (found) return found.position;
    const oldest = records[records.length - 1]?.event?.position;
    if (records.length < BACKWARD_PAGE || !oldest) return START;
    from = oldest;
  }
}

/** Whether the server reads `$all` forwards from `from`; any other failure is thrown. */
async function readsFrom(from: ReadPosition, page: AllPageReader): Promise<boolean> {
  try {
    await page(from, FORWARDS, 1);
    return true;
  } catch (error) {
    if (isUnalignedRead(error)) return false;
    throw error;
  }
}

/** The server's refusal of a read of `$all` from an offset that starts no record. */
export function isUnalignedRead(error: unknown): boolean {
  return error instanceof UnknownError;
}
