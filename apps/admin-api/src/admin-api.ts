import { type INestApplication, type LoggerService } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { type MarginaliaConfig } from '@marginalia/config';
import { AppModule } from './app.module';
import { ProblemDetailsFilter } from './http/problem-details.filter';

export interface AdminApiOptions {
  /** Nest's logger, or false to keep tests quiet. */
  logger?: LoggerService | false;
}

/** Builds the admin API application; `main.ts` and the end-to-end tests both start it here. */
export async function createAdminApi(
  config: MarginaliaConfig,
  options: AdminApiOptions = {},
): Promise<INestApplication> {
  const app = await NestFactory.create(AppModule.forRoot(config), {
    logger: options.logger ?? undefined,
    abortOnError: false,
  });
  app.useGlobalFilters(new ProblemDetailsFilter());
  app.enableShutdownHooks();
  return app;
}
