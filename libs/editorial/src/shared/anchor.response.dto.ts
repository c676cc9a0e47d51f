import { ApiProperty } from '@nestjs/swagger';
import { CORPUS_002 } from '../corrections/correction-example';

/**
 * Where an annotation points (SPEC §3): code points of one revision's text, with the quote and
 * its context there, and the same span in UTF-16 code units for JavaScript and the DOM.
 */
export class AnchorResponse {
  @ApiProperty({ example: CORPUS_002.anchor.revision })
  revision!: number;

  @ApiProperty({ example: CORPUS_002.anchor.start, description: 'Code points, inclusive' })
  start!: number;

  @ApiProperty({ example: CORPUS_002.anchor.end, description: 'Code points, exclusive' })
  end!: number;

  @ApiProperty({ example: CORPUS_002.anchor.exact })
  exact!: string;

  @ApiProperty({ example: CORPUS_002.anchor.prefix })
  prefix!: string;

  @ApiProperty({ example: CORPUS_002.anchor.suffix })
  suffix!: string;

  @ApiProperty({ enum: ['anchored', 'orphaned'], example: 'anchored' })
  state!: 'anchored' | 'orphaned';

  @ApiProperty({ example: CORPUS_002.anchor.utf16Start, description: 'UTF-16 code units' })
  utf16Start!: number;

  @ApiProperty({ example: CORPUS_002.anchor.utf16End, description: 'UTF-16 code units' })
  utf16End!: number;
}
