import type { CommandContext } from '@marginalia/platform';

/** Who asks and why: defined beside the id generator, since routes build it too. */
export { type CommandContext, newAggregateId } from '@marginalia/platform';

/** Every command message carries the use case's input and its context. */
export abstract class CommandMessage<Input> {
  constructor(
    readonly input: Input,
    readonly context: CommandContext,
  ) {}
}
