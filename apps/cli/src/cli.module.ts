import { type DynamicModule, Module } from '@nestjs/common';
import { type MarginaliaConfig } from '@marginalia/config';
import { EditorialModule } from '@marginalia/editorial';
import { PlatformModule } from '@marginalia/platform';
import { ReadModelsModule } from '@marginalia/read-models';

/**
 * The application core and the read models, without the process managers or the projector: a
 * one-shot command does its own work only.
 */
@Module({})
export class CliModule {
  static forRoot(config: MarginaliaConfig): DynamicModule {
    return {
      module: CliModule,
      imports: [
        PlatformModule.forRoot(config),
        EditorialModule.forRoot({ processManagers: false, ratingScale: config.ratingScale }),
        ReadModelsModule.forRoot({ projector: false }),
      ],
    };
  }
}
