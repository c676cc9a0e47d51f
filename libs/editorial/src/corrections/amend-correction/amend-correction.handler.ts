import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import {
  type Anchor,
  anchorByHand,
  anchorSelection,
  type Correction,
  correctionDecider,
  decideCorrection,
  refuse,
  replacementText,
  streams,
} from '@marginalia/domain';
import { AggregateStore, type CommandResult } from '../../shared/aggregate-store';
import { Articles } from '../../shared/articles';
import { AmendCorrectionCommand } from './amend-correction.command';

/** An editor amends a proposal: its span (by hand), its replacement or its notice. */
@CommandHandler(AmendCorrectionCommand)
export class AmendCorrectionHandler implements ICommandHandler<AmendCorrectionCommand> {
  constructor(
    private readonly aggregates: AggregateStore,
    private readonly articles: Articles,
  ) {}

  async execute({
    input: request,
    context,
  }: AmendCorrectionCommand): Promise<CommandResult<Correction | null>> {
    const input = { ...request, replacement: replacementText(request.replacement) };
    const stream = streams.correction(input.correctionId);
    const { state: correction } = await this.aggregates.load(correctionDecider, stream);
    if (!correction) refuse('not_found', `No correction ${input.correctionId}`);
    let anchor: Anchor | undefined;
    if (input.selector) {
      const { article } = await this.articles.get(correction.articleId);
      const selected = anchorSelection(article, {
        selector: input.selector,
        revision: input.revision,
      });
      anchor = anchorByHand(selected, await this.articles.followToCurrent(article, selected));
    }
    const { selector: _selector, revision: _revision, ...changes } = input;
    return this.aggregates.execute(
      correctionDecider,
      stream,
      (state) =>
        decideCorrection(
          {
            type: 'AmendCorrection',
            ...changes,
            ...(anchor ? { anchor } : {}),
            actor: context.actor,
          },
          state,
        ),
      context,
    );
  }
}
