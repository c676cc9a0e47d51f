import { type DynamicModule, Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { type Logger } from 'pino';
import { MetricsController } from './metrics.controller';
import { requestLogOptions } from './request-log';
import { ServerMetrics } from './server-metrics';

/** How an operator watches the server: GET /metrics and one JSON log line per request. */
@Module({})
export class ObservabilityModule {
  static forRoot(logger: Logger): DynamicModule {
    return {
      module: ObservabilityModule,
      imports: [LoggerModule.forRoot({ pinoHttp: requestLogOptions(logger) })],
      controllers: [MetricsController],
      providers: [ServerMetrics],
      exports: [ServerMetrics],
    };
  }
}
