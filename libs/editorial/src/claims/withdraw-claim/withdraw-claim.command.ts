import type { WithdrawClaim } from '@marginalia/domain';
import { CommandMessage } from '../../shared/command-context';

export type WithdrawClaimInput = Omit<WithdrawClaim, 'type' | 'actor'>;

export class WithdrawClaimCommand extends CommandMessage<WithdrawClaimInput> {}
