import type { WithdrawClaim } from '@marginalia/domain';
import { EditorialCommand } from '../../shared/command-context';

export type WithdrawClaimInput = Omit<WithdrawClaim, 'type' | 'actor'>;

export class WithdrawClaimCommand extends EditorialCommand<WithdrawClaimInput> {}
