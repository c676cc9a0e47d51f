import { type DynamicModule, Module } from '@nestjs/common';
import { type Logger } from 'pino';
import { type MarginaliaConfig } from '@marginalia/config';
import {
  ArticlesApiModule,
  ClaimsApiModule,
  CorrectionsApiModule,
  EditorialModule,
} from '@marginalia/editorial';
import { PlatformModule, type PlatformOverrides, LogFollowingModule } from '@marginalia/platform';
import { ReadModelsModule } from '@marginalia/read-models';
import { ConsoleController } from './console/console.controller';
import { CorpusSeeder } from './corpus/corpus-seeder';
import { HealthController } from './health/health.controller';
import { HttpEdgeModule } from './http/http-edge.module';
import { LogApiModule } from './log/log-api.module';
import { ObservabilityModule } from './observability/observability.module';
import { createLogger } from './observability/request-log';
import { ReadSideApiModule } from './read-side-api.module';

@Module({})
export class AppModule {
  static forRoot(
    config: MarginaliaConfig,
    overrides: PlatformOverrides = {},
    logger: Logger = createLogger(false),
  ): DynamicModule {
    return {
      module: AppModule,
      imports: [
        PlatformModule.forRoot(config, overrides),
        LogFollowingModule,
        EditorialModule.forRoot({ processManagers: true, ratingScale: config.ratingScale }),
        ReadModelsModule.forRoot({ projector: true }),
        ObservabilityModule.forRoot(logger),
        HttpEdgeModule,
        ArticlesApiModule,
        ClaimsApiModule,
        CorrectionsApiModule,
        ReadSideApiModule,
        LogApiModule,
      ],
      controllers: [HealthController, ConsoleController],
      providers: [CorpusSeeder],
    };
  }
}
