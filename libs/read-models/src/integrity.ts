import { Inject, Injectable } from '@nestjs/common';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EVENT_STORE, type EventStore, verifyHashChains } from '@marginalia/event-store';
import { LogIntegrity } from '@marginalia/platform';
import type { LogProblem } from '@marginalia/verifiable-log';
import { catchUp } from './catch-up';
import { compareReadModels, type ReadModelDifference } from './compare-read-models';
import { READ_MODEL_DATABASE } from './projector';
import { ReadModelDatabase } from './read-model-database';

/** The integrity report of SPEC §8. */
export interface IntegrityReport {
  ok: boolean;
  streams: number;
  events: number;
  chains: {
    ok: boolean;
    broken: Array<{ streamId: string; revision: number; reason: string; detail: string }>;
  };
  readModels: {
    ok: boolean;
    /** The log position both the read models and the replay reflect. */
    position: number;
    differences: ReadModelDifference[];
  };
  /** The verifiable log (SPEC §9): the tree rebuilt from the log against every checkpoint. */
  log: {
    ok: boolean;
    treeSize: number;
    rootHash: string;
    checkpoints: number;
    problems: LogProblem[];
  };
}

/**
 * Checks the log and everything derived from it: every stream's hash chain, every read model
 * against a fresh replay of the log, up to the same position, into a temporary database, and the
 * log's Merkle tree rebuilt from the stored events against every checkpoint issued.
 */
@Injectable()
export class Integrity {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(READ_MODEL_DATABASE) private readonly database: ReadModelDatabase,
    private readonly logIntegrity: LogIntegrity,
  ) {}

  async check(): Promise<IntegrityReport> {
    const chains = await verifyHashChains(this.store);
    const { position, differences } = await this.compareWithReplay();
    const log = await this.logIntegrity.check();
    const broken = chains.broken.map(({ streamId, revision, reason, detail }) => ({
      streamId,
      revision,
      reason,
      detail,
    }));
    return {
      ok: chains.ok && differences.length === 0 && log.ok,
      streams: chains.streams,
      events: chains.events,
      chains: { ok: chains.ok, broken },
      readModels: { ok: differences.length === 0, position, differences },
      log,
    };
  }

  private async compareWithReplay(): Promise<{
    position: number;
    differences: ReadModelDifference[];
  }> {
    const dir = mkdtempSync(join(tmpdir(), 'marginalia-integrity-'));
    const fresh = new ReadModelDatabase(join(dir, 'replay.db'));
    try {
      for (;;) {
        const position = this.database.checkpoint();
        await catchUp(this.store, fresh, { until: position });
        // Compared in one synchronous read: the projector cannot move the read models meanwhile.
        const compared = this.database.snapshot(() =>
          this.database.checkpoint() === position
            ? compareReadModels(this.database.db, fresh.db)
            : undefined,
        );
        if (compared) return { position, differences: compared };
      }
    } finally {
      fresh.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }
}
