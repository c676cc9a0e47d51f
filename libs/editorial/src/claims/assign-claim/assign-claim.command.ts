import type { AssignClaim } from '@marginalia/domain';
import { EditorialCommand } from '../../shared/command-context';

export type AssignClaimInput = Omit<AssignClaim, 'type' | 'actor'>;

export class AssignClaimCommand extends EditorialCommand<AssignClaimInput> {}
