import { type INestApplication } from '@nestjs/common';
import { type AddressInfo } from 'node:net';
import { type DestinationStream } from 'pino';
import request from 'supertest';
import { loadConfig, type MarginaliaConfig } from '@marginalia/config';
import { type Actor, type Role } from '@marginalia/domain';
import { createAdminApi } from '../../apps/admin-api/src/admin-api';
import { mintToken, SIGNING_SECRET, type SigningSecret } from '@marginalia/platform';
import { releaseLog, storeEnvFor } from './event-log';
import { makeTempDir } from './temp-dir';

/** One user per role, as the tests' tokens name them. */
export const users = {
  editor: { sub: 'editor-li', name: '李编辑', roles: ['editor'] },
  fact_checker: { sub: 'checker-wang', name: '王核查', roles: ['fact_checker'] },
  standards_editor: { sub: 'standards-zhang', name: '张标准', roles: ['standards_editor'] },
  auditor: { sub: 'auditor-chen', name: '陈审计', roles: ['auditor'] },
  admin: { sub: 'admin-zhou', name: '周管理', roles: ['admin'] },
} satisfies Record<Role, Actor>;

export interface RunningAdminApi {
  app: INestApplication;
  config: MarginaliaConfig;
  /** http://127.0.0.1:<port> of the listening server. */
  url: string;
  /** A bearer token (valid 1 h) of the role's user in `users`, signed with the server's secret. */
  token(role: Role): Promise<string>;
  /** A bearer token for any actor, signed with the server's HS256 secret. */
  tokenFor(actor: Actor, ttlSeconds?: number): Promise<string>;
  /** The event log's head position, as GET /health reports it. */
  headPosition(): Promise<number>;
  stop(): Promise<void>;
}

export interface StartOptions {
  /** Where the server's JSON log lines go; none are written without it. */
  logger?: DestinationStream;
}

/**
 * Starts the real application on an ephemeral port with a fresh data folder, or on the
 * DATA_DIR given in `env` (which then outlives the server, for restarts). The event log is the
 * run's store (./event-log): SQLite in the folder, or the folder's own EventStoreDB log.
 */
export async function startAdminApi(
  env: Record<string, string> = {},
  options: StartOptions = {},
): Promise<RunningAdminApi> {
  const dir = env.DATA_DIR === undefined ? makeTempDir('marginalia-api-') : undefined;
  const done = async () => {
    if (!dir) return;
    await releaseLog(dir.path);
    dir.remove();
  };
  let app: Awaited<ReturnType<typeof createAdminApi>>;
  let config: MarginaliaConfig;
  try {
    config = loadConfig({
      PORT: '0',
      SEED_CORPUS: 'false',
      ...(dir ? { DATA_DIR: dir.path } : {}),
      ...(await storeEnvFor(env.DATA_DIR ?? dir!.path, env)),
      ...env,
    });
    app = await createAdminApi(config, { logger: options.logger ?? false });
    await app.listen(0, '127.0.0.1');
  } catch (error) {
    await done();
    throw error;
  }
  const address = app.getHttpServer().address() as AddressInfo;
  const url = `http://127.0.0.1:${address.port}`;
  const secret = app.get<SigningSecret>(SIGNING_SECRET);
  const tokenFor = (actor: Actor, ttlSeconds = 3600) => {
    if (secret.source === 'none') throw new Error('This server accepts no HS256 tokens');
    return mintToken(secret.secret, actor, { ttlSeconds });
  };
  return {
    app,
    config,
    url,
    token: (role) => tokenFor(users[role]),
    tokenFor,
    async headPosition() {
      const response = await request(url).get('/health').expect(200);
      return (response.body as { store: { headPosition: number } }).store.headPosition;
    },
    async stop() {
      await app.close();
      await done();
    },
  };
}
