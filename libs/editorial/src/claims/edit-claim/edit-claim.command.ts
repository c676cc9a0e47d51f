import type { EditClaim } from '@marginalia/domain';
import { CommandMessage } from '../../shared/command-context';

export type EditClaimInput = Omit<EditClaim, 'type' | 'actor'>;

export class EditClaimCommand extends CommandMessage<EditClaimInput> {}
