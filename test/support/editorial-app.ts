import { type INestApplicationContext, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { CommandBus } from '@nestjs/cqrs';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { loadConfig } from '@marginalia/config';
import type { Actor } from '@marginalia/domain';
import { type CommandContext, EditorialModule, ProcessManagers } from '@marginalia/editorial';
import { EVENT_STORE, type EventStore, type StoredEvent } from '@marginalia/event-store';
import { type Clock, PlatformModule } from '@marginalia/platform';
import { Projector, ReadModelsModule } from '@marginalia/read-models';
import { storeEnvFor } from './event-log';

/** The newsroom of the tests: an editor, a fact-checker, two standards editors, an auditor. */
export const newsroom = {
  editor: { sub: 'editor-li', name: '李编辑', roles: ['editor'] },
  factChecker: { sub: 'checker-wang', name: '王核查', roles: ['fact_checker'] },
  standardsEditor: { sub: 'standards-zhang', name: '张标准', roles: ['standards_editor'] },
  otherStandardsEditor: { sub: 'standards-zhao', name: '赵标准', roles: ['standards_editor'] },
  auditor: { sub: 'auditor-chen', name: '陈审计', roles: ['auditor'] },
} satisfies Record<string, Actor>;

/** A clock that starts on the morning of 8 March 2024 and moves one second per reading. */
export function steppingClock(start = Date.parse('2024-03-08T02:29:15.000Z')): Clock {
  let next = start;
  return {
    now: () => {
      const now = new Date(next);
      next += 1000;
      return now;
    },
  };
}

/** What an HTTP request would give a command: the actor from its token and a request id. */
export function requestBy(actor: Actor, extra: Partial<CommandContext> = {}): CommandContext {
  const requestId = randomUUID();
  return { actor, correlationId: requestId, causationId: requestId, ...extra };
}

export interface EditorialApp {
  app: INestApplicationContext;
  commands: CommandBus;
  store: EventStore;
  processManagers: ProcessManagers | undefined;
  /**
   * Waits until the process managers (and the projector, with read models) have handled
   * everything in the log, including what the process managers appended.
   */
  settle(): Promise<void>;
  events(streamId: string): Promise<StoredEvent[]>;
  close(): Promise<void>;
}

/**
 * The real application core (command bus, handlers, process managers) on a data folder, with the
 * run's event store (./event-log): SQLite in the folder, or the folder's own EventStoreDB log.
 */
export async function startEditorial(
  dataDir: string,
  options: {
    processManagers?: boolean;
    clock?: Clock;
    readModels?: boolean;
    /** A replica of its own beside another on the same log: its own process-manager state. */
    processStateFile?: string;
    /** More configuration, e.g. EVENT_STORE and EVENTSTORE_CONNECTION_STRING. */
    env?: Record<string, string>;
  } = {},
): Promise<EditorialApp> {
  const config = loadConfig({
    DATA_DIR: dataDir,
    SEED_CORPUS: 'false',
    ...(await storeEnvFor(dataDir, options.env)),
    ...options.env,
  });
  const processManagers = options.processManagers ?? true;

  @Module({
    imports: [
      PlatformModule.forRoot(config, { clock: options.clock ?? steppingClock() }),
      EditorialModule.forRoot({ processManagers, processStateFile: options.processStateFile }),
      ...(options.readModels ? [ReadModelsModule.forRoot({ projector: true })] : []),
    ],
  })
  class EditorialTestModule {}

  const app = await NestFactory.createApplicationContext(EditorialTestModule, { logger: false });
  await app.init();
  const store = app.get<EventStore>(EVENT_STORE);
  const managers = processManagers ? app.get(ProcessManagers) : undefined;
  const projector = options.readModels ? app.get(Projector) : undefined;
  return {
    app,
    commands: app.get(CommandBus),
    store,
    processManagers: managers,
    async settle() {
      for (;;) {
        const head = await store.headPosition();
        if (managers && !(await managers.waitFor(head, 10_000))) {
          throw new Error('Process managers lag');
        }
        if (projector && !(await projector.waitFor(head, 10_000)))
          throw new Error('Projector lags');
        if ((await store.headPosition()) === head) return;
      }
    },
    events: (streamId) => store.readStream(streamId),
    close: () => app.close(),
  };
}

export const corpusDirectory = join(__dirname, '..', '..', 'corpus');
