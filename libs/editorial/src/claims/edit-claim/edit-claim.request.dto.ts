import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsInt,
  IsObject,
  IsOptional,
  Min,
  ValidateBy,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { COAL_CLAIM } from '../claim-example';
import { Claimant, Statement, Topics } from '../claim-fields';
import { SelectorRequest } from '@marginalia/http';

export const EDIT_FIELDS = ['statement', 'claimant', 'topics'] as const;

const present = (request: EditClaimRequest, field: keyof EditClaimRequest) =>
  request[field] !== undefined;

/** The selector moves the claim; the other fields describe it: one kind of change per PATCH. */
const OnlyWithRevision = () =>
  ValidateBy({
    name: 'onlyWithRevision',
    validator: {
      validate: (_value, args) =>
        args !== undefined && !EDIT_FIELDS.some((field) => present(args.object, field)),
      defaultMessage: () =>
        'selector (with revision) re-anchors the claim and cannot be combined with statement, ' +
        'claimant or topics: send them in two PATCH requests',
    },
  });

const WithSelector = () =>
  ValidateBy({
    name: 'withSelector',
    validator: {
      validate: (_value, args) => args !== undefined && present(args.object, 'selector'),
      defaultMessage: () => 'revision is only for re-anchoring, with a selector',
    },
  });

/**
 * A PATCH of a claim (JSON or JSON Merge Patch): either its description (`statement`,
 * `claimant`, `topics`; `claimant: null` removes it), or its place (`selector` and
 * `revision`, a manual re-anchoring). Mixing both kinds is 400 validation_failed.
 */
export class EditClaimRequest {
  @ApiPropertyOptional({ example: COAL_CLAIM.statement })
  @ValidateIf((request: EditClaimRequest) => present(request, 'statement'))
  @Statement()
  statement?: string;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    example: COAL_CLAIM.claimant,
    description: 'null removes the claimant',
  })
  @IsOptional()
  @Claimant()
  claimant?: string | null;

  @ApiPropertyOptional({ type: [String], example: COAL_CLAIM.topics })
  @ValidateIf((request: EditClaimRequest) => present(request, 'topics'))
  @Topics()
  topics?: string[];

  @ApiPropertyOptional({
    type: SelectorRequest,
    description: 'Re-anchors the claim by hand (method manual); not with the fields above',
  })
  @ValidateIf((request: EditClaimRequest) => present(request, 'selector'))
  @IsObject()
  @ValidateNested()
  @Type(() => SelectorRequest)
  @OnlyWithRevision()
  selector?: SelectorRequest;

  @ApiPropertyOptional({
    example: 2,
    description: 'The revision the selector counts in; defaults to the current one',
  })
  @ValidateIf((request: EditClaimRequest) => present(request, 'revision'))
  @IsInt()
  @Min(1)
  @WithSelector()
  revision?: number;
}
