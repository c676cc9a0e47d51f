import { randomUUID } from 'node:crypto';
import type { EventStore, StoredEvent } from '../event-store.port';
import type { JsonObject } from '../json';

/**
 * What an adapter provides to be held to the contract. The log may be shared with other tests
 * (an EventStoreDB server cannot be emptied), so every test writes to streams of its own and
 * reads the global log only after the head it saw when it began.
 */
export interface EventStoreContractSubject {
  /** A store handle on the log under test. */
  open(): Promise<EventStore>;
  /** Another, independent handle on the same log: a second connection, client or process. */
  openAnother(): Promise<EventStore>;
  /**
   * Changes a stored event's data behind the store's back, as an intruder with access to the
   * storage would. Left out by stores that cannot be edited at all (EventStoreDB).
   */
  tamper?(event: StoredEvent, data: JsonObject): Promise<void>;
  /** Closes every handle it opened. */
  dispose(): Promise<void>;
}

export interface ContractOptions {
  /** Why stored events cannot be edited in this store; skips the tampering test, saying so. */
  tamperingImpossible?: string;
}

/** The subject and its store of the test that runs, set before each by the contract. */
export interface ContractHandles {
  subject: EventStoreContractSubject;
  store: EventStore;
}

/** A stream of the test's own, in a category of the newsroom's. */
export const stream = (category = 'claim') => `${category}-${randomUUID()}`;
