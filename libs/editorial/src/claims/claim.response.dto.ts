import { ApiProperty } from '@nestjs/swagger';
import { type ClaimStatus } from '@marginalia/domain';
import { type ClaimRow } from '@marginalia/projections';
import { COAL_CLAIM, EXAMPLE_USERS } from './claim-example';
import { CLAIM_STATUSES } from './read-claims/claims.query.dto';
import { type Utf16Offsets } from '../shared/revision-offsets';
import {
  draftResponse,
  historyResponse,
  publishedResponse,
  PublishedVerdictResponse,
  VerdictDraftResponse,
  VerdictHistoryEntryResponse,
} from './verdict.response.dto';

/** Where the claim points (SPEC §3), with UTF-16 offsets for JavaScript and DOM clients. */
export class ClaimAnchorResponse {
  @ApiProperty({ example: COAL_CLAIM.revision })
  revision!: number;

  @ApiProperty({ example: COAL_CLAIM.start, description: 'In code points' })
  start!: number;

  @ApiProperty({ example: COAL_CLAIM.end, description: 'In code points, exclusive' })
  end!: number;

  @ApiProperty({ example: COAL_CLAIM.exact })
  exact!: string;

  @ApiProperty({ example: COAL_CLAIM.prefix })
  prefix!: string;

  @ApiProperty({ example: COAL_CLAIM.suffix })
  suffix!: string;

  @ApiProperty({ enum: ['anchored', 'orphaned'], example: 'anchored' })
  state!: 'anchored' | 'orphaned';

  @ApiProperty({ example: COAL_CLAIM.start, description: 'start in UTF-16 code units' })
  utf16Start!: number;

  @ApiProperty({ example: COAL_CLAIM.end, description: 'end in UTF-16 code units' })
  utf16End!: number;
}

/** A claim with its verdicts; `version` is its stream revision and its ETag. */
export class ClaimResponse {
  @ApiProperty({ format: 'uuid', example: COAL_CLAIM.id })
  id!: string;

  @ApiProperty({ format: 'uuid', example: COAL_CLAIM.articleId })
  articleId!: string;

  @ApiProperty({ type: ClaimAnchorResponse })
  anchor!: ClaimAnchorResponse;

  @ApiProperty({ enum: CLAIM_STATUSES, example: 'assigned' })
  status!: ClaimStatus;

  @ApiProperty({ type: String, nullable: true, example: EXAMPLE_USERS.factChecker })
  assignee!: string | null;

  @ApiProperty({ example: COAL_CLAIM.statement })
  statement!: string;

  @ApiProperty({ type: String, nullable: true, example: COAL_CLAIM.claimant })
  claimant!: string | null;

  @ApiProperty({ type: [String], example: COAL_CLAIM.topics })
  topics!: string[];

  @ApiProperty({
    type: VerdictDraftResponse,
    nullable: true,
    description: 'The verdict being written or reviewed; null when none',
  })
  draft!: VerdictDraftResponse | null;

  @ApiProperty({
    type: PublishedVerdictResponse,
    nullable: true,
    description: 'The verdict that stands; a new draft does not change it until approved',
  })
  publishedVerdict!: PublishedVerdictResponse | null;

  @ApiProperty({ type: [VerdictHistoryEntryResponse] })
  verdictHistory!: VerdictHistoryEntryResponse[];

  @ApiProperty({ example: EXAMPLE_USERS.editor })
  capturedBy!: string;

  @ApiProperty({ example: '2024-03-09T07:58:02.000Z' })
  capturedAt!: string;

  @ApiProperty({ example: '2024-03-09T08:15:30.000Z' })
  updatedAt!: string;

  @ApiProperty({ example: 1, description: 'The stream revision; the ETag is "<version>"' })
  version!: number;
}

export class ClaimPageResponse {
  @ApiProperty({ type: [ClaimResponse] })
  items!: ClaimResponse[];

  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Pass as `cursor` for the next page; null on the last page',
  })
  nextCursor!: string | null;
}

/** The claim of a read-model row; `text` gives offsets in the revision its anchor counts in. */
export function claimResponse(row: ClaimRow, text: Utf16Offsets): ClaimResponse {
  const { claim } = row;
  const { anchor } = claim;
  return {
    id: row.id,
    articleId: row.articleId,
    anchor: {
      revision: anchor.revision,
      start: anchor.start,
      end: anchor.end,
      exact: anchor.exact,
      prefix: anchor.prefix,
      suffix: anchor.suffix,
      state: anchor.state,
      utf16Start: text.utf16Offset(anchor.start),
      utf16End: text.utf16Offset(anchor.end),
    },
    status: row.status,
    assignee: claim.assignee,
    statement: claim.statement,
    claimant: claim.claimant,
    topics: [...claim.topics],
    draft: draftResponse(claim.draft),
    publishedVerdict: publishedResponse(claim.published, row.publishedAt),
    verdictHistory: historyResponse(row.verdictHistory),
    capturedBy: row.capturedBy,
    capturedAt: row.capturedAt,
    updatedAt: row.updatedAt,
    version: row.version,
  };
}
