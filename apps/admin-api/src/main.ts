import 'reflect-metadata';
import { Logger, type LoggerService } from '@nestjs/common';
import { type AddressInfo } from 'node:net';
import pino from 'pino';
import { ConfigError, loadConfig } from '@marginalia/config';
import { articleIdFor } from '@marginalia/editorial';
import { createAdminApi } from './admin-api';
import { createLogger } from './observability/request-log';
import { printDevelopmentTokens } from './auth/development-tokens';
import { SIGNING_SECRET, type SigningSecret } from '@marginalia/platform';

/** The article a newcomer can read at once: the first of the seeded corpus. */
const CORPUS_000_ID = articleIdFor({
  source: { url: null, publisher: null, publishedAt: null },
  externalId: 'corpus:000_d9281aa7de545bf9.txt',
});

/**
 * The development tokens are for the newcomer at the terminal, in plain text on stderr: they
 * are secrets, and stay out of the JSON log on stdout that a collector ships elsewhere.
 */
const developmentBanner: LoggerService = {
  log: (message: unknown) => process.stderr.write(`[Auth] ${String(message)}\n`),
  error: (message: unknown) => process.stderr.write(`[Auth] ${String(message)}\n`),
  warn: (message: unknown) => process.stderr.write(`[Auth] ${String(message)}\n`),
};

/**
 * Stdout, shared by the application's logger and the line saying why it did not start; written
 * synchronously, as console.log writes a pipe, so that no line is lost when the process dies.
 */
const logDestination = pino.destination({ dest: 1, sync: true });

async function main(): Promise<void> {
  const logger = new Logger('Marginalia');
  const config = loadConfig();
  const app = await createAdminApi(config, { logger: logDestination });
  await app.listen(config.port);
  const { port } = app.getHttpServer().address() as AddressInfo;
  logger.log(`Admin API listening on http://localhost:${port}`);
  logger.log(`Event log: ${config.eventStore} in ${config.dataDir}`);
  logger.log(`OpenAPI: http://localhost:${port}/docs`);
  logger.log(`Editor console: http://localhost:${port}/console/`);
  await printDevelopmentTokens(developmentBanner, app.get<SigningSecret>(SIGNING_SECRET), {
    baseUrl: `http://localhost:${port}`,
    path: config.seedCorpus ? `/v1/articles/${CORPUS_000_ID}` : '/v1/articles/<id>',
  });
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    // Every problem of the environment, for the person starting the server.
    console.error(error.message);
  } else {
    createLogger(logDestination).fatal({ err: error }, 'The admin API did not start');
  }
  process.exit(1);
});
