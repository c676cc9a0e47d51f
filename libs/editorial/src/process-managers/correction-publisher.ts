import { type CommandBus } from '@nestjs/cqrs';
import { type DomainEvent, type DomainEventType, parseStreamId, streams } from '@marginalia/domain';
import { type StoredEvent } from '@marginalia/event-store';
import {
  PublishCorrectionCommand,
  type PublishOutcome,
} from '../corrections/publish-correction/publish-correction.command';
import { type CommandContext } from '../shared/command-context';
import { causedBy } from '../shared/system-context';
import { FollowRevisionCommand } from './follow-revision/follow-revision.command';
import { type ProcessManager } from './log-follower';

/**
 * Publishes every correction once it is approved (SPEC §8), as the system: on its approval; on
 * its passage found again in a new revision, if it was approved and waiting for it; and on the
 * revision it made, in case its publication did not follow (a crash between the two appends).
 * Publishing a correction that is not approved, or already published, does nothing.
 */
export class CorrectionPublisher implements ProcessManager {
  readonly name = 'CorrectionPublisher';
  readonly reactsTo: ReadonlySet<DomainEventType> = new Set<DomainEventType>([
    'CorrectionApproved',
    'AnnotationReanchored',
    'ArticleRevised',
  ]);

  constructor(private readonly commands: CommandBus) {}

  async react(event: DomainEvent, stored: StoredEvent): Promise<void> {
    switch (event.type) {
      case 'CorrectionApproved':
        return this.publish(event.data.correctionId, causedBy(stored));
      case 'AnnotationReanchored': {
        const stream = parseStreamId(stored.streamId);
        if (stream?.category === 'correction') await this.publish(stream.id, causedBy(stored));
        return;
      }
      case 'ArticleRevised': {
        const { cause } = event.data;
        if (cause.kind === 'correction') await this.publish(cause.correctionId, causedBy(stored));
        return;
      }
      default:
        return;
    }
  }

  private async publish(correctionId: string, context: CommandContext): Promise<void> {
    const outcome = await this.execute(correctionId, context);
    if (outcome !== 'behind') return;
    // A revision landed between its approval and now: it is published on the current one.
    await this.commands.execute(
      new FollowRevisionCommand(
        { annotationStream: streams.correction(correctionId), toRevision: 'current' },
        context,
      ),
    );
    await this.execute(correctionId, context);
  }

  private execute(correctionId: string, context: CommandContext): Promise<PublishOutcome> {
    return this.commands.execute(new PublishCorrectionCommand({ correctionId }, context));
  }
}
