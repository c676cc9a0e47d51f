import 'reflect-metadata';
import { type INestApplicationContext } from '@nestjs/common';
import { ConfigError, loadConfig, type MarginaliaConfig } from '@marginalia/config';
import { MIGRATE_HELP, MIGRATE_USAGE } from './commands/migrate-usage';
import { MINT_TOKEN_USAGE, mintTokenCommand } from './commands/mint-token';

const USAGE = `Usage: npm run cli -- <command>

Commands:
  import-corpus   import every article of $CORPUS_DIR/manifest.json (default ./corpus) once
  integrity       check every stream's hash chain and compare the read models with a replay
                  of the log; prints the report as JSON, exits 1 when something is wrong
  rebuild         empty the read models and project the whole log again (safe while the
                  server runs: both follow the same checkpoint)
  ${MINT_TOKEN_USAGE}
                  print a bearer token signed with AUTH_JWT_SECRET, or else with the
                  development secret of $DATA_DIR (as the server uses); --ttl as 90s, 30m, 24h, 7d
  backup <file>   copy the event log into <file> while the server may be writing, then check
                  the copy's integrity and hash chains; prints a JSON summary, exits 1 when the
                  copy is not sound (SQLite only; EventStoreDB has its own backups)
  restore <file> [--force]
                  check a backup, then make it the event log of $DATA_DIR; an existing log is
                  refused, or moved aside with --force (never deleted); the read models and
                  the process managers start over from the restored log at the next start
  ${MIGRATE_USAGE}
                  ${MIGRATE_HELP}

The event log is the one of $DATA_DIR (default ./data), as for npm start.`;

class UsageError extends Error {}

async function main(argv: string[]): Promise<number> {
  const [command, ...args] = argv;
  if (command === undefined || command === 'help' || command === '--help') {
    console.log(USAGE);
    return 0;
  }
  switch (command) {
    case 'import-corpus':
      return importCorpus(loadConfig());
    case 'integrity':
      return withCore(loadConfig(), async (app) => {
        const { Integrity } = await import('@marginalia/read-models');
        const report = await app.get(Integrity).check();
        console.log(JSON.stringify(report, null, 2));
        return report.ok ? 0 : 1;
      });
    case 'rebuild':
      return withCore(loadConfig(), async (app) => {
        const { EVENT_STORE } = await import('@marginalia/event-store');
        const { READ_MODEL_DATABASE, rebuildInPlace } = await import('@marginalia/read-models');
        const started = Date.now();
        const { events, position } = await rebuildInPlace(
          app.get(EVENT_STORE),
          app.get(READ_MODEL_DATABASE),
        );
        console.log(
          `Rebuilt the read models from ${events} events, up to position ${position}, in ${Date.now() - started} ms.`,
        );
        return 0;
      });
    case 'mint-token':
      return mintToken(args, loadConfig());
    case 'backup':
      return (await import('./commands/backup')).backupCommand(args, loadConfig());
    case 'restore':
      return (await import('./commands/restore')).restoreCommand(args, loadConfig());
    case 'migrate':
      return migrate(args);
    default:
      throw new UsageError(`Unknown command ${JSON.stringify(command)}.`);
  }
}

/** Runs a command with the application core, loaded here since mint-token does not need it. */
async function withCore(
  config: MarginaliaConfig,
  command: (app: INestApplicationContext) => Promise<number>,
): Promise<number> {
  const { NestFactory } = await import('@nestjs/core');
  const { CliModule } = await import('./cli.module');
  const app = await NestFactory.createApplicationContext(CliModule.forRoot(config), {
    logger: ['error', 'warn'],
  });
  try {
    return await command(app);
  } finally {
    await app.close();
  }
}

function importCorpus(config: MarginaliaConfig): Promise<number> {
  return withCore(config, async (app) => {
    const { importCorpus: run } = await import('./commands/import-corpus');
    const results = await run(app, config);
    for (const result of results) {
      console.log(
        `${result.outcome.padEnd(16)} ${result.articleId}  ${result.file}  ${result.title}`,
      );
    }
    const imported = results.filter((r) => r.outcome === 'imported').length;
    console.log(`${imported} imported, ${results.length - imported} already imported.`);
    return 0;
  });
}

async function mintToken(args: string[], config: MarginaliaConfig): Promise<number> {
  let minted;
  try {
    minted = await mintTokenCommand(args, config);
  } catch (error) {
    if (error instanceof ConfigError) throw error;
    throw new UsageError((error as Error).message);
  }
  console.log(minted.token);
  console.error(`Valid until ${minted.expiresAt.toISOString()}; signed with ${minted.signedWith}.`);
  return 0;
}

async function migrate(args: string[]): Promise<number> {
  const { MigrateUsageError, migrateCommand } = await import('./commands/migrate');
  const { MigrationError } = await import('@marginalia/event-store');
  try {
    const report = await migrateCommand(args, (line) => console.error(line));
    console.log(JSON.stringify(report, null, 2));
    console.error(
      'Copied. A server switched to the new log needs a DATA_DIR without read-models.db and process-managers.db (their checkpoints are positions of the old log); they are rebuilt from the new log on start.',
    );
    return 0;
  } catch (error) {
    if (error instanceof MigrateUsageError) throw new UsageError(error.message);
    if (error instanceof MigrationError) {
      console.error(`Migration stopped: ${error.message}`);
      return 1;
    }
    throw error;
  }
}

main(process.argv.slice(2))
  .then((code) => (process.exitCode = code))
  .catch((error: unknown) => {
    if (error instanceof UsageError) {
      console.error(`${error.message}\n\n${USAGE}`);
      process.exitCode = 2;
      return;
    }
    console.error(error instanceof ConfigError ? error.message : error);
    process.exitCode = 1;
  });
