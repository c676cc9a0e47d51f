import { Inject, type Type } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import {
  type Claim,
  type ClaimCommand,
  claimDecider,
  decideClaim,
  type RatingScale,
  streams,
} from '@marginalia/domain';
import { AggregateStore, type CommandResult } from '../shared/aggregate-store';
import { type CommandMessage } from '../shared/command-context';

export const RATING_SCALE = Symbol('RatingScale');

type SimpleClaimCommand = Exclude<
  ClaimCommand,
  { type: 'CaptureClaim' | 'ReanchorClaim' | 'ReanchorAnnotation' }
>;
type InputOf<T extends SimpleClaimCommand['type']> = Omit<
  Extract<SimpleClaimCommand, { type: T }>,
  'type' | 'actor'
>;

/**
 * The handler of a use case that loads one claim, decides, and appends: the domain command is
 * the message's input with the actor of its context; `reason` names what the metadata records.
 */
export function claimDecisionHandler<T extends SimpleClaimCommand['type']>(
  message: Type<CommandMessage<InputOf<T>>>,
  type: T,
  options: { reason?: (input: InputOf<T>) => string } = {},
): Type<ICommandHandler<CommandMessage<InputOf<T>>>> {
  @CommandHandler(message)
  class ClaimDecisionHandler implements ICommandHandler<CommandMessage<InputOf<T>>> {
    constructor(
      private readonly aggregates: AggregateStore,
      @Inject(RATING_SCALE) private readonly scale: RatingScale,
    ) {}

    execute({ input, context }: CommandMessage<InputOf<T>>): Promise<CommandResult<Claim | null>> {
      const command = { type, ...input, actor: context.actor } as ClaimCommand;
      const reason = options.reason?.(input);
      return this.aggregates.execute(
        claimDecider(this.scale),
        streams.claim(input.claimId),
        (state) => decideClaim(command, state, this.scale),
        reason === undefined ? context : { ...context, reason },
      );
    }
  }
  Object.defineProperty(ClaimDecisionHandler, 'name', { value: `${type}Handler` });
  return ClaimDecisionHandler;
}
