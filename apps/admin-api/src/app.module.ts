import { type DynamicModule, Module } from '@nestjs/common';
import { type MarginaliaConfig } from '@marginalia/config';
import { configProvider, MARGINALIA_CONFIG } from './config.provider';
import { EventStoreModule } from './event-store/event-store.module';
import { HealthController } from './health/health.controller';

@Module({})
export class AppModule {
  static forRoot(config: MarginaliaConfig): DynamicModule {
    return {
      module: AppModule,
      global: true,
      imports: [EventStoreModule],
      controllers: [HealthController],
      providers: [configProvider(config)],
      exports: [MARGINALIA_CONFIG],
    };
  }
}
