import { type INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { type MarginaliaConfig } from '@marginalia/config';
import { EVENT_STORE } from '@marginalia/event-store';
import { Integrity, READ_MODEL_DATABASE, rebuildInPlace } from '@marginalia/read-models';
import { CliModule } from '../cli.module';
import { importCorpus } from './import-corpus';

/*
 * The commands that need the application core. main.ts loads this module only for them, with
 * a relative require: `nest build` rewrites the @marginalia/* paths of static imports only, so
 * every alias stays here, imported statically.
 */

/** Runs a command with the application core (the CLI module, without the projector). */
async function withCore(
  config: MarginaliaConfig,
  command: (app: INestApplicationContext) => Promise<number>,
): Promise<number> {
  const app = await NestFactory.createApplicationContext(CliModule.forRoot(config), {
    logger: ['error', 'warn'],
  });
  try {
    return await command(app);
  } finally {
    await app.close();
  }
}

export function integrityCommand(config: MarginaliaConfig): Promise<number> {
  return withCore(config, async (app) => {
    const report = await app.get(Integrity).check();
    console.log(JSON.stringify(report, null, 2));
    return report.ok ? 0 : 1;
  });
}

export function rebuildCommand(config: MarginaliaConfig): Promise<number> {
  return withCore(config, async (app) => {
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
}

export function importCorpusCommand(config: MarginaliaConfig): Promise<number> {
  return withCore(config, async (app) => {
    const results = await importCorpus(app, config);
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
