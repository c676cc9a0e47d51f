export * from './json';
export * from './event-store.port';
export * from './errors';
export * from './canonical-json';
export * from './hash-chain';
export * from './expected-revision';
export * from './iterate-all';
export * from './verify-chains';
export { SqliteEventStore, type SqliteEventStoreOptions } from './sqlite/sqlite-event-store';
