import { type Type } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import {
  type Correction,
  type CorrectionCommand,
  correctionDecider,
  decideCorrection,
  streams,
} from '@marginalia/domain';
import { AggregateStore, type CommandResult } from '../shared/aggregate-store';
import { type CommandMessage } from '../shared/command-context';

type SimpleCorrectionCommand = Extract<
  CorrectionCommand,
  { type: 'RejectCorrection' | 'WithdrawCorrection' }
>;
type InputOf<T extends SimpleCorrectionCommand['type']> = Omit<
  Extract<SimpleCorrectionCommand, { type: T }>,
  'type' | 'actor'
>;

/** The handler of a use case that loads one correction, decides with a reason, and appends. */
export function correctionDecisionHandler<T extends SimpleCorrectionCommand['type']>(
  message: Type<CommandMessage<InputOf<T>>>,
  type: T,
): Type<ICommandHandler<CommandMessage<InputOf<T>>>> {
  @CommandHandler(message)
  class CorrectionDecisionHandler implements ICommandHandler<CommandMessage<InputOf<T>>> {
    constructor(private readonly aggregates: AggregateStore) {}

    execute({
      input,
      context,
    }: CommandMessage<InputOf<T>>): Promise<CommandResult<Correction | null>> {
      const command = { type, ...input, actor: context.actor } as CorrectionCommand;
      return this.aggregates.execute(
        correctionDecider,
        streams.correction(input.correctionId),
        (state) => decideCorrection(command, state),
        { ...context, reason: input.reason },
      );
    }
  }
  Object.defineProperty(CorrectionDecisionHandler, 'name', { value: `${type}Handler` });
  return CorrectionDecisionHandler;
}
