import { CommandMessage } from '../../shared/command-context';

/**
 * Publish an approved correction (SPEC §4, §8): apply its replacement, if it has one, as a new
 * revision of its article, and record its publication. Sent by the system, never over HTTP.
 */
export class PublishCorrectionCommand extends CommandMessage<{ correctionId: string }> {}

/**
 * What became of it: `behind` when a revision landed after its anchor's (follow it to the
 * current revision, then publish again); `orphaned` when its passage is gone from the text.
 */
export type PublishOutcome = 'published' | 'nothing_to_do' | 'behind' | 'orphaned';
