import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { type Server } from 'node:http';
import { type AddressInfo } from 'node:net';
import { ConfigError, loadConfig } from '@marginalia/config';
import { createAdminApi } from './admin-api';

async function main(): Promise<void> {
  const logger = new Logger('Marginalia');
  const config = loadConfig();
  const app = await createAdminApi(config);
  await app.listen(config.port);
  const { port } = (app.getHttpServer() as Server).address() as AddressInfo;
  logger.log(`Admin API listening on http://localhost:${port}`);
  logger.log(`Event log: ${config.eventStore} in ${config.dataDir}`);
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    console.error(error.message);
  } else {
    console.error(error);
  }
  process.exit(1);
});
