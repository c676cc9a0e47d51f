import { randomFillSync } from 'node:crypto';

/**
 * UUID version 7 (RFC 9562): 48 bits of Unix milliseconds, then random bits, with a 12-bit
 * counter that keeps ids from one generator increasing within a millisecond. Time-ordered ids
 * land at the right edge of the log's unique event-id index; random version 4 ids scatter
 * over it and made batched appends about three times slower in measurement.
 */
export function createEventIdGenerator(
  now: () => number = Date.now,
  fillRandom: (bytes: Uint8Array) => Uint8Array = randomFillSync,
): () => string {
  let lastMillis = -1;
  let counter = 0;
  const bytes = new Uint8Array(16);
  // Random bytes for 256 ids at a time: one call of the generator per id cost more than the
  // rest of the id (about 2.4 µs of CPU against 0.4 µs).
  const pool = new Uint8Array(16 * 256);
  let used = pool.length;

  return () => {
    let millis = now();
    if (used === pool.length) {
      fillRandom(pool);
      used = 0;
    }
    bytes.set(pool.subarray(used, used + 16));
    used += 16;
    if (millis <= lastMillis) {
      counter += 1;
      if (counter > 0xfff) {
        lastMillis += 1;
        counter = 0;
      }
      millis = lastMillis;
    } else {
      lastMillis = millis;
      counter = (bytes[6]! & 0x07) << 8; // start low in the range, leaving room to count up
    }
    bytes[0] = Math.floor(millis / 2 ** 40) & 0xff;
    bytes[1] = Math.floor(millis / 2 ** 32) & 0xff;
    bytes[2] = (millis >>> 24) & 0xff;
    bytes[3] = (millis >>> 16) & 0xff;
    bytes[4] = (millis >>> 8) & 0xff;
    bytes[5] = millis & 0xff;
    bytes[6] = 0x70 | (counter >>> 8);
    bytes[7] = counter & 0xff;
    bytes[8] = 0x80 | (bytes[8]! & 0x3f);
    const hex = Buffer.from(bytes).toString('hex');
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  };
}
