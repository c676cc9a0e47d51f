import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { type PublishedVerdict, type VerdictDraft, type VerdictSource } from '@marginalia/domain';
import { type VerdictHistoryEntry, type VerdictStep } from '@marginalia/projections';
import { COAL_VERDICT, EXAMPLE_USERS } from './claim-example';

const VERDICT_STEPS: VerdictStep[] = [
  'drafted',
  'submitted',
  'approved',
  'rejected',
  'published',
  'retracted',
];

export class VerdictSourceResponse {
  @ApiProperty({ example: COAL_VERDICT.source.url })
  url!: string;

  @ApiProperty({ example: COAL_VERDICT.source.title })
  title!: string;

  @ApiPropertyOptional({ example: COAL_VERDICT.source.quote })
  quote?: string;

  @ApiProperty({ example: COAL_VERDICT.source.accessedAt })
  accessedAt!: string;
}

export class RejectionResponse {
  @ApiProperty({ example: '请补充国家统计局的分省数据作为第二个来源' })
  reason!: string;

  @ApiProperty({ example: EXAMPLE_USERS.standardsEditor })
  by!: string;
}

/** The verdict being written: a draft, or submitted for review. */
export class VerdictDraftResponse {
  @ApiProperty({ example: 1, description: 'The verdict version; n+1 after a publication' })
  version!: number;

  @ApiProperty({ example: COAL_VERDICT.rating })
  rating!: string;

  @ApiProperty({ example: COAL_VERDICT.summary })
  summary!: string;

  @ApiProperty({ type: String, nullable: true, example: COAL_VERDICT.rationale })
  rationale!: string | null;

  @ApiProperty({ type: [VerdictSourceResponse] })
  sources!: VerdictSourceResponse[];

  @ApiProperty({
    type: [String],
    example: [EXAMPLE_USERS.factChecker],
    description: 'Everyone who wrote this version: none of them may approve it',
  })
  drafters!: string[];

  @ApiProperty({ example: false, description: 'Submitted for review (the claim is in_review)' })
  submitted!: boolean;

  @ApiProperty({
    type: RejectionResponse,
    nullable: true,
    description: 'The reviewer’s reason when the last submission was rejected',
  })
  rejection!: RejectionResponse | null;
}

/** The verdict that stands, as ClaimReview publishes it. */
export class PublishedVerdictResponse {
  @ApiProperty({ example: 1 })
  version!: number;

  @ApiProperty({ example: COAL_VERDICT.rating })
  rating!: string;

  @ApiProperty({ example: COAL_VERDICT.summary })
  summary!: string;

  @ApiProperty({ type: String, nullable: true, example: COAL_VERDICT.rationale })
  rationale!: string | null;

  @ApiProperty({ type: [VerdictSourceResponse] })
  sources!: VerdictSourceResponse[];

  @ApiProperty({ type: String, nullable: true, example: '2024-03-09T08:15:30.000Z' })
  publishedAt!: string | null;
}

export class VerdictHistoryEntryResponse {
  @ApiProperty({ example: 1 })
  verdictVersion!: number;

  @ApiProperty({ enum: VERDICT_STEPS, example: 'published' })
  step!: VerdictStep;

  @ApiProperty({ example: EXAMPLE_USERS.standardsEditor })
  by!: string;

  @ApiProperty({ example: '2024-03-09T08:15:30.000Z' })
  at!: string;

  @ApiProperty({ example: 42, description: 'The event’s global log position' })
  position!: number;

  @ApiPropertyOptional({ example: COAL_VERDICT.rating })
  rating?: string;

  @ApiPropertyOptional({ example: '请补充国家统计局的分省数据作为第二个来源' })
  reason?: string;
}

export function sourcesResponse(sources: readonly VerdictSource[]): VerdictSourceResponse[] {
  return sources.map(({ url, title, quote, accessedAt }) => ({
    url,
    title,
    ...(quote !== undefined ? { quote } : {}),
    accessedAt,
  }));
}

export function draftResponse(draft: VerdictDraft | null): VerdictDraftResponse | null {
  if (!draft) return null;
  return {
    version: draft.version,
    rating: draft.rating,
    summary: draft.summary,
    rationale: draft.rationale,
    sources: sourcesResponse(draft.sources),
    drafters: [...draft.drafters],
    submitted: draft.submitted,
    rejection: draft.rejection && { reason: draft.rejection.reason, by: draft.rejection.by },
  };
}

export function publishedResponse(
  published: PublishedVerdict | null,
  publishedAt: string | null,
): PublishedVerdictResponse | null {
  if (!published) return null;
  return {
    version: published.version,
    rating: published.rating,
    summary: published.summary,
    rationale: published.rationale,
    sources: sourcesResponse(published.sources),
    publishedAt,
  };
}

export function historyResponse(
  history: readonly VerdictHistoryEntry[],
): VerdictHistoryEntryResponse[] {
  return history.map((entry) => ({ ...entry }));
}
