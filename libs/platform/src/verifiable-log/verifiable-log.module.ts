import {
  Global,
  Inject,
  Injectable,
  Logger,
  Module,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
  type Provider,
} from '@nestjs/common';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { type MarginaliaConfig } from '@marginalia/config';
import {
  auditStoredLog,
  Checkpointer,
  EVENT_STORE,
  type EventStore,
  LOG_TREE_FILE,
  LogTree,
  TreeFile,
} from '@marginalia/event-store';
import { type LogAuditReport, parseVerifierKey } from '@marginalia/verifiable-log';
import { CLOCK, type Clock } from '../time-and-ids/clock';
import { MARGINALIA_CONFIG } from '../configuration/config.provider';
import { loadLogSigningKey } from './log-signing-key';

/**
 * Follows the log into the tree from start to shutdown, issues a checkpoint at start when none
 * covers the tree, then on the cadence of CHECKPOINT_INTERVAL_MS and CHECKPOINT_EVERY_EVENTS.
 */
@Injectable()
class LogFollower implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('VerifiableLog');
  private readonly stopping = new AbortController();
  private running: Promise<void> | undefined;

  constructor(
    private readonly tree: LogTree,
    private readonly checkpointer: Checkpointer,
    @Inject(MARGINALIA_CONFIG) private readonly config: MarginaliaConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const why = await this.tree.reconcile();
    if (why) this.logger.warn(`Rebuilding the log's tree from the log: ${why}`);
    const { signal } = this.stopping;
    this.running = this.tree.follow(signal).catch((error: unknown) => {
      if (!signal.aborted) this.logger.error(`The log's tree stopped following: ${String(error)}`);
    });
    // A tree that is up to date (every start but the first with a large log) gets its start
    // checkpoint before the server listens; a long first build goes on in the background.
    const ready = this.startCheckpoints(signal);
    await Promise.race([ready, new Promise((resolve) => setTimeout(resolve, 2000).unref())]);
  }

  private async startCheckpoints(signal: AbortSignal): Promise<void> {
    try {
      if (!(await this.tree.waitForHead(24 * 3600_000)) || signal.aborted) return;
      const issued = this.checkpointer.issueIfBehind();
      if (issued) this.logger.log(`Checkpoint issued at start: ${issued.treeSize} leaves`);
      this.checkpointer.start({
        intervalMs: this.config.log.checkpointIntervalMs,
        everyEvents: this.config.log.checkpointEveryEvents,
      });
    } catch (error) {
      this.logger.error(`No checkpoint at start: ${String(error)}`);
    }
  }

  async onApplicationShutdown(): Promise<void> {
    this.checkpointer.stop();
    this.stopping.abort();
    await this.running;
    this.tree.file.close();
  }
}

/** The `log` part of the integrity report (SPEC §9). */
@Injectable()
export class LogIntegrity {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly tree: LogTree,
    private readonly checkpointer: Checkpointer,
    @Inject(MARGINALIA_CONFIG) private readonly config: MarginaliaConfig,
  ) {}

  async check(): Promise<LogAuditReport> {
    const issued = this.tree.file.allCheckpoints();
    return auditStoredLog(this.store, {
      verifiers: [parseVerifierKey(this.checkpointer.verifierKey)],
      checkpoints: issued.map(({ note }) => ({ note, source: 'issued' as const })),
      densePositions: this.config.eventStore === 'sqlite',
      // The log's name is the one its first checkpoint gave it, not this program's LOG_ORIGIN:
      // a CLI run with another PORT (whose default origin follows it) checks the same log.
      treeFile: this.tree.file,
    });
  }
}

const PROVIDERS: Provider[] = [
  {
    provide: LogTree,
    inject: [MARGINALIA_CONFIG, EVENT_STORE],
    useFactory: (config: MarginaliaConfig, store: EventStore) => {
      mkdirSync(config.dataDir, { recursive: true });
      return new LogTree(store, new TreeFile(join(config.dataDir, LOG_TREE_FILE)));
    },
  },
  {
    provide: Checkpointer,
    inject: [MARGINALIA_CONFIG, LogTree, CLOCK],
    useFactory: (config: MarginaliaConfig, tree: LogTree, clock: Clock) => {
      const logger = new Logger('VerifiableLog');
      return new Checkpointer(
        tree,
        loadLogSigningKey(config).signer,
        config.log.origin,
        () => clock.now(),
        (error) => logger.error(`No checkpoint issued: ${error.message}`),
      );
    },
  },
  LogIntegrity,
];

/**
 * The log's tree, its checkpointer and the log part of the integrity report, for every program
 * (PlatformModule imports it): a program reads them, the server also follows (LogFollowingModule).
 */
@Global()
@Module({ providers: PROVIDERS, exports: [LogTree, Checkpointer, LogIntegrity] })
export class VerifiableLogModule {}

/** The server's part: keep the tree up with the log and issue checkpoints on the cadence. */
@Module({ providers: [LogFollower] })
export class LogFollowingModule {}
