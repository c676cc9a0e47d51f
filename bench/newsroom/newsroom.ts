/*
 * The synthetic newsroom: corpus articles cloned with variations, claims on real spans taken
 * through their workflow, corrections that make new revisions. Every step is a command sent
 * through the editorial library's command bus, as the HTTP controllers send it; the process
 * managers of the same application publish approved corrections and move annotations to new
 * revisions from the stored log. The bench decides what the newsroom does next, never what the
 * application makes of it.
 */
import { ImportArticleCommand } from '@marginalia/editorial';
import { Random } from '../anchoring/random';
import { type Editorial } from '../support/editorial';
import { ArticleWork, type Catalog, type SpecialArticle } from './article-work';
import { cloneCapture, type CorpusSource } from './corpus';
import { Desk } from './desk';
import { NewsroomClock } from './newsroom-clock';
import { staff } from './people';

export interface NewsroomOptions {
  seed: number;
  sources: CorpusSource[];
  /** Articles being worked on at once; their commands interleave in the log. */
  window?: number;
}

export class Newsroom {
  readonly catalog: Catalog = {
    firstArticleId: undefined,
    articles: [],
    special: [],
    claimsByStatus: {},
    articlesStarted: 0,
    events: 0,
    eventsByType: {},
  };

  /** The application's clock and ids while it writes the newsroom. */
  readonly clock: NewsroomClock;
  private readonly random: Random;
  private readonly desk: Desk;
  private readonly pendingSpecial: SpecialArticle[] = [];
  private readonly window: number;

  constructor(private readonly options: NewsroomOptions) {
    this.random = new Random(options.seed);
    this.clock = new NewsroomClock(options.seed);
    this.desk = new Desk(this.random, this.clock, this.catalog);
    this.window = options.window ?? 8;
  }

  /** The next articles started will be these, in order. */
  addSpecial(...articles: SpecialArticle[]): void {
    this.pendingSpecial.push(...articles);
  }

  /**
   * The newsroom at work on the application `editorial` gives (the same one throughout, or one
   * reopened on the same files), without end, step by step: a step is one command, with the
   * process managers' work that follows from it done before the next.
   */
  async *steps(editorial: () => Editorial): AsyncGenerator<void> {
    const active: Array<{ life: AsyncIterator<unknown>; weight: number }> = [];
    for (;;) {
      while (active.length < this.window) {
        const special = this.pendingSpecial.shift();
        // Special articles are worked on faster, so they are finished early in the log.
        active.push({ life: this.life(special, editorial), weight: special ? 4 : 1 });
      }
      const total = active.reduce((sum, item) => sum + item.weight, 0);
      let roll = this.random.next() * total;
      let index = 0;
      while (index < active.length - 1 && roll >= active[index]!.weight) {
        roll -= active[index]!.weight;
        index += 1;
      }
      const next = await active[index]!.life.next();
      if (next.done) active.splice(index, 1);
      else yield;
    }
  }

  private async *life(
    special: SpecialArticle | undefined,
    editorial: () => Editorial,
  ): AsyncGenerator<unknown> {
    const number = ++this.catalog.articlesStarted;
    const source = this.random.pick(this.options.sources);
    const publishedAt = this.clock.recorded().toISOString();
    const capture = cloneCapture(source, number, publishedAt, this.random);
    const entry = special && {
      kind: special.kind,
      articleId: '',
      finished: false,
      events: 0,
      claims: 0,
    };
    const work = new ArticleWork(editorial, this.catalog, special, entry);
    const editor = this.random.pick(staff.editors);
    const { articleId } = await work.send<{ articleId: string }>(
      new ImportArticleCommand({ ...capture, externalId: null }, this.desk.request(editor)),
    );
    if (entry) this.catalog.special.push(Object.assign(entry, { articleId }));
    else this.catalog.firstArticleId ??= articleId;
    yield;

    const threads: Array<AsyncIterator<unknown>> = [];
    let claimsPlanned = 0;
    const claimTarget =
      special?.kind === 'annotated' ? special.claims : special ? Infinity : this.random.int(0, 24);
    const addClaims = () => {
      while (claimsPlanned < claimTarget) {
        if (special?.kind === 'long_history') {
          const inFlight = threads.length;
          if (work.events + inFlight * 5 >= special.events || inFlight >= 30) return;
        }
        claimsPlanned += 1;
        threads.push(this.desk.claimThread(work));
        if (special?.kind !== 'long_history' && threads.length >= 40) return;
      }
    };
    addClaims();
    if (!special || special.kind === 'long_history') {
      const corrections = special
        ? 1
        : this.random.chance(0.18)
          ? this.random.chance(0.2)
            ? 2
            : 1
          : 0;
      // The long history's correction is approved: its revision moves the article's claims.
      for (let c = 0; c < corrections; c += 1) {
        threads.push(this.desk.correctionThread(work, special?.kind === 'long_history'));
      }
      if (!special && this.random.chance(0.02))
        threads.push(this.desk.reimportThread(work, capture.content));
    }

    while (threads.length > 0) {
      const index = this.random.int(0, threads.length - 1);
      const step = await threads[index]!.next();
      if (step.done) {
        threads.splice(index, 1);
        addClaims();
        continue;
      }
      yield;
      addClaims();
    }

    if (entry) {
      entry.finished = true;
      entry.events = work.events;
      entry.claims = claimsPlanned;
    } else if (this.catalog.articles.length < 200) {
      const { revision, text } = work.current();
      this.catalog.articles.push({ articleId, revision, text: text.text });
    }
  }
}
