import { createEventIdGenerator } from './event-id';

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('event ids', () => {
  it('are version 7 UUIDs that carry their millisecond', () => {
    const next = createEventIdGenerator(() => Date.parse('2024-03-08T02:29:15.123Z'));
    const id = next();
    expect(id).toMatch(UUID_V7);
    expect(parseInt(id.replace(/-/g, '').slice(0, 12), 16)).toBe(
      Date.parse('2024-03-08T02:29:15.123Z'),
    );
  });

  it('increase strictly, also many within one millisecond and when the clock steps back', () => {
    let now = 1_709_864_955_123;
    const next = createEventIdGenerator(() => now);
    const ids: string[] = [];
    for (let i = 0; i < 10_000; i += 1) {
      if (i === 5000) now -= 1000;
      ids.push(next());
    }
    expect(ids.every((id) => UUID_V7.test(id))).toBe(true);
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
