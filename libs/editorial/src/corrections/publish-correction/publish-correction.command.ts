import { EditorialCommand } from '../../shared/command-context';

/**
 * Publish an approved correction (SPEC §4, §8): apply its replacement, if it has one, as a new
 * revision of its article, and record its publication. Sent by the system, never over HTTP.
 */
export class PublishCorrectionCommand extends EditorialCommand<{ correctionId: string }> {}
