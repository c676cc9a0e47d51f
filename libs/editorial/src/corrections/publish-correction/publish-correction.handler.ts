import { CommandBus, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { anchorAt, RevisionText } from '@marginalia/anchoring';
import {
  type Anchor,
  type Article,
  articleDecider,
  type Correction,
  correctionDecider,
  currentRevision,
  decideArticle,
  decideCorrection,
  streams,
} from '@marginalia/domain';
import { AggregateStore } from '../../shared/aggregate-store';
import { Articles } from '../../shared/articles';
import { type CommandContext } from '../../shared/command-context';
import { forPurpose } from '../../shared/system-context';
import { FollowRevisionCommand } from '../../process-managers/follow-revision/follow-revision.command';
import { PublishCorrectionCommand } from './publish-correction.command';

/**
 * Publishes an approved correction as the system (SPEC §4, §8): one with a replacement becomes a
 * new revision of its article (`ArticleRevised`), then `CorrectionPublished` names that revision
 * and the anchor covering the replacement; one without publishes its notice on the current
 * revision. Every step checks what is already done, so a crash between the two appends, or a
 * second run, completes the work without repeating it.
 */
@CommandHandler(PublishCorrectionCommand)
export class PublishCorrectionHandler implements ICommandHandler<PublishCorrectionCommand> {
  constructor(
    private readonly aggregates: AggregateStore,
    private readonly articles: Articles,
    private readonly commands: CommandBus,
  ) {}

  async execute({ input, context }: PublishCorrectionCommand): Promise<void> {
    const stream = streams.correction(input.correctionId);
    let correction = (await this.aggregates.load(correctionDecider, stream)).state;
    if (correction?.status !== 'approved') return;
    const { article } = await this.articles.get(correction.articleId);

    const alreadyApplied = article.revisions.some((r) => r.correctionId === input.correctionId);
    if (
      !alreadyApplied &&
      correction.anchor &&
      correction.anchor.revision < currentRevision(article).revision
    ) {
      // A revision landed between approval and publication: follow it first.
      await this.commands.execute(
        new FollowRevisionCommand({ annotationStream: stream, toRevision: 'current' }, context),
      );
      correction = (await this.aggregates.load(correctionDecider, stream)).state;
      if (correction?.status !== 'approved' || correction.anchor?.state === 'orphaned') return;
    }

    const published =
      correction.replacement === null
        ? { revision: currentRevision(article).revision, anchor: correction.anchor }
        : await this.apply(correction, article, context);
    if (!published) return;
    await this.aggregates.execute(
      correctionDecider,
      stream,
      (state) =>
        decideCorrection(
          {
            type: 'PublishCorrection',
            correctionId: input.correctionId,
            revision: published.revision,
            anchor: published.anchor,
            actor: context.actor,
          },
          state,
        ),
      forPurpose(context, `publish:${input.correctionId}`),
    );
  }

  /** The revision the replacement produced (made now, or found made by an earlier run). */
  private async apply(
    correction: Correction,
    article: Article,
    context: CommandContext,
  ): Promise<{ revision: number; anchor: Anchor | null } | undefined> {
    const anchor = correction.anchor;
    const replacement = correction.replacement ?? '';
    if (!anchor) return undefined;
    let produced = article.revisions.find((r) => r.correctionId === correction.correctionId);
    if (!produced) {
      const result = await this.aggregates.execute(
        articleDecider,
        streams.article(article.articleId),
        (state) =>
          decideArticle(
            {
              type: 'ApplyCorrection',
              articleId: article.articleId,
              correction: {
                correctionId: correction.correctionId,
                kind: correction.kind,
                anchor,
                replacement,
                notice: correction.notice,
              },
              actor: context.actor,
            },
            state,
          ),
        forPurpose(context, `apply:${correction.correctionId}`),
      );
      produced = result.state?.revisions.find((r) => r.correctionId === correction.correctionId);
      if (!produced) return undefined;
    }
    if (replacement === '') return { revision: produced.revision, anchor: null };
    const text = RevisionText.of(produced.text);
    const end = anchor.start + RevisionText.of(replacement).length;
    const covering = anchorAt(text, anchor.start, end);
    return {
      revision: produced.revision,
      anchor: { ...covering, revision: produced.revision, state: 'anchored' },
    };
  }
}
