import { type DynamicModule, Module, type Provider } from '@nestjs/common';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { type MarginaliaConfig } from '@marginalia/config';
import { MARGINALIA_CONFIG } from '@marginalia/platform';
import { Integrity } from './integrity';
import { Projector, READ_MODEL_DATABASE } from './projector';
import { ReadModelDatabase } from './read-model-database';
import { ReadModelQueries } from './read-model-queries';
import { Rebuilder } from './rebuild';
import { Replay } from './replay';

export interface ReadModelsOptions {
  /** Keep the read models up to date in this program (the server does; a one-shot CLI does not). */
  projector?: boolean;
}

/** The read models in `$DATA_DIR/read-models.db`: queries, replays, integrity and rebuilds. */
@Module({})
export class ReadModelsModule {
  static forRoot(options: ReadModelsOptions = {}): DynamicModule {
    const database: Provider = {
      provide: READ_MODEL_DATABASE,
      inject: [MARGINALIA_CONFIG],
      useFactory: (config: MarginaliaConfig) => {
        mkdirSync(config.dataDir, { recursive: true });
        return new ReadModelDatabase(join(config.dataDir, 'read-models.db'));
      },
    };
    const live = options.projector ? [Projector, Rebuilder] : [];
    return {
      module: ReadModelsModule,
      global: true,
      providers: [database, ReadModelQueries, Replay, Integrity, ...live],
      exports: [READ_MODEL_DATABASE, ReadModelQueries, Replay, Integrity, ...live],
    };
  }
}
