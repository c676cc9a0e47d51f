import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import {
  type Anchor,
  authorize,
  type Correction,
  correctionDecider,
  decideCorrection,
  refuse,
  streams,
} from '@marginalia/domain';
import { AggregateStore, type CommandResult } from '../../shared/aggregate-store';
import { Articles } from '../../shared/articles';
import { checkReplacementText, normalizeReplacement } from '../../shared/replacement-text';
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
    authorize(context.actor, 'correction.amend');
    const input = { ...request, replacement: normalizeReplacement(request.replacement) };
    checkReplacementText(input.replacement);
    const stream = streams.correction(input.correctionId);
    const { state: correction } = await this.aggregates.load(correctionDecider, stream);
    if (!correction) refuse('not_found', `No correction ${input.correctionId}`);
    let anchor: Anchor | undefined;
    if (input.selector) {
      const { article } = await this.articles.get(correction.articleId);
      const { anchor: placed, followedTo } = await this.articles.place(
        article,
        input.selector,
        input.revision,
      );
      if (followedTo?.method === 'orphaned') {
        refuse('invalid_transition', 'That passage is not in the current revision');
      }
      anchor = followedTo?.anchor ?? placed;
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
