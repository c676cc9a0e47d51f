import { ApiProperty } from '@nestjs/swagger';
import { Reason } from '../claim-fields';

/** `{ reason }` of a rejection, recorded on the event. */
export class RejectVerdictRequest {
  @ApiProperty({ example: '请补充国家统计局的分省数据作为第二个来源' })
  @Reason()
  reason!: string;
}
