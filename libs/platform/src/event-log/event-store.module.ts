import {
  Global,
  Inject,
  Injectable,
  Logger,
  Module,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { type MarginaliaConfig } from '@marginalia/config';
import { EVENT_STORE, SqliteEventStore, type EventStore } from '@marginalia/event-store';
import { EventStoreDbEventStore } from '@marginalia/event-store/eventstoredb';
import { MARGINALIA_CONFIG } from '../configuration/config.provider';

export function openEventStore(config: MarginaliaConfig): EventStore {
  if (config.eventStore === 'eventstoredb') {
    // loadConfig refuses eventstoredb without a connection string.
    return new EventStoreDbEventStore({ connectionString: config.eventStoreConnectionString! });
  }
  mkdirSync(config.dataDir, { recursive: true });
  // Concurrent requests share one commit and one fsync; each still answers only after it.
  return new SqliteEventStore({ file: join(config.dataDir, 'events.db'), groupCommit: true });
}

/** Closes the store last, after requests in flight have finished. */
@Injectable()
class EventStoreLifecycle implements OnApplicationShutdown {
  private readonly logger = new Logger('EventStore');

  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async onApplicationShutdown(): Promise<void> {
    await this.store.close();
    this.logger.log('Event log closed');
  }
}

@Global()
@Module({
  providers: [
    {
      provide: EVENT_STORE,
      inject: [MARGINALIA_CONFIG],
      useFactory: (config: MarginaliaConfig) => openEventStore(config),
    },
    EventStoreLifecycle,
  ],
  exports: [EVENT_STORE],
})
export class EventStoreModule {}
