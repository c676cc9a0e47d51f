import { Controller, Get, Headers, Query, Res } from '@nestjs/common';
import {
  ApiExtraModels,
  ApiHeader,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
  getSchemaPath,
} from '@nestjs/swagger';
import { type Response } from 'express';
import { ApiAuthenticated, ApiProblems } from '@marginalia/http';
import { positionOf } from './event-feed.controller';
import { ChangeItemResponse, EventStreamQuery } from './event-feed.dto';
import { EventStreams } from './event-streams';
import { streamTokenOf } from './stream-token';

/**
 * The log's changes for every role: what the console's desk, reader and claim panel follow to
 * stay current. The whole items of `GET /v1/events/stream` (data, actors, reasons) stay with
 * auditors and admins (SPEC §6); a change says only which stream changed, how, and when, which
 * any role may learn by reading that stream's resource.
 */
@ApiTags('events')
@ApiAuthenticated()
@ApiExtraModels(ChangeItemResponse)
@Controller('v1/changes')
export class ChangesStreamController {
  constructor(private readonly streams: EventStreams) {}

  // Undeclared roles: any authenticated role may read it (the access guard's rule for GETs).
  @Get('stream')
  @ApiOperation({
    summary: 'The log’s changes as Server-Sent Events (any role)',
    description:
      'The mechanics of `GET /v1/events/stream` (`Last-Event-ID`, `?after=`, the live end, ' +
      'heartbeat, the end at the token’s expiry, the per-token limit shared with that route), ' +
      'but each message’s `data:` is only `{ position, streamId, type, recordedAt }`: no event ' +
      'data, no metadata. Read the changed resource to see what it now is.',
  })
  @ApiHeader({ name: 'Last-Event-ID', required: false, description: 'The last position received' })
  @ApiProduces('text/event-stream')
  @ApiOkResponse({
    description: `An endless text/event-stream; each \`data:\` is a [ChangeItemResponse](${getSchemaPath(ChangeItemResponse)})`,
  })
  @ApiProblems(400, 429)
  async stream(
    @Query() query: EventStreamQuery,
    @Headers('last-event-id') lastEventId: string | undefined,
    @Headers('authorization') authorization: string | undefined,
    @Res() res: Response,
  ): Promise<void> {
    const after = positionOf(lastEventId) ?? query.after;
    await this.streams.serve(res, after, streamTokenOf(authorization), 'changes');
  }
}
