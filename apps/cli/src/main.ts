import 'reflect-metadata';
import { ConfigError, loadConfig, type MarginaliaConfig } from '@marginalia/config';
import { MIGRATE_HELP, MIGRATE_USAGE } from './commands/migrate-usage';
import { MINT_TOKEN_USAGE, mintTokenCommand } from './commands/mint-token';
import { VERIFY_HELP, VERIFY_USAGE } from './commands/verify-usage';

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
  ${VERIFY_USAGE}
                  ${VERIFY_HELP}

The event log is the one of $DATA_DIR (default ./data), as for npm start.`;

class UsageError extends Error {}

/*
 * Each command loads what it needs when it runs, so mint-token and help stay fast. Only
 * relative modules are loaded lazily: `nest build` rewrites the @marginalia/* paths of static
 * imports but not of dynamic ones, which the built CLI then cannot find
 * (test/cli/built-cli.e2e.spec.ts checks the built output for any).
 */
async function main(argv: string[]): Promise<number> {
  const [command, ...args] = argv;
  if (command === undefined || command === 'help' || command === '--help') {
    console.log(USAGE);
    return 0;
  }
  switch (command) {
    case 'import-corpus':
      return (await import('./commands/core-commands')).importCorpusCommand(loadConfig());
    case 'integrity':
      return (await import('./commands/core-commands')).integrityCommand(loadConfig());
    case 'rebuild':
      return (await import('./commands/core-commands')).rebuildCommand(loadConfig());
    case 'mint-token':
      return mintToken(args, loadConfig());
    case 'backup':
      return (await import('./commands/backup')).backupCommand(args, loadConfig());
    case 'restore':
      return (await import('./commands/restore')).restoreCommand(args, loadConfig());
    case 'migrate':
      return migrate(args);
    case 'verify':
      return verify(args);
    default:
      throw new UsageError(`Unknown command ${JSON.stringify(command)}.`);
  }
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
  const { MigrateUsageError, migrateCli } = await import('./commands/migrate');
  try {
    return await migrateCli(args);
  } catch (error) {
    if (error instanceof MigrateUsageError) throw new UsageError(error.message);
    throw error;
  }
}

async function verify(args: string[]): Promise<number> {
  const { VerifyUsageError, verifyCommand } = await import('./commands/verify');
  try {
    return await verifyCommand(args, () => loadConfig());
  } catch (error) {
    if (error instanceof VerifyUsageError) throw new UsageError(error.message);
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
