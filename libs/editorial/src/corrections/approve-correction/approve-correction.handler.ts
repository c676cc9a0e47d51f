import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import {
  type Correction,
  correctionDecider,
  currentRevision,
  decideCorrection,
  refuse,
  streams,
} from '@marginalia/domain';
import { AggregateStore, type CommandResult } from '../../shared/aggregate-store';
import { Articles } from '../../shared/articles';
import { ApproveCorrectionCommand } from './approve-correction.command';

/**
 * A standards editor who neither proposed nor amended it approves a correction. Publication
 * follows from the stored log: the correction publisher applies it as the system.
 */
@CommandHandler(ApproveCorrectionCommand)
export class ApproveCorrectionHandler implements ICommandHandler<ApproveCorrectionCommand> {
  constructor(
    private readonly aggregates: AggregateStore,
    private readonly articles: Articles,
  ) {}

  async execute({
    input,
    context,
  }: ApproveCorrectionCommand): Promise<CommandResult<Correction | null>> {
    const stream = streams.correction(input.correctionId);
    const { state: correction } = await this.aggregates.load(correctionDecider, stream);
    if (!correction) refuse('not_found', `No correction ${input.correctionId}`);
    const { article } = await this.articles.get(correction.articleId);
    const articleRevision = currentRevision(article).revision;
    return this.aggregates.execute(
      correctionDecider,
      stream,
      (state) =>
        decideCorrection(
          {
            type: 'ApproveCorrection',
            correctionId: input.correctionId,
            articleRevision,
            actor: context.actor,
          },
          state,
        ),
      context,
    );
  }
}
