import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class FieldErrorResponse {
  @ApiProperty({ example: 'source.publishedAt' })
  field!: string;

  @ApiProperty({ example: 'publishedAt must be a valid ISO 8601 date string' })
  message!: string;
}

/** RFC 9457 problem details, as every error of the API answers (application/problem+json). */
export class ProblemResponse {
  @ApiProperty({ example: 'urn:marginalia:problem:article_exists' })
  type!: string;

  @ApiProperty({ example: 'The article is already imported' })
  title!: string;

  @ApiProperty({ example: 409 })
  status!: number;

  @ApiProperty({
    example: 'This source was already imported as article e2b6c002-820f-51ce-a1ec-fd82caa61a41',
  })
  detail!: string;

  @ApiProperty({ example: 'article_exists', description: 'Stable and machine-readable' })
  code!: string;

  @ApiPropertyOptional({ type: [FieldErrorResponse], description: 'For validation refusals' })
  errors?: FieldErrorResponse[];
}
