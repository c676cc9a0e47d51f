import { NestFactory } from '@nestjs/core';
import { type NestExpressApplication } from '@nestjs/platform-express';
import { Logger, PinoLogger } from 'nestjs-pino';
import { type DestinationStream } from 'pino';
import { type MarginaliaConfig } from '@marginalia/config';
import { AppModule } from './app.module';
import { InFlightRequests } from './http/in-flight-requests';
import { setUpOpenApi } from './http/openapi';
import { ProblemDetailsFilter } from './http/problem-details.filter';
import { requestIdMiddleware } from './http/request-id.middleware';
import { securityHeadersMiddleware } from './http/security-headers.middleware';
import { createLogger } from './observability/request-log';
import { ServerMetrics } from './observability/server-metrics';

export interface AdminApiOptions {
  /** Where the JSON log lines go (stdout when omitted), or false to keep tests quiet. */
  logger?: DestinationStream | false;
}

/** Builds the admin API application; `main.ts` and the end-to-end tests both start it here. */
export async function createAdminApi(
  config: MarginaliaConfig,
  options: AdminApiOptions = {},
): Promise<NestExpressApplication> {
  const logger = createLogger(options.logger);
  // Nest's own lines, from the first (a failing start included), go to the same JSON logger.
  const nestLogger =
    options.logger === false ? false : new Logger(new PinoLogger({ pinoHttp: { logger } }), {});
  const app = await NestFactory.create<NestExpressApplication>(
    AppModule.forRoot(config, {}, logger),
    {
      logger: nestLogger,
      abortOnError: false,
      // Bodies are read after authentication, by JsonBodyInterceptor, with each route's limit.
      bodyParser: false,
    },
  );
  app.disable('x-powered-by');
  // ETags are versions (SPEC §6), set by ResourceHeadersInterceptor, never hashes of the body.
  app.set('etag', false);
  app.use(
    app.get(InFlightRequests).middleware,
    app.get(ServerMetrics).middleware,
    requestIdMiddleware,
    securityHeadersMiddleware(config.auth.oidc?.issuerUrl),
  );
  app.useGlobalFilters(new ProblemDetailsFilter());
  setUpOpenApi(app);
  app.enableShutdownHooks();
  return app;
}
