import { createEventIdGenerator } from '@marginalia/event-store';
import { type Clock, type IdGenerator } from '@marginalia/platform';
import { Random } from '../anchoring/random';

const MINUTE = 60_000;

/**
 * The newsroom's own time and ids, given to the application in place of the system's: each
 * append the application makes reads the clock once, and a newsroom's commands come one to four
 * minutes apart, so the log spans months. Ids are time-ordered UUIDv7 on this clock with seeded
 * random bits, so a seed writes the same log every run.
 */
export class NewsroomClock implements Clock, IdGenerator {
  private time = Date.parse('2024-01-02T01:00:00.000Z');
  /** Its own random numbers: the newsroom's choices do not depend on how often it is read. */
  private readonly gaps: Random;
  private readonly nextId: () => string;

  constructor(seed: number) {
    this.gaps = new Random(seed ^ 0x2545f491);
    const idRandom = new Random(seed ^ 0x5bd1e995);
    const fill = (bytes: Uint8Array) => {
      for (let index = 0; index < bytes.length; index += 4) {
        const value = Math.floor(idRandom.next() * 2 ** 32);
        bytes[index] = value & 0xff;
        bytes[index + 1] = (value >>> 8) & 0xff;
        bytes[index + 2] = (value >>> 16) & 0xff;
        bytes[index + 3] = (value >>> 24) & 0xff;
      }
      return bytes;
    };
    this.nextId = createEventIdGenerator(() => this.time, fill);
  }

  /** The time of the next append (AggregateStore reads it once per append). */
  now(): Date {
    this.time += this.gaps.int(1, 4) * MINUTE;
    return new Date(this.time);
  }

  /** The time of the last append decided: the store records each append at it. */
  recorded(): Date {
    return new Date(this.time);
  }

  newId(): string {
    return this.nextId();
  }
}
