import { ConsoleLogger, type LoggerService } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { type NestExpressApplication } from '@nestjs/platform-express';
import { type MarginaliaConfig } from '@marginalia/config';
import { AppModule } from './app.module';
import { InFlightRequests } from './http/in-flight-requests';
import { setUpOpenApi } from './http/openapi';
import { ProblemDetailsFilter } from './http/problem-details.filter';
import { RequestAwareLogger } from './http/request-aware.logger';
import { requestIdMiddleware } from './http/request-id.middleware';
import { securityHeadersMiddleware } from './http/security-headers.middleware';

export interface AdminApiOptions {
  /** Nest's logger, or false to keep tests quiet. */
  logger?: LoggerService | false;
}

/** Builds the admin API application; `main.ts` and the end-to-end tests both start it here. */
export async function createAdminApi(
  config: MarginaliaConfig,
  options: AdminApiOptions = {},
): Promise<NestExpressApplication> {
  const logger =
    options.logger === false
      ? false
      : new RequestAwareLogger(options.logger ?? new ConsoleLogger());
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), {
    logger,
    abortOnError: false,
    // Bodies are read after authentication, by JsonBodyInterceptor, with each route's limit.
    bodyParser: false,
  });
  app.disable('x-powered-by');
  // ETags are versions (SPEC §6), set by ResourceHeadersInterceptor, never hashes of the body.
  app.set('etag', false);
  app.use(app.get(InFlightRequests).middleware, requestIdMiddleware, securityHeadersMiddleware);
  app.useGlobalFilters(new ProblemDetailsFilter());
  setUpOpenApi(app);
  app.enableShutdownHooks();
  return app;
}
