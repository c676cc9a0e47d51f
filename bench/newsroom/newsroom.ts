/*
 * The synthetic newsroom: corpus articles cloned with variations, claims on real spans taken
 * through their workflow, corrections that make new revisions, and the process managers'
 * follow-on work (publication, re-anchoring), all decided by the real deciders of libs/domain
 * on folded state and wrapped in the metadata AggregateStore gives them. Nothing is written
 * here: it yields the appends, in log order, for a store to take.
 */
import { anchorAt, resolveSelector, RevisionText } from '@marginalia/anchoring';
import {
  type Actor,
  type Anchor,
  type Article,
  type ArticleEvent,
  type ArticleState,
  type ClaimCommand,
  type ClaimState,
  claimStatus,
  type CorrectionCommand,
  type CorrectionKind,
  type CorrectionState,
  currentRevision,
  decideArticle,
  decideClaim,
  decideCorrection,
  type DomainEvent,
  EVENT_SCHEMA_VERSIONS,
  evolveArticle,
  evolveClaim,
  evolveCorrection,
  streams,
  SYSTEM_ACTOR,
  type VerdictSource,
} from '@marginalia/domain';
import { articleIdFor, eventMetadata } from '@marginalia/editorial';
import {
  createEventIdGenerator,
  type EventToAppend,
  type JsonObject,
} from '@marginalia/event-store';
import { derivedEventId } from '@marginalia/platform';
import { AnchorFollower } from '../../libs/editorial/src/shared/following';
import { Random } from '../anchoring/random';
import { cloneCapture, type CorpusSource } from './corpus';
import { claimants, ratings, staff, topics } from './people';

/** One append, as a command handler or a process manager would make it. */
export interface PlannedAppend {
  streamId: string;
  expectedRevision: number | 'no_stream';
  events: EventToAppend[];
  /** The newsroom's clock at this append, in milliseconds: the store records it. */
  at: number;
}

export interface NewsroomOptions {
  seed: number;
  sources: CorpusSource[];
  /** Articles being worked on at once; their appends interleave in the log. */
  window?: number;
}

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
  events: number;
  eventsByType: Record<string, number>;
}

interface Aggregate<State> {
  streamId: string;
  /** The stream's revision; undefined until its first append. */
  revision: number | undefined;
  state: State;
}

interface Context {
  actor: Actor;
  correlationId: string;
  causationId: string;
  reason?: string;
  eventIdFor?: (index: number) => string;
}

/** An article being worked on: its aggregates, and its texts indexed once per revision. */
class ArticleWork {
  readonly claims = new Map<string, Aggregate<ClaimState>>();
  readonly corrections = new Map<string, Aggregate<CorrectionState>>();
  private readonly texts = new Map<number, RevisionText>();
  events = 0;

  constructor(
    readonly article: Aggregate<ArticleState>,
    readonly special: SpecialArticle | undefined,
    readonly catalogEntry: Catalog['special'][number] | undefined,
  ) {}

  get state(): Article {
    const state = this.article.state;
    if (!state) throw new Error(`Article ${this.article.streamId} is not imported`);
    return state;
  }

  current(): { revision: number; text: RevisionText } {
    const { revision, text } = currentRevision(this.state);
    let indexed = this.texts.get(revision);
    if (!indexed) {
      indexed = RevisionText.of(text);
      this.texts.set(revision, indexed);
    }
    return { revision, text: indexed };
  }

  /** Every annotation stream, in the order the process managers list them (by stream id). */
  annotationStreams(): string[] {
    return [...this.claims.keys(), ...this.corrections.keys()].sort();
  }
}

const MINUTE = 60_000;

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

  private readonly random: Random;
  private readonly newId: () => string;
  private readonly requestId: () => string;
  private now = Date.parse('2024-01-02T01:00:00.000Z');
  private readonly pendingSpecial: SpecialArticle[] = [];
  private readonly window: number;

  constructor(private readonly options: NewsroomOptions) {
    this.random = new Random(options.seed);
    const idRandom = new Random(options.seed ^ 0x5bd1e995);
    const fill = (bytes: Uint8Array) => {
      for (let index = 0; index < bytes.length; index += 4) {
        const value = Math.floor(idRandom.next() * 2 ** 32);
        bytes[index] = value & 0xff;
        bytes[index + 1] = (value >>> 8) & 0xff;
        bytes[index + 2] = (value >>> 16) & 0xff;
        bytes[index + 3] = (value >>> 24) & 0xff;
      }
      return bytes;
    };
    // Time-ordered ids on the newsroom's clock, as the platform's generator makes them.
    this.newId = createEventIdGenerator(() => this.now, fill);
    this.requestId = createEventIdGenerator(() => this.now, fill);
    this.window = options.window ?? 8;
  }

  /** The next articles started will be these, in order. */
  addSpecial(...articles: SpecialArticle[]): void {
    this.pendingSpecial.push(...articles);
  }

  /**
   * Every append of the newsroom, in log order, without end, step by step: a step is a command's
   * append with the process managers' appends that follow from it, so a log cut between steps
   * leaves them nothing to do.
   */
  *steps(): Generator<PlannedAppend[]> {
    const active: Array<{ life: Iterator<PlannedAppend[]>; weight: number }> = [];
    for (;;) {
      while (active.length < this.window) {
        const special = this.pendingSpecial.shift();
        // Special articles are worked on faster, so they are finished early in the log.
        active.push({ life: this.life(special), weight: special ? 4 : 1 });
      }
      const total = active.reduce((sum, item) => sum + item.weight, 0);
      let roll = this.random.next() * total;
      let index = 0;
      while (index < active.length - 1 && roll >= active[index]!.weight) {
        roll -= active[index]!.weight;
        index += 1;
      }
      const next = active[index]!.life.next();
      if (next.done) active.splice(index, 1);
      else yield next.value;
    }
  }

  // ---------------------------------------------------------------- an article's life

  private *life(special: SpecialArticle | undefined): Generator<PlannedAppend[]> {
    const number = ++this.catalog.articlesStarted;
    const source = this.random.pick(this.options.sources);
    const capture = cloneCapture(source, number, new Date(this.now).toISOString(), this.random);
    const articleId = articleIdFor({ source: capture.source, externalId: null })!;
    const entry = special && {
      kind: special.kind,
      articleId,
      finished: false,
      events: 0,
      claims: 0,
    };
    if (entry) this.catalog.special.push(entry);
    else this.catalog.firstArticleId ??= articleId;
    const work = new ArticleWork(
      { streamId: streams.article(articleId), revision: undefined, state: null },
      special,
      entry,
    );

    const editor = this.random.pick(staff.editors);
    yield this.onArticle(
      work,
      decideArticle(
        { type: 'ImportArticle', articleId, ...capture, externalId: null, actor: editor },
        null,
      ),
      this.request(editor),
    );

    const threads: Array<Iterator<PlannedAppend[]>> = [];
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
        threads.push(this.claimThread(work));
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
        threads.push(this.correctionThread(work, special?.kind === 'long_history'));
      }
      if (!special && this.random.chance(0.02))
        threads.push(this.reimportThread(work, capture.content));
    }

    while (threads.length > 0) {
      const index = this.random.int(0, threads.length - 1);
      const step = threads[index]!.next();
      if (step.done) {
        threads.splice(index, 1);
        addClaims();
        continue;
      }
      yield step.value;
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

  // ---------------------------------------------------------------- claims

  private *claimThread(work: ArticleWork): Generator<PlannedAppend[]> {
    const random = this.random;
    const capturer = random.chance(0.5)
      ? random.pick(staff.editors)
      : random.pick(staff.factCheckers);
    const { revision, text } = work.current();
    const anchor = pickSpan(text, revision, 'claim', this.random);
    const claimId = this.newId();
    const claim: Aggregate<ClaimState> = {
      streamId: streams.claim(claimId),
      revision: undefined,
      state: null,
    };
    work.claims.set(claim.streamId, claim);
    const exactStatement = random.chance(0.5);
    yield this.onClaim(work, claim, {
      type: 'CaptureClaim',
      claimId,
      articleId: work.state.articleId,
      anchor,
      statement: exactStatement ? null : `${random.pick(claimants)}称${anchor.exact}`,
      claimant: random.chance(0.6) ? random.pick(claimants) : null,
      topics: random.chance(0.7) ? [random.pick(topics)] : [],
      followedTo: null,
      actor: capturer,
    });

    if (random.chance(0.1)) {
      const editor = random.pick(staff.editors);
      const statement = `${claim.state!.statement}（经编辑核对）`;
      yield this.onClaim(work, claim, { type: 'EditClaim', claimId, statement, actor: editor });
    }
    const mayWithdraw = work.special?.kind !== 'annotated';
    if (mayWithdraw && random.chance(0.04)) {
      yield this.withdraw(work, claim);
      return this.record(claim);
    }
    if (!random.chance(0.85)) return this.record(claim);
    const checker = random.pick(staff.factCheckers);
    const assigner = random.chance(0.6) ? random.pick(staff.editors) : checker;
    yield this.onClaim(work, claim, {
      type: 'AssignClaim',
      claimId,
      assignee: checker.sub,
      actor: assigner,
    });
    if (!random.chance(0.88)) return this.record(claim);
    yield this.draft(work, claim, checker);
    if (!random.chance(0.9)) return this.record(claim);
    yield this.onClaim(work, claim, { type: 'SubmitVerdict', claimId, actor: checker });
    const reviewer = random.pick(staff.standardsEditors);
    if (random.chance(0.1)) {
      yield this.onClaim(
        work,
        claim,
        {
          type: 'RejectVerdict',
          claimId,
          reason: '来源不足，请补充官方统计数据。',
          actor: reviewer,
        },
        '来源不足，请补充官方统计数据。',
      );
      yield this.draft(work, claim, checker);
      yield this.onClaim(work, claim, { type: 'SubmitVerdict', claimId, actor: checker });
    }
    if (!random.chance(0.85)) return this.record(claim);
    yield this.onClaim(work, claim, { type: 'ApproveVerdict', claimId, actor: reviewer });
    if (random.chance(0.04)) {
      yield this.draft(work, claim, checker);
      yield this.onClaim(work, claim, { type: 'SubmitVerdict', claimId, actor: checker });
      yield this.onClaim(work, claim, { type: 'ApproveVerdict', claimId, actor: reviewer });
    }
    if (random.chance(0.02)) {
      const reason = '出现新的官方数据，原结论不再成立。';
      yield this.onClaim(
        work,
        claim,
        { type: 'RetractVerdict', claimId, reason, actor: reviewer },
        reason,
      );
    }
    return this.record(claim);
  }

  private draft(work: ArticleWork, claim: Aggregate<ClaimState>, checker: Actor): PlannedAppend[] {
    const random = this.random;
    const [rating] = this.pickRating();
    const state = claim.state!;
    const sources: VerdictSource[] = Array.from({ length: random.int(1, 3) }, (_, index) => ({
      url: `https://tjj.shanxi.gov.cn/tjsj/tjgb/${2020 + index}/${random.int(1000, 9999)}.shtml`,
      title: `山西省${2020 + index}年国民经济和社会发展统计公报`,
      ...(random.chance(0.5) ? { quote: state.anchor.exact.slice(0, 40) } : {}),
      accessedAt: new Date(this.now).toISOString().slice(0, 10),
    }));
    return this.onClaim(work, claim, {
      type: 'DraftVerdict',
      claimId: state.claimId,
      rating,
      summary: `${state.claimant ?? '报道'}称“${state.anchor.exact.slice(0, 60)}”。经核查统计公报，评级为${rating}。`,
      rationale: random.chance(0.6)
        ? `核查员比对了${sources.length}份官方资料，数据口径与原文${rating === 'true' ? '一致' : '存在差异'}。`
        : null,
      sources,
      actor: checker,
    });
  }

  private withdraw(work: ArticleWork, claim: Aggregate<ClaimState>): PlannedAppend[] {
    const reason = '与已有说法重复，撤回。';
    const actor = this.random.pick(staff.editors);
    const claimId = claim.state!.claimId;
    return this.onClaim(work, claim, { type: 'WithdrawClaim', claimId, reason, actor }, reason);
  }

  private record(claim: Aggregate<ClaimState>): void {
    const state = claim.state!;
    const status = claimStatus(state);
    const sample = (this.catalog.claimsByStatus[status] ??= []);
    if (sample.length < 50) sample.push(state.claimId);
  }

  private pickRating(): readonly [string, number] {
    let roll = this.random.next();
    for (const entry of ratings) {
      if (roll < entry[1]) return entry;
      roll -= entry[1];
    }
    return ratings[0];
  }

  // ---------------------------------------------------------------- corrections

  /** A correction's life; `certain` makes it a correction of a figure that is approved. */
  private *correctionThread(work: ArticleWork, certain = false): Generator<PlannedAppend[]> {
    const random = this.random;
    const roll = certain ? 0 : random.next();
    const kind: CorrectionKind =
      roll < 0.6
        ? 'correction'
        : roll < 0.7
          ? 'update'
          : roll < 0.85
            ? 'clarification'
            : 'editors_note';
    const { revision, text } = work.current();
    const anchor =
      kind === 'editors_note' ? null : pickSpan(text, revision, 'correction', this.random);
    const replacement =
      anchor === null || kind === 'clarification'
        ? null
        : random.chance(0.05)
          ? ''
          : replacementFor(anchor.exact, kind, random);
    const correctionId = this.newId();
    const correction: Aggregate<CorrectionState> = {
      streamId: streams.correction(correctionId),
      revision: undefined,
      state: null,
    };
    work.corrections.set(correction.streamId, correction);
    const claims = [...work.claims.values()];
    const proposer = random.pick(staff.editors);
    yield this.onCorrection(work, correction, {
      type: 'ProposeCorrection',
      correctionId,
      articleId: work.state.articleId,
      anchor,
      kind,
      replacement,
      notice: noticeFor(kind, anchor?.exact),
      claimId: claims.length > 0 && random.chance(0.3) ? random.pick(claims).state!.claimId : null,
      followedTo: null,
      actor: proposer,
    });

    const outcome = certain ? 1 : random.next();
    if (outcome < 0.1 || correction.state?.anchor?.state === 'orphaned') {
      const reason = '改由后续报道说明。';
      const actor = random.pick(staff.editors);
      yield this.onCorrection(
        work,
        correction,
        { type: 'WithdrawCorrection', correctionId, reason, actor },
        reason,
      );
      return;
    }
    const reviewer = random.pick(staff.standardsEditors);
    if (outcome < 0.25) {
      const reason = '原文表述无误，无需更正。';
      yield this.onCorrection(
        work,
        correction,
        { type: 'RejectCorrection', correctionId, reason, actor: reviewer },
        reason,
      );
      return;
    }
    const approved = this.onCorrection(work, correction, {
      type: 'ApproveCorrection',
      correctionId,
      articleRevision: work.current().revision,
      actor: reviewer,
    });
    // The process managers publish it at once: the approval and its publication are one step.
    yield [...approved, ...this.publish(work, correction, approved[0]!.events[0]!)];
  }

  /** PublishApprovedCorrectionHandler's work, caused by CorrectionApproved, then the follow-up. */
  private publish(
    work: ArticleWork,
    correction: Aggregate<CorrectionState>,
    trigger: EventToAppend,
  ): PlannedAppend[] {
    const context = this.causedBy(trigger);
    const state = correction.state!;
    const purpose = (name: string) => this.forPurpose(context, `${name}:${state.correctionId}`);
    const appends: PlannedAppend[] = [];
    let published: { revision: number; anchor: Anchor | null };
    if (state.replacement === null) {
      published = { revision: work.current().revision, anchor: state.anchor };
    } else {
      const anchor = state.anchor!;
      const revised = this.onArticle(
        work,
        decideArticle(
          {
            type: 'ApplyCorrection',
            articleId: work.state.articleId,
            correction: {
              correctionId: state.correctionId,
              kind: state.kind,
              anchor,
              replacement: state.replacement,
              notice: state.notice,
            },
            actor: SYSTEM_ACTOR,
          },
          work.article.state,
        ),
        purpose('apply'),
      );
      appends.push(...revised);
      const produced = work.current();
      if (state.replacement === '') {
        published = { revision: produced.revision, anchor: null };
      } else {
        const end = anchor.start + RevisionText.of(state.replacement).length;
        const covering = anchorAt(produced.text, anchor.start, end);
        published = {
          revision: produced.revision,
          anchor: { ...covering, revision: produced.revision, state: 'anchored' },
        };
      }
    }
    appends.push(
      ...this.onCorrection(
        work,
        correction,
        {
          type: 'PublishCorrection',
          correctionId: state.correctionId,
          revision: published.revision,
          anchor: published.anchor,
          actor: SYSTEM_ACTOR,
        },
        undefined,
        purpose('publish'),
      ),
    );
    const revisedEvent = appends[0]?.events[0];
    if (revisedEvent?.type === 'ArticleRevised') {
      appends.push(...this.followRevision(work, revisedEvent, correction.streamId));
    }
    return appends;
  }

  /** A re-import of the source with one more edit: a new revision the annotations follow. */
  private *reimportThread(work: ArticleWork, content: string): Generator<PlannedAppend[]> {
    const editor = this.random.pick(staff.editors);
    const revised = this.onArticle(
      work,
      decideArticle(
        {
          type: 'ReviseArticle',
          articleId: work.state.articleId,
          content: content.replace(/（本报记者/, '（本报记者 更新稿，'),
          format: null,
          reason: '来源页面已更新',
          actor: editor,
        },
        work.article.state,
      ),
      this.request(editor),
    );
    // The process managers follow at once: an approval meanwhile would be told to try again.
    yield [...revised, ...this.followRevision(work, revised[0]!.events[0]!, null)];
  }

  /** The process managers' answer to ArticleRevised: every open annotation follows it. */
  private followRevision(
    work: ArticleWork,
    trigger: EventToAppend,
    made: string | null,
  ): PlannedAppend[] {
    const context = this.causedBy(trigger);
    const toRevision = work.current().revision;
    const follower = new AnchorFollower(work.state);
    const appends: PlannedAppend[] = [];
    for (const streamId of work.annotationStreams()) {
      if (streamId === made) continue;
      const purpose = this.forPurpose(context, `follow:${streamId}:${toRevision}`);
      const claim = work.claims.get(streamId);
      if (claim) {
        const state = claim.state;
        if (!state || state.withdrawn || state.through >= toRevision) continue;
        appends.push(
          ...this.onClaim(
            work,
            claim,
            {
              type: 'ReanchorAnnotation',
              annotationId: state.claimId,
              outcome: follower.follow(state.anchor, toRevision),
              actor: SYSTEM_ACTOR,
            },
            undefined,
            purpose,
          ),
        );
        continue;
      }
      const correction = work.corrections.get(streamId)!;
      const state = correction.state;
      if (!state?.anchor || state.through >= toRevision) continue;
      appends.push(
        ...this.onCorrection(
          work,
          correction,
          {
            type: 'ReanchorAnnotation',
            annotationId: state.correctionId,
            outcome: follower.follow(state.anchor, toRevision),
            actor: SYSTEM_ACTOR,
          },
          undefined,
          purpose,
        ),
      );
    }
    return appends;
  }

  // ---------------------------------------------------------------- deciding and appending

  private onArticle(work: ArticleWork, decided: ArticleEvent[], context: Context): PlannedAppend[] {
    return this.append(work, work.article, evolveArticle, decided, context);
  }

  private onClaim(
    work: ArticleWork,
    claim: Aggregate<ClaimState>,
    command: ClaimCommand,
    reason?: string,
    context: Context = this.request(command.actor, reason),
  ): PlannedAppend[] {
    return this.append(work, claim, evolveClaim, decideClaim(command, claim.state), context);
  }

  private onCorrection(
    work: ArticleWork,
    correction: Aggregate<CorrectionState>,
    command: CorrectionCommand,
    reason?: string,
    context: Context = this.request(command.actor, reason),
  ): PlannedAppend[] {
    const decided = decideCorrection(command, correction.state);
    return this.append(work, correction, evolveCorrection, decided, context);
  }

  /** AggregateStore.execute's append: the stream's revision expected, one metadata per command. */
  private append<State, Event extends DomainEvent>(
    work: ArticleWork,
    aggregate: Aggregate<State>,
    evolve: (state: State, event: Event) => State,
    decided: Event[],
    context: Context,
  ): PlannedAppend[] {
    if (decided.length === 0) return [];
    const metadata = eventMetadata(context, new Date(this.now));
    const events = decided.map((event, index): EventToAppend => ({
      eventId: context.eventIdFor?.(index) ?? this.newId(),
      type: event.type,
      schemaVersion: EVENT_SCHEMA_VERSIONS[event.type],
      data: event.data as unknown as JsonObject,
      metadata,
    }));
    const planned: PlannedAppend = {
      streamId: aggregate.streamId,
      expectedRevision: aggregate.revision ?? 'no_stream',
      events,
      at: this.now,
    };
    aggregate.revision = (aggregate.revision ?? -1) + decided.length;
    aggregate.state = decided.reduce(evolve, aggregate.state);
    work.events += decided.length;
    this.catalog.events += decided.length;
    for (const event of decided) {
      this.catalog.eventsByType[event.type] = (this.catalog.eventsByType[event.type] ?? 0) + 1;
    }
    if (work.catalogEntry) work.catalogEntry.events = work.events;
    // The next command comes a little later: a newsroom's log spans months.
    this.now += this.random.int(1, 4) * MINUTE;
    return [planned];
  }

  /** A user's request: the actor from the token, a request id as correlation and causation. */
  private request(actor: Actor, reason?: string): Context {
    const requestId = this.requestId();
    return {
      actor,
      correlationId: requestId,
      causationId: requestId,
      ...(reason !== undefined ? { reason } : {}),
    };
  }

  /** system-context.ts's causedBy: the system, caused by a stored event. */
  private causedBy(trigger: EventToAppend): Context {
    const correlationId = trigger.metadata.correlationId;
    return {
      actor: SYSTEM_ACTOR,
      correlationId: typeof correlationId === 'string' ? correlationId : trigger.eventId,
      causationId: trigger.eventId,
    };
  }

  /** system-context.ts's forPurpose: event ids derived from the cause and the purpose. */
  private forPurpose(context: Context, purpose: string): Context {
    return {
      ...context,
      eventIdFor: (index) => derivedEventId(context.causationId, `${purpose}#${index}`),
    };
  }
}

/**
 * A span as an editor marks one, resolved as the API resolves a position selector: claims are
 * mostly clauses and sentences, corrections mostly a figure or a name. Never across a line.
 */
export function pickSpan(
  text: RevisionText,
  revision: number,
  purpose: 'claim' | 'correction',
  random: Random,
): Anchor {
  for (;;) {
    const roll = random.next();
    const length =
      purpose === 'correction'
        ? random.int(2, 12)
        : roll < 0.15
          ? random.int(4, 8)
          : roll < 0.75
            ? random.int(9, 40)
            : random.int(41, 120);
    const from = random.int(0, Math.max(0, text.length - length));
    const start = text.boundaryAtOrBefore(from);
    const end = text.boundaryAtOrAfter(start + length);
    const exact = text.slice(start, end);
    if (start >= end || /^\s|\s$|\n/u.test(exact)) continue;
    return { ...resolveSelector(text, { start, end }), revision, state: 'anchored' };
  }
}

function replacementFor(exact: string, kind: CorrectionKind, random: Random): string {
  const digit = /[0-9]/.exec(exact);
  if (digit && kind === 'correction') {
    const at = digit.index;
    return (
      exact.slice(0, at) + String((Number(exact[at]) + random.int(1, 9)) % 10) + exact.slice(at + 1)
    );
  }
  return `${exact}${kind === 'update' ? '（已更新）' : '（更正）'}`;
}

function noticeFor(kind: CorrectionKind, exact: string | undefined): string {
  switch (kind) {
    case 'correction':
      return `更正：本文“${exact ?? ''}”一处有误，现已更正。`;
    case 'update':
      return `更新：本文“${exact ?? ''}”已按最新数据更新。`;
    case 'clarification':
      return `说明：“${exact ?? ''}”指全年累计数据。`;
    case 'editors_note':
      return '编者按：本文部分数据来自地方政府发布会，仍在核实中。';
    default:
      return '说明';
  }
}
