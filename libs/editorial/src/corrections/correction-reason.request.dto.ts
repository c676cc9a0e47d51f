import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';

/** Why a standards editor rejects a correction, or an editor withdraws it; kept in the log. */
export class CorrectionReasonRequest {
  @ApiProperty({ example: '原文「推動(dòng)」已在來源頁面更正,無需另發更正' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  reason!: string;
}
