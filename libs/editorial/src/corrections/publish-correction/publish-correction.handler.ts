import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import {
  type Anchor,
  type Article,
  articleDecider,
  type Correction,
  correctionDecider,
  currentRevision,
  decideArticle,
  decideCorrection,
  publicationWaitsFor,
  publishedAnchor,
  streams,
} from '@marginalia/domain';
import { AggregateStore } from '../../shared/aggregate-store';
import { Articles } from '../../shared/articles';
import { type CommandContext } from '../../shared/command-context';
import { withDerivedEventIds } from '../../shared/system-context';
import { PublishCorrectionCommand, type PublishOutcome } from './publish-correction.command';

/**
 * Publishes an approved correction as the system (SPEC §4, §8): one with a replacement becomes a
 * new revision of its article (`ArticleRevised`), then `CorrectionPublished` names that revision
 * and the anchor covering the replacement; one without publishes its notice on the current
 * revision. Every step checks what is already done, so a crash between the two appends, or a
 * second run, completes the work without repeating it. One whose passage is behind the current
 * revision is left for the `CorrectionPublisher` to follow first.
 */
@CommandHandler(PublishCorrectionCommand)
export class PublishCorrectionHandler implements ICommandHandler<PublishCorrectionCommand> {
  constructor(
    private readonly aggregates: AggregateStore,
    private readonly articles: Articles,
  ) {}

  async execute({ input, context }: PublishCorrectionCommand): Promise<PublishOutcome> {
    const stream = streams.correction(input.correctionId);
    const { state: correction } = await this.aggregates.load(correctionDecider, stream);
    if (correction?.status !== 'approved') return 'nothing_to_do';
    const { article } = await this.articles.get(correction.articleId);

    const waitsFor = publicationWaitsFor(correction, article);
    if (waitsFor) return waitsFor;

    const published =
      correction.replacement === null
        ? { revision: currentRevision(article).revision, anchor: correction.anchor }
        : await this.apply(correction, article, context);
    if (!published) return 'nothing_to_do';
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
      withDerivedEventIds(context, `publish:${input.correctionId}`),
    );
    return 'published';
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
        withDerivedEventIds(context, `apply:${correction.correctionId}`),
      );
      produced = result.state?.revisions.find((r) => r.correctionId === correction.correctionId);
      if (!produced) return undefined;
    }
    return { revision: produced.revision, anchor: publishedAnchor(anchor, replacement, produced) };
  }
}
