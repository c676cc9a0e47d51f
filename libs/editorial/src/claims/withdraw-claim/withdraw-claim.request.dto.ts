import { ApiProperty } from '@nestjs/swagger';
import { Reason } from './claim-fields';

/** `{ reason }` of a withdrawal, a rejection or a retraction, recorded on the event. */
export class WithdrawClaimRequest {
  @ApiProperty({ example: '重复标注：同一说法已在本文另一处核查' })
  @Reason()
  reason!: string;
}

export class RejectVerdictRequest {
  @ApiProperty({ example: '请补充国家统计局的分省数据作为第二个来源' })
  @Reason()
  reason!: string;
}

export class RetractVerdictRequest {
  @ApiProperty({ example: '统计局修订了2023年数据，核查结论需要重新评估' })
  @Reason()
  reason!: string;
}
