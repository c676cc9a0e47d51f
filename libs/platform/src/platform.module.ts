import { type DynamicModule, Module } from '@nestjs/common';
import { type MarginaliaConfig } from '@marginalia/config';
import { CLOCK, type Clock, systemClock } from './time-and-ids/clock';
import { configProvider, MARGINALIA_CONFIG } from './configuration/config.provider';
import { EventStoreModule } from './event-log/event-store.module';
import { ID_GENERATOR, type IdGenerator, uuidV7Generator } from './time-and-ids/ids';
import { VerifiableLogModule } from './verifiable-log/verifiable-log.module';

export interface PlatformOverrides {
  clock?: Clock;
  ids?: IdGenerator;
}

/**
 * What every Marginalia program needs: its configuration, the event log and its Merkle tree, a
 * clock and ids.
 */
@Module({})
export class PlatformModule {
  static forRoot(config: MarginaliaConfig, overrides: PlatformOverrides = {}): DynamicModule {
    return {
      module: PlatformModule,
      global: true,
      imports: [EventStoreModule, VerifiableLogModule],
      providers: [
        configProvider(config),
        { provide: CLOCK, useValue: overrides.clock ?? systemClock },
        { provide: ID_GENERATOR, useValue: overrides.ids ?? uuidV7Generator() },
      ],
      exports: [MARGINALIA_CONFIG, CLOCK, ID_GENERATOR, EventStoreModule, VerifiableLogModule],
    };
  }
}
