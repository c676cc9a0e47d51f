import {
  type Actor,
  claimStatus,
  type CorrectionKind,
  type VerdictSource,
} from '@marginalia/domain';
import {
  ApproveCorrectionCommand,
  ApproveVerdictCommand,
  AssignClaimCommand,
  CaptureClaimCommand,
  type CommandContext,
  DraftVerdictCommand,
  EditClaimCommand,
  ProposeCorrectionCommand,
  RejectCorrectionCommand,
  RejectVerdictCommand,
  RetractVerdictCommand,
  ReviseArticleCommand,
  SubmitVerdictCommand,
  WithdrawClaimCommand,
  WithdrawCorrectionCommand,
} from '@marginalia/editorial';
import { type Random } from '../anchoring/random';
import { type ArticleWork, type Catalog } from './article-work';
import { type NewsroomClock } from './newsroom-clock';
import { claimants, ratings, staff, topics } from './people';
import { noticeFor, pickSpan, replacementFor } from './spans';

/**
 * The desk's work on one article, as editors, fact-checkers and standards editors send it: each
 * thread is a claim's or a correction's life, one command per step, through the command bus.
 */
export class Desk {
  constructor(
    private readonly random: Random,
    private readonly clock: NewsroomClock,
    private readonly catalog: Catalog,
  ) {}

  /** A user's request: the actor from the token, a request id as correlation and causation. */
  request(actor: Actor): CommandContext {
    const requestId = this.clock.newId();
    return { actor, correlationId: requestId, causationId: requestId };
  }

  async *claimThread(work: ArticleWork): AsyncGenerator<unknown> {
    const random = this.random;
    const capturer = random.chance(0.5)
      ? random.pick(staff.editors)
      : random.pick(staff.factCheckers);
    const { revision, text } = work.current();
    const anchor = pickSpan(text, revision, 'claim', random);
    const exactStatement = random.chance(0.5);
    const { claimId } = await work.send<{ claimId: string }>(
      new CaptureClaimCommand(
        {
          articleId: work.state.articleId,
          revision,
          selector: { start: anchor.start, end: anchor.end },
          statement: exactStatement ? null : `${random.pick(claimants)}称${anchor.exact}`,
          claimant: random.chance(0.6) ? random.pick(claimants) : null,
          topics: random.chance(0.7) ? [random.pick(topics)] : [],
        },
        this.request(capturer),
      ),
    );
    yield;
    const claim = () => work.claims.get(claimId)!;

    if (random.chance(0.1)) {
      const editor = random.pick(staff.editors);
      const statement = `${claim().statement}（经编辑核对）`;
      yield await work.send(new EditClaimCommand({ claimId, statement }, this.request(editor)));
    }
    const mayWithdraw = work.special?.kind !== 'annotated';
    if (mayWithdraw && random.chance(0.04)) {
      const reason = '与已有说法重复，撤回。';
      const editor = random.pick(staff.editors);
      yield await work.send(new WithdrawClaimCommand({ claimId, reason }, this.request(editor)));
      return this.record(claim().claimId, work);
    }
    if (!random.chance(0.85)) return this.record(claimId, work);
    const checker = random.pick(staff.factCheckers);
    const assigner = random.chance(0.6) ? random.pick(staff.editors) : checker;
    yield await work.send(
      new AssignClaimCommand({ claimId, assignee: checker.sub }, this.request(assigner)),
    );
    if (!random.chance(0.88)) return this.record(claimId, work);
    yield await this.draft(work, claimId, checker);
    if (!random.chance(0.9)) return this.record(claimId, work);
    yield await work.send(new SubmitVerdictCommand({ claimId }, this.request(checker)));
    const reviewer = random.pick(staff.standardsEditors);
    if (random.chance(0.1)) {
      const reason = '来源不足，请补充官方统计数据。';
      yield await work.send(new RejectVerdictCommand({ claimId, reason }, this.request(reviewer)));
      yield await this.draft(work, claimId, checker);
      yield await work.send(new SubmitVerdictCommand({ claimId }, this.request(checker)));
    }
    if (!random.chance(0.85)) return this.record(claimId, work);
    yield await work.send(new ApproveVerdictCommand({ claimId }, this.request(reviewer)));
    if (random.chance(0.04)) {
      yield await this.draft(work, claimId, checker);
      yield await work.send(new SubmitVerdictCommand({ claimId }, this.request(checker)));
      yield await work.send(new ApproveVerdictCommand({ claimId }, this.request(reviewer)));
    }
    if (random.chance(0.02)) {
      const reason = '出现新的官方数据，原结论不再成立。';
      yield await work.send(new RetractVerdictCommand({ claimId, reason }, this.request(reviewer)));
    }
    return this.record(claimId, work);
  }

  private async draft(work: ArticleWork, claimId: string, checker: Actor): Promise<void> {
    const random = this.random;
    const [rating] = this.pickRating();
    const state = work.claims.get(claimId)!;
    const day = this.clock.recorded().toISOString().slice(0, 10);
    const sources: VerdictSource[] = Array.from({ length: random.int(1, 3) }, (_, index) => ({
      url: `https://tjj.shanxi.gov.cn/tjsj/tjgb/${2020 + index}/${random.int(1000, 9999)}.shtml`,
      title: `山西省${2020 + index}年国民经济和社会发展统计公报`,
      ...(random.chance(0.5) ? { quote: state.anchor.exact.slice(0, 40) } : {}),
      accessedAt: day,
    }));
    const summary = `${state.claimant ?? '报道'}称“${state.anchor.exact.slice(0, 60)}”。经核查统计公报，评级为${rating}。`;
    const rationale = random.chance(0.6)
      ? `核查员比对了${sources.length}份官方资料，数据口径与原文${rating === 'true' ? '一致' : '存在差异'}。`
      : null;
    await work.send(
      new DraftVerdictCommand(
        { claimId, rating, summary, rationale, sources },
        this.request(checker),
      ),
    );
  }

  private record(claimId: string, work: ArticleWork): void {
    const status = claimStatus(work.claims.get(claimId)!);
    const sample = (this.catalog.claimsByStatus[status] ??= []);
    if (sample.length < 50) sample.push(claimId);
  }

  private pickRating(): readonly [string, number] {
    let roll = this.random.next();
    for (const entry of ratings) {
      if (roll < entry[1]) return entry;
      roll -= entry[1];
    }
    return ratings[0];
  }

  /** A correction's life; `certain` makes it a correction of a figure that is approved. */
  async *correctionThread(work: ArticleWork, certain = false): AsyncGenerator<unknown> {
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
    const anchor = kind === 'editors_note' ? null : pickSpan(text, revision, 'correction', random);
    const replacement =
      anchor === null || kind === 'clarification'
        ? null
        : random.chance(0.05)
          ? ''
          : replacementFor(anchor.exact, kind, random);
    const claims = [...work.claims.values()];
    const proposer = random.pick(staff.editors);
    const proposed = await work.send<{ correctionId: string; anchor: { state: string } | null }>(
      new ProposeCorrectionCommand(
        {
          articleId: work.state.articleId,
          revision,
          ...(anchor ? { selector: { start: anchor.start, end: anchor.end } } : {}),
          kind,
          replacement,
          notice: noticeFor(kind, anchor?.exact),
          claimId: claims.length > 0 && random.chance(0.3) ? random.pick(claims).claimId : null,
        },
        this.request(proposer),
      ),
    );
    yield;
    const { correctionId } = proposed;

    const outcome = certain ? 1 : random.next();
    if (outcome < 0.1 || work.corrections.get(correctionId)?.anchor?.state === 'orphaned') {
      const reason = '改由后续报道说明。';
      const editor = random.pick(staff.editors);
      yield await work.send(
        new WithdrawCorrectionCommand({ correctionId, reason }, this.request(editor)),
      );
      return;
    }
    const reviewer = random.pick(staff.standardsEditors);
    if (outcome < 0.25) {
      const reason = '原文表述无误，无需更正。';
      yield await work.send(
        new RejectCorrectionCommand({ correctionId, reason }, this.request(reviewer)),
      );
      return;
    }
    // The process managers publish it at once: the approval and its publication are one step.
    yield await work.sendAndFollow(
      new ApproveCorrectionCommand({ correctionId }, this.request(reviewer)),
    );
  }

  /** A re-import of the source with one more edit: a new revision the annotations follow. */
  async *reimportThread(work: ArticleWork, content: string): AsyncGenerator<unknown> {
    const editor = this.random.pick(staff.editors);
    // The process managers follow at once: an approval meanwhile would be told to try again.
    yield await work.sendAndFollow(
      new ReviseArticleCommand(
        {
          articleId: work.state.articleId,
          content: content.replace(/（本报记者/, '（本报记者 更新稿，'),
          format: null,
          reason: '来源页面已更新',
        },
        this.request(editor),
      ),
    );
  }
}
