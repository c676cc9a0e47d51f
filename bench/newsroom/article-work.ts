import { RevisionText } from '@marginalia/anchoring';
import {
  type Article,
  articleDecider,
  type Claim,
  claimDecider,
  type Correction,
  correctionDecider,
  currentRevision,
  parseStreamId,
} from '@marginalia/domain';
import { type CommandResult } from '@marginalia/editorial';
import { type StoredEvent } from '@marginalia/event-store';
import { type Editorial } from '../support/editorial';

/** Articles with a job in the scenarios, beside the ordinary ones. */
export type SpecialArticle =
  { kind: 'annotated'; claims: number } | { kind: 'long_history'; events: number };

/** What the scenarios need to know about the newsroom written so far. */
export interface Catalog {
  /** The first ordinary article: the growth scenario's view. */
  firstArticleId: string | undefined;
  /** Ordinary articles, finished, with their current text: targets for new claims. */
  articles: Array<{ articleId: string; revision: number; text: string }>;
  special: Array<{
    kind: SpecialArticle['kind'];
    articleId: string;
    finished: boolean;
    events: number;
    claims: number;
  }>;
  /** A sample of claim ids by the status their workflow left them in. */
  claimsByStatus: Record<string, string[]>;
  articlesStarted: number;
  /** Every event in the log, the process managers' included. */
  events: number;
  eventsByType: Record<string, number>;
}

/** How long the process managers may take over one step's follow-on work. */
const FOLLOW_ON_TIMEOUT_MS = 10 * 60_000;

/**
 * An article being worked on, through the application: the commands go over its command bus,
 * and what they leave (the article, its claims and corrections) is kept from their results, so
 * the newsroom decides its next step as an editor would, on what it sees.
 */
export class ArticleWork {
  private article: Article | undefined;
  /** By claim id, and by correction id. */
  readonly claims = new Map<string, Claim>();
  readonly corrections = new Map<string, Correction>();
  private readonly texts = new Map<number, RevisionText>();
  events = 0;

  constructor(
    private readonly editorial: () => Editorial,
    private readonly catalog: Catalog,
    readonly special: SpecialArticle | undefined,
    readonly catalogEntry: Catalog['special'][number] | undefined,
  ) {}

  get state(): Article {
    if (!this.article) throw new Error('The article is not imported yet');
    return this.article;
  }

  /** The current revision, its text indexed once. */
  current(): { revision: number; text: RevisionText } {
    const { revision, text } = currentRevision(this.state);
    let indexed = this.texts.get(revision);
    if (!indexed) {
      indexed = RevisionText.of(text);
      this.texts.set(revision, indexed);
    }
    return { revision, text: indexed };
  }

  /** One command through the command bus; the state it leaves is kept and returned. */
  async send<State>(command: object): Promise<State> {
    const result: CommandResult<State> = await this.editorial().commands.execute(command);
    this.count(result.events);
    this.keep(result.streamId, result.state);
    return result.state;
  }

  /**
   * A command the process managers follow up (an approval: the publication; a revision: every
   * open annotation follows it). Waits until they have handled the whole log, their own events
   * included, so a log cut between steps leaves them nothing to do; then counts the step's events
   * and reads again every stream it changed.
   */
  async sendAndFollow(command: object): Promise<void> {
    const { commands, store, processManagers } = this.editorial();
    const before = await store.headPosition();
    await commands.execute(command);
    let head = await store.headPosition();
    for (;;) {
      if (!(await processManagers.waitFor(head, FOLLOW_ON_TIMEOUT_MS))) {
        throw new Error(`The process managers did not reach ${head} in time`);
      }
      const now = await store.headPosition();
      if (now === head) break;
      head = now;
    }
    const events = await store.readAll({ after: before, maxCount: head - before });
    this.count(events);
    for (const streamId of new Set(events.map((event) => event.streamId))) {
      await this.reload(streamId);
    }
  }

  private async reload(streamId: string): Promise<void> {
    const { aggregates } = this.editorial();
    const category = parseStreamId(streamId)?.category;
    if (category === 'article') {
      this.keep(streamId, (await aggregates.load(articleDecider, streamId)).state);
    } else if (category === 'claim') {
      this.keep(streamId, (await aggregates.load(claimDecider(), streamId)).state);
    } else if (category === 'correction') {
      this.keep(streamId, (await aggregates.load(correctionDecider, streamId)).state);
    }
  }

  private keep(streamId: string, state: unknown): void {
    const stream = parseStreamId(streamId);
    if (!stream || !state) return;
    if (stream.category === 'article') this.article = state as Article;
    if (stream.category === 'claim') this.claims.set(stream.id, state as Claim);
    if (stream.category === 'correction') this.corrections.set(stream.id, state as Correction);
  }

  private count(events: ReadonlyArray<Pick<StoredEvent, 'type'>>): void {
    this.events += events.length;
    this.catalog.events += events.length;
    for (const { type } of events) {
      this.catalog.eventsByType[type] = (this.catalog.eventsByType[type] ?? 0) + 1;
    }
    if (this.catalogEntry) this.catalogEntry.events = this.events;
  }
}
