import { ApiProperty } from '@nestjs/swagger';
import { IsString, Matches, MaxLength } from 'class-validator';
import { EXAMPLE_USERS } from '../claim-example';

export class AssignClaimRequest {
  @ApiProperty({
    example: EXAMPLE_USERS.factChecker,
    description: 'A user id (the `sub` of their token); a fact-checker may only name themselves',
  })
  @IsString()
  @MaxLength(200)
  @Matches(/^\S+$/, { message: 'assignee must be a user id, without spaces' })
  assignee!: string;
}
