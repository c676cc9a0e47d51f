import { ApiProperty } from '@nestjs/swagger';
import { textSha256 } from '@marginalia/text';
import { CORPUS_000 } from '../article-example';

/** The text of one revision, the string every span's code points count in. */
export class ArticleTextResponse {
  @ApiProperty({ example: 1 })
  revision!: number;

  @ApiProperty({ example: CORPUS_000.content })
  text!: string;

  @ApiProperty({ example: textSha256(CORPUS_000.content) })
  textSha256!: string;
}
