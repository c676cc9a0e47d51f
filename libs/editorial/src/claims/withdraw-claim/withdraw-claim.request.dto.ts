import { ApiProperty } from '@nestjs/swagger';
import { Reason } from '../claim-fields';

/** `{ reason }` of a withdrawal, recorded on the event. */
export class WithdrawClaimRequest {
  @ApiProperty({ example: '重复标注：同一说法已在本文另一处核查' })
  @Reason()
  reason!: string;
}
