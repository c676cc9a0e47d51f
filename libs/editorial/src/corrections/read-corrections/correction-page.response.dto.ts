import { ApiProperty } from '@nestjs/swagger';
import { CorrectionResponse } from '../correction.response.dto';

export class CorrectionPageResponse {
  @ApiProperty({ type: [CorrectionResponse] })
  items!: CorrectionResponse[];

  @ApiProperty({ type: String, nullable: true, description: 'For the next page; null at the end' })
  nextCursor!: string | null;
}
