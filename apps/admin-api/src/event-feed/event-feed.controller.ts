import { Controller, Get, Headers, Inject, Query, Res } from '@nestjs/common';
import { ApiHeader, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { type Response } from 'express';
import { EVENT_STORE, type EventStore, LogTree } from '@marginalia/event-store';
import { checkLimit } from '@marginalia/read-models';
import {
  RolesAllowed,
  ApiAuthenticated,
  ApiProblems,
  ProblemException,
  validationFailed,
} from '@marginalia/http';
import { EventFeedQuery, EventFeedResponse, EventStreamQuery, feedEvent } from './event-feed.dto';
import { EventStreams } from './event-streams';
import { streamTokenOf } from './stream-token';

/** The global log for integrations (SPEC §6, §8): pages, and a live stream. */
@ApiTags('events')
@ApiAuthenticated()
@Controller('v1/events')
export class EventFeedController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly streams: EventStreams,
    private readonly tree: LogTree,
  ) {}

  @Get()
  @RolesAllowed('auditor', 'admin')
  @ApiOperation({ summary: 'A page of the global log after a position (auditor, admin)' })
  @ApiOkResponse({ type: EventFeedResponse })
  @ApiProblems(400, 403)
  async page(@Query() query: EventFeedQuery): Promise<EventFeedResponse> {
    const after = query.after ?? 0;
    const events = await this.store.readAll({ after, maxCount: checkLimit(query.limit) });
    const headPosition = await this.store.headPosition();
    const first = events[0];
    const last = events[events.length - 1];
    const leaves =
      first && last && (await this.tree.waitFor(last.position, LEAF_WAIT_MS))
        ? this.tree.leafIndexes(first.position, last.position)
        : new Map<number, number>();
    return {
      items: events.map((event) => {
        const leafIndex = leaves.get(event.position);
        if (leafIndex === undefined) throw treeBehind();
        return feedEvent(event, leafIndex);
      }),
      lastPosition: events[events.length - 1]?.position ?? after,
      headPosition,
    };
  }

  @Get('stream')
  @RolesAllowed('auditor', 'admin')
  @ApiOperation({
    summary: 'The global log as Server-Sent Events (auditor, admin)',
    description:
      'Starts after `Last-Event-ID` (a reconnection), else after `?after=`, else at the live ' +
      'end. Each message: `id:` the position, `event:` the type, `data:` the item of ' +
      '`GET /v1/events`. A comment line every 15 s keeps the connection open. The stream ends ' +
      'when the token expires (reconnect with a fresh one and `Last-Event-ID`); one token may ' +
      'hold EVENTS_STREAM_MAX_PER_TOKEN streams at once (4 by default), 429 beyond.',
  })
  @ApiHeader({ name: 'Last-Event-ID', required: false, description: 'The last position received' })
  @ApiProduces('text/event-stream')
  @ApiOkResponse({ description: 'An endless text/event-stream' })
  @ApiProblems(400, 403, 429)
  async stream(
    @Query() query: EventStreamQuery,
    @Headers('last-event-id') lastEventId: string | undefined,
    @Headers('authorization') authorization: string | undefined,
    @Res() res: Response,
  ): Promise<void> {
    const after = positionOf(lastEventId) ?? query.after;
    await this.streams.serve(res, after, streamTokenOf(authorization));
  }
}

/** How long a page waits for the log's tree to give its events their leaf indexes. */
const LEAF_WAIT_MS = 5000;

function treeBehind(): ProblemException {
  return new ProblemException(
    503,
    'service_unavailable',
    'The log’s Merkle tree is catching up with the log; try again shortly',
  );
}

/** The position a reconnecting client last received (`Last-Event-ID`), validated. */
export function positionOf(lastEventId: string | undefined): number | undefined {
  if (lastEventId === undefined || lastEventId.trim() === '') return undefined;
  const value = lastEventId.trim();
  if (!/^\d{1,15}$/.test(value)) {
    throw validationFailed('Last-Event-ID must be a log position', [
      { field: 'Last-Event-ID', message: 'must be a whole number, a position of the log' },
    ]);
  }
  return Number(value);
}
