import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { ConfigError, loadConfig } from '@marginalia/config';
import { CliModule } from './cli.module';
import { importCorpus } from './commands/import-corpus';

const USAGE = `Usage: npm run cli -- <command>

Commands:
  import-corpus   import every article of $CORPUS_DIR/manifest.json (default ./corpus) once

The event log is the one of $DATA_DIR (default ./data), as for npm start.`;

async function main(argv: string[]): Promise<number> {
  const [command] = argv;
  if (command === undefined || command === 'help' || command === '--help') {
    console.log(USAGE);
    return 0;
  }
  if (command !== 'import-corpus') {
    console.error(`Unknown command ${JSON.stringify(command)}.\n\n${USAGE}`);
    return 2;
  }
  const config = loadConfig();
  const app = await NestFactory.createApplicationContext(CliModule.forRoot(config), {
    logger: ['error', 'warn'],
  });
  try {
    const results = await importCorpus(app, config);
    for (const result of results) {
      console.log(
        `${result.outcome.padEnd(16)} ${result.articleId}  ${result.file}  ${result.title}`,
      );
    }
    const imported = results.filter((r) => r.outcome === 'imported').length;
    console.log(`${imported} imported, ${results.length - imported} already imported.`);
    return 0;
  } finally {
    await app.close();
  }
}

main(process.argv.slice(2))
  .then((code) => (process.exitCode = code))
  .catch((error: unknown) => {
    console.error(error instanceof ConfigError ? error.message : error);
    process.exitCode = 1;
  });
