import type { AssignClaim } from '@marginalia/domain';
import { CommandMessage } from '../../shared/command-context';

export type AssignClaimInput = Omit<AssignClaim, 'type' | 'actor'>;

export class AssignClaimCommand extends CommandMessage<AssignClaimInput> {}
