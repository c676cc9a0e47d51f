import type { EditClaim } from '@marginalia/domain';
import { EditorialCommand } from '../../shared/command-context';

export type EditClaimInput = Omit<EditClaim, 'type' | 'actor'>;

export class EditClaimCommand extends EditorialCommand<EditClaimInput> {}
