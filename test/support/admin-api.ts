import { type INestApplication } from '@nestjs/common';
import { type Server } from 'node:http';
import { type AddressInfo } from 'node:net';
import { loadConfig, type MarginaliaConfig } from '@marginalia/config';
import { createAdminApi } from '../../apps/admin-api/src/admin-api';
import { makeTempDir } from './temp-dir';

export interface RunningAdminApi {
  app: INestApplication;
  config: MarginaliaConfig;
  /** http://127.0.0.1:<port> of the listening server. */
  url: string;
  stop(): Promise<void>;
}

/** Starts the real application on an ephemeral port with a fresh data folder. */
export async function startAdminApi(env: Record<string, string> = {}): Promise<RunningAdminApi> {
  const dir = makeTempDir('marginalia-api-');
  const config = loadConfig({ PORT: '0', DATA_DIR: dir.path, SEED_CORPUS: 'false', ...env });
  const app = await createAdminApi(config, { logger: false });
  await app.listen(0, '127.0.0.1');
  const address = (app.getHttpServer() as Server).address() as AddressInfo;
  return {
    app,
    config,
    url: `http://127.0.0.1:${address.port}`,
    async stop() {
      await app.close();
      dir.remove();
    },
  };
}
