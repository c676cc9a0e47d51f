import { ApiProperty } from '@nestjs/swagger';
import { Reason } from '../claim-fields';

/** `{ reason }` of a retraction, recorded on the event. */
export class RetractVerdictRequest {
  @ApiProperty({ example: '统计局修订了2023年数据，核查结论需要重新评估' })
  @Reason()
  reason!: string;
}
