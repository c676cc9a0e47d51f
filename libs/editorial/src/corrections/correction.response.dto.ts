import { ApiProperty } from '@nestjs/swagger';
import { utf16Range, type RevisionText } from '@marginalia/anchoring';
import { CORRECTION_KINDS, type CorrectionKind, type CorrectionStatus } from '@marginalia/domain';
import { type CorrectionRow } from '@marginalia/projections';
import { AnchorResponse } from '../shared/anchor.response.dto';
import { CORPUS_002 } from './correction-example';
import { CORRECTION_STATUSES } from './read-corrections/corrections.query.dto';

/** A correction, its anchor and where it stands; `version` is also its ETag. */
export class CorrectionResponse {
  @ApiProperty({ format: 'uuid', example: CORPUS_002.correctionId })
  id!: string;

  @ApiProperty({ format: 'uuid', example: CORPUS_002.id })
  articleId!: string;

  @ApiProperty({ enum: CORRECTION_STATUSES, example: 'proposed' })
  status!: CorrectionStatus;

  @ApiProperty({ enum: CORRECTION_KINDS, example: 'correction' })
  kind!: CorrectionKind;

  @ApiProperty({
    type: AnchorResponse,
    nullable: true,
    description:
      'Null for an editor’s note about the whole article, and after publishing a deletion',
  })
  anchor!: AnchorResponse | null;

  @ApiProperty({ type: String, nullable: true, example: CORPUS_002.replacement })
  replacement!: string | null;

  @ApiProperty({ example: CORPUS_002.notice })
  notice!: string;

  @ApiProperty({ type: String, nullable: true, format: 'uuid' })
  claimId!: string | null;

  @ApiProperty({
    type: Number,
    nullable: true,
    example: null,
    description: 'The revision its publication produced, or carried its notice',
  })
  publishedRevision!: number | null;

  @ApiProperty({ type: String, nullable: true, format: 'date-time', example: null })
  publishedAt!: string | null;

  @ApiProperty({ example: 'editor-li', description: 'Who proposed it' })
  proposedBy!: string;

  @ApiProperty({ format: 'date-time' })
  proposedAt!: string;

  @ApiProperty({
    type: [String],
    example: ['editor-li'],
    description: 'Who proposed or amended it: none of them may approve it',
  })
  authors!: string[];

  @ApiProperty({ example: 0, description: 'The stream revision; the ETag is "<version>"' })
  version!: number;
}

export function correctionResponse(
  { correction, version, proposedAt, publishedAt }: CorrectionRow,
  /** The text of the anchor's revision, for its UTF-16 offsets. */
  anchorText: RevisionText | undefined,
): CorrectionResponse {
  const { anchor } = correction;
  return {
    id: correction.correctionId,
    articleId: correction.articleId,
    status: correction.status,
    kind: correction.kind,
    anchor: anchor && { ...anchor, ...utf16Range(textOfAnchor(anchorText, anchor), anchor) },
    replacement: correction.replacement,
    notice: correction.notice,
    claimId: correction.claimId,
    publishedRevision: correction.publishedRevision,
    publishedAt,
    proposedBy: correction.authors[0] ?? '',
    proposedAt,
    authors: [...correction.authors],
    version,
  };
}

function textOfAnchor(text: RevisionText | undefined, anchor: { revision: number }): RevisionText {
  if (!text) throw new Error(`The text of revision ${anchor.revision} is needed for its offsets`);
  return text;
}
