import { type DynamicModule, type INestApplicationContext, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { CommandBus } from '@nestjs/cqrs';
import { randomUUID } from 'node:crypto';
import { loadConfig } from '@marginalia/config';
import { type Actor } from '@marginalia/domain';
import {
  AggregateStore,
  type CommandContext,
  EditorialModule,
  ProcessManagers,
} from '@marginalia/editorial';
import { EVENT_STORE, type EventStore } from '@marginalia/event-store';
import {
  CLOCK,
  type Clock,
  configProvider,
  ID_GENERATOR,
  type IdGenerator,
  MARGINALIA_CONFIG,
  PlatformModule,
} from '@marginalia/platform';

export interface Editorial {
  app: INestApplicationContext;
  commands: CommandBus;
  store: EventStore;
  processManagers: ProcessManagers;
  aggregates: AggregateStore;
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

  return start(BenchEditorialModule);
}

export interface EditorialParts {
  dataDir: string;
  /** The log, opened by the caller, who closes it after the application. */
  store: EventStore;
  clock: Clock;
  ids: IdGenerator;
  processStateFile: string;
}

/**
 * The same core on a log, clock and ids of the caller's (the newsroom's): what PlatformModule
 * provides, with these in place of the system's.
 */
export async function startEditorialOn(parts: EditorialParts): Promise<Editorial> {
  const config = loadConfig({ DATA_DIR: parts.dataDir, SEED_CORPUS: 'false' });
  const platform: DynamicModule = {
    module: class BenchPlatformModule {},
    global: true,
    providers: [
      configProvider(config),
      { provide: CLOCK, useValue: parts.clock },
      { provide: ID_GENERATOR, useValue: parts.ids },
      { provide: EVENT_STORE, useValue: parts.store },
    ],
    exports: [MARGINALIA_CONFIG, CLOCK, ID_GENERATOR, EVENT_STORE],
  };
  @Module({
    imports: [
      platform,
      EditorialModule.forRoot({
        processManagers: true,
        processStateFile: parts.processStateFile,
      }),
    ],
  })
  class NewsroomEditorialModule {}
  return start(NewsroomEditorialModule);
}

async function start(module: new () => object): Promise<Editorial> {
  const app = await NestFactory.createApplicationContext(module, { logger: ['error', 'warn'] });
  await app.init();
  return {
    app,
    commands: app.get(CommandBus),
    store: app.get<EventStore>(EVENT_STORE),
    processManagers: app.get(ProcessManagers),
    aggregates: app.get(AggregateStore),
    close: () => app.close(),
  };
}

/** What an HTTP request gives a command: the actor from its token and a request id. */
export function requestBy(actor: Actor): CommandContext {
  const requestId = randomUUID();
  return { actor, correlationId: requestId, causationId: requestId };
}
