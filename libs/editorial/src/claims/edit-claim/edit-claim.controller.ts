import { Body, Param, Patch } from '@nestjs/common';
import { ClaimCommandRoute, ClaimRoutes } from '../claim-routes';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import {
  Requires,
  ApiIfMatch,
  ApiProblems,
  RequestContext,
  validationFailed,
  ResourceIdPipe,
  selectorOf,
} from '@marginalia/http';
import { type CommandContext } from '../../shared/command-context';
import { ClaimResponse } from '../claim.response.dto';
import { ETAG_HEADER, SPAN_REFUSALS, WITHDRAWN_OR_STATE } from '../claim-api-docs';
import { ReanchorClaimCommand } from '../reanchor-claim/reanchor-claim.command';
import { EditClaimCommand } from './edit-claim.command';
import { EDIT_FIELDS, EditClaimRequest } from './edit-claim.request.dto';

/**
 * PATCH /v1/claims/{id}: edit the claim's description, or re-anchor it by hand (a selector in
 * the body sends the reanchor-claim use case's command instead).
 */
@ClaimRoutes()
export class EditClaimController extends ClaimCommandRoute {
  @Patch(':id')
  @Requires('claim.edit')
  @ApiOperation({
    summary: 'Edit the statement, claimant or topics, or re-anchor by hand (editor, fact-checker)',
    description:
      'Either `statement`/`claimant`/`topics`, or `selector` (+ `revision`) to re-anchor the ' +
      'claim by hand (method `manual`); both kinds in one PATCH are 400 `validation_failed`. ' +
      'Accepts application/json and application/merge-patch+json.',
  })
  @ApiOkResponse({ type: ClaimResponse, headers: ETAG_HEADER })
  @ApiIfMatch(true)
  @ApiProblems(
    400,
    403,
    404,
    [409, `${WITHDRAWN_OR_STATE}; a re-anchoring to a revision older than the claim’s`],
    413,
    415,
    [422, SPAN_REFUSALS],
  )
  edit(
    @Param('id', ResourceIdPipe) claimId: string,
    @Body() body: EditClaimRequest,
    @RequestContext() context: CommandContext,
  ): Promise<ClaimResponse> {
    return this.send(
      body.selector !== undefined
        ? new ReanchorClaimCommand(
            {
              claimId,
              selector: selectorOf(body.selector),
              ...(body.revision !== undefined ? { revision: body.revision } : {}),
            },
            context,
          )
        : new EditClaimCommand({ claimId, ...editsOf(body) }, context),
    );
  }
}

/** The description fields a PATCH sent; at least one, or it changes nothing. */
function editsOf(body: EditClaimRequest) {
  const edits = Object.fromEntries(
    EDIT_FIELDS.filter((field) => body[field] !== undefined).map((field) => [field, body[field]]),
  ) as Pick<EditClaimRequest, (typeof EDIT_FIELDS)[number]>;
  if (Object.keys(edits).length === 0) {
    throw validationFailed('The PATCH changes nothing', [
      {
        field: '(body)',
        message: 'send statement, claimant or topics, or a selector (with a revision)',
      },
    ]);
  }
  return edits;
}
