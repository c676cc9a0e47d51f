import { join } from 'node:path';
import {
  IDEMPOTENCY_TTL_MS,
  IdempotencyStore,
} from '../../apps/admin-api/src/idempotency/idempotency-store';
import { makeTempDir } from '../support/temp-dir';

const scope = { sub: 'editor-li', method: 'POST', path: '/v1/articles', key: 'k-1' };
const answer = { status: 201, headers: { Location: '/v1/articles/1', ETag: '"0"' }, body: '{}' };

describe('the idempotency store (a real SQLite file)', () => {
  let dir: ReturnType<typeof makeTempDir>;
  let now: number;
  const open = () => new IdempotencyStore(join(dir.path, 'idempotency.db'), () => now);

  beforeEach(() => {
    dir = makeTempDir('marginalia-idem-store-');
    now = Date.parse('2024-03-08T02:29:15Z');
  });

  afterEach(() => dir.remove());

  it('reserves a new key, reports it in flight until answered, then replays the answer', () => {
    const store = open();
    expect(store.reserve(scope, 'sha-a')).toEqual({ outcome: 'reserved' });
    expect(store.reserve(scope, 'sha-a')).toEqual({ outcome: 'in_flight' });
    store.complete(scope, answer);
    expect(store.reserve(scope, 'sha-a')).toEqual({ outcome: 'replay', answer });
    expect(store.reserve(scope, 'sha-b')).toEqual({ outcome: 'reused' });
    store.close();
  });

  it('frees a released key for the next request', () => {
    const store = open();
    store.reserve(scope, 'sha-a');
    store.release(scope);
    expect(store.reserve(scope, 'sha-b')).toEqual({ outcome: 'reserved' });
    store.close();
  });

  it('forgets a key after 24 hours and purges it', () => {
    const store = open();
    store.reserve(scope, 'sha-a');
    store.complete(scope, answer);
    now += IDEMPOTENCY_TTL_MS - 1;
    expect(store.purgeExpired()).toBe(0);
    expect(store.reserve(scope, 'sha-b').outcome).toBe('reused');
    now += 1;
    expect(store.purgeExpired()).toBe(1);
    expect(store.reserve(scope, 'sha-b')).toEqual({ outcome: 'reserved' });
    store.close();
  });

  it('keeps answers across a reopening and frees keys whose request never answered', () => {
    const first = open();
    first.reserve(scope, 'sha-a');
    first.complete(scope, answer);
    const unanswered = { ...scope, key: 'k-2' };
    first.reserve(unanswered, 'sha-a');
    first.close();
    const second = open();
    expect(second.reserve(scope, 'sha-a')).toEqual({ outcome: 'replay', answer });
    expect(second.reserve(unanswered, 'sha-b')).toEqual({ outcome: 'reserved' });
    second.close();
  });
});
