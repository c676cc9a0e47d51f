import { type INestApplicationContext, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { CommandBus } from '@nestjs/cqrs';
import { randomUUID } from 'node:crypto';
import { loadConfig } from '@marginalia/config';
import { type Actor } from '@marginalia/domain';
import { type CommandContext, EditorialModule, ProcessManagers } from '@marginalia/editorial';
import { EVENT_STORE, type EventStore } from '@marginalia/event-store';
import { PlatformModule } from '@marginalia/platform';

export interface Editorial {
  app: INestApplicationContext;
  commands: CommandBus;
  store: EventStore;
  processManagers: ProcessManagers;
  close(): Promise<void>;
}

/**
 * The application core as the server wires it, without HTTP and read models: configuration,
 * the event log, the command bus with every handler, and the process managers.
 */
export async function startEditorial(dataDir: string): Promise<Editorial> {
  const config = loadConfig({ DATA_DIR: dataDir, SEED_CORPUS: 'false' });

  @Module({
    imports: [PlatformModule.forRoot(config), EditorialModule.forRoot({ processManagers: true })],
  })
  class BenchEditorialModule {}

  const app = await NestFactory.createApplicationContext(BenchEditorialModule, {
    logger: ['error', 'warn'],
  });
  await app.init();
  return {
    app,
    commands: app.get(CommandBus),
    store: app.get<EventStore>(EVENT_STORE),
    processManagers: app.get(ProcessManagers),
    close: () => app.close(),
  };
}

/** What an HTTP request gives a command: the actor from its token and a request id. */
export function requestBy(actor: Actor): CommandContext {
  const requestId = randomUUID();
  return { actor, correlationId: requestId, causationId: requestId };
}
