import { mkdirSync, rmSync, statfsSync } from 'node:fs';
import { join } from 'node:path';
import { readCorpusSources } from './corpus';
import { type Catalog, type SpecialArticle } from './article-work';
import { Newsroom } from './newsroom';
import { NewsroomLog, type Snapshot } from './newsroom-log';

export type Phase = 'small' | 'medium' | 'large';

export interface NewsroomSizes {
  small: number;
  medium: number;
  large: number;
  /** Claims on the article whose view the HTTP scenario reads (1,000 in the issue). */
  annotatedClaims: number;
  /** Events of the article the replay scenario replays (10,000 in the issue). */
  longHistoryEvents: number;
}

export interface PhaseSnapshot extends Snapshot {
  phase: Phase;
  catalog: Catalog;
}

/**
 * One newsroom log, grown once through 10k, 100k and 1M events (smaller with --quick), with a
 * snapshot on disk at each size for the scenarios of that size. The log is written in a tmpfs
 * folder when there is room, where the build costs no fsync; else on disk, slower.
 */
export class NewsroomPhases {
  readonly newsroom: Newsroom;
  private log: NewsroomLog | undefined;
  private readonly snapshots = new Map<Phase, PhaseSnapshot>();
  private built: Phase[] = [];
  readonly buildDir: string;

  constructor(
    readonly sizes: NewsroomSizes,
    private readonly scratch: string,
    private readonly say: (message: string) => void,
  ) {
    this.newsroom = new Newsroom({ seed: 20240308, sources: readCorpusSources() });
    this.newsroom.addSpecial(
      { kind: 'annotated', claims: sizes.annotatedClaims },
      { kind: 'long_history', events: sizes.longHistoryEvents },
    );
    this.buildDir = buildFolder(scratch, sizes.large);
  }

  /** The snapshot of a size; building up to it if needed (sizes only grow). */
  async snapshot(phase: Phase): Promise<PhaseSnapshot> {
    const known = this.snapshots.get(phase);
    if (known) return known;
    const order: Phase[] = ['small', 'medium', 'large'];
    if (this.built.some((done) => order.indexOf(done) > order.indexOf(phase))) {
      throw new Error(`The newsroom already grew past its ${phase} size`);
    }
    this.log ??= new NewsroomLog(this.buildDir, this.newsroom);
    const target = this.sizes[phase];
    const specialsDone = () => this.newsroom.catalog.special.every((entry) => entry.finished);
    this.say(
      `newsroom: growing the log to ${target.toLocaleString('en')} events in ${this.buildDir}`,
    );
    const before = { ...this.log.timings };
    await this.log.growTo(target, phase === 'small' ? undefined : specialsDone);
    const dir = join(this.scratch, `newsroom-${phase}`);
    const snapshot = await this.log.snapshotTo(dir);
    const timings = this.log.timings;
    this.say(
      `newsroom: ${snapshot.events.toLocaleString('en')} events (appended in ${seconds(timings.appendMs - before.appendMs)} s, ` +
        `projected in ${seconds(timings.projectMs - before.projectMs)} s, copied in ${seconds(timings.copyMs - before.copyMs)} s)`,
    );
    const result: PhaseSnapshot = {
      ...snapshot,
      phase,
      catalog: structuredClone(this.newsroom.catalog),
    };
    this.snapshots.set(phase, result);
    this.built.push(phase);
    return result;
  }

  /** Removes a snapshot's folder once its scenarios are done. */
  release(phase: Phase): void {
    const snapshot = this.snapshots.get(phase);
    if (snapshot) rmSync(snapshot.dir, { recursive: true, force: true });
  }

  describe(): Record<string, unknown> {
    return {
      sizes: this.sizes,
      buildFolder: this.buildDir,
      buildTimingsMs: this.log?.timings,
      snapshots: Object.fromEntries(
        [...this.snapshots].map(([phase, snapshot]) => [
          phase,
          {
            events: snapshot.events,
            eventsFileMiB: mib(snapshot.eventsFileBytes),
            readModelsFileMiB: mib(snapshot.readModelsFileBytes),
            articles: snapshot.catalog.articlesStarted,
            eventsByType: snapshot.catalog.eventsByType,
            special: snapshot.catalog.special,
          },
        ]),
      ),
    };
  }

  async close(): Promise<void> {
    await this.log?.close();
    rmSync(this.buildDir, { recursive: true, force: true });
  }
}

/** A tmpfs folder with room for the largest log and its read models, else the disk scratch. */
function buildFolder(scratch: string, largestLog: number): string {
  const needed = largestLog * 4 * 1024; // about 1.3 kB of log and 2.4 kB of read models per event
  try {
    const { bavail, bsize } = statfsSync('/dev/shm');
    if (bavail * bsize > needed * 1.5) {
      const dir = join('/dev/shm', `marginalia-bench-${process.pid}`);
      mkdirSync(dir, { recursive: true });
      return dir;
    }
  } catch {
    // No /dev/shm here.
  }
  return join(scratch, 'newsroom-build');
}

function seconds(ms: number): string {
  return (ms / 1000).toFixed(1);
}

function mib(bytes: number): number {
  return Math.round(bytes / 2 ** 20);
}

export type { SpecialArticle };
