import type { EventStore } from './event-store.port';
import { HashChainVerifier, type ChainReport } from './hash-chain';
import { iterateAll } from './iterate-all';

/** Walks the whole log and checks every stream's hash chain. */
export async function verifyHashChains(store: Pick<EventStore, 'readAll'>): Promise<ChainReport> {
  const verifier = new HashChainVerifier();
  for await (const event of iterateAll(store, { pageSize: 2000 })) verifier.check(event);
  return verifier.report();
}
