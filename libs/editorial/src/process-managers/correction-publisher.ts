import { type CommandBus } from '@nestjs/cqrs';
import { type DomainEvent, type DomainEventType } from '@marginalia/domain';
import { type StoredEvent } from '@marginalia/event-store';
import { PublishCorrectionCommand } from '../corrections/publish-correction/publish-correction.command';
import { causedBy } from '../shared/system-context';
import { type ProcessManager } from './log-follower';

/** Publishes every correction once it is approved (SPEC §8), as the system. */
export class CorrectionPublisher implements ProcessManager {
  readonly name = 'CorrectionPublisher';
  readonly reactsTo: ReadonlySet<DomainEventType> = new Set<DomainEventType>([
    'CorrectionApproved',
  ]);

  constructor(private readonly commands: CommandBus) {}

  async react(event: DomainEvent, stored: StoredEvent): Promise<void> {
    if (event.type !== 'CorrectionApproved') return;
    await this.commands.execute(
      new PublishCorrectionCommand({ correctionId: event.data.correctionId }, causedBy(stored)),
    );
  }
}
