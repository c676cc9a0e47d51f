import { type MarginaliaConfig } from '@marginalia/config';
import { MARGINALIA_CONFIG } from '@marginalia/platform';
import { Module } from '@nestjs/common';
import { ReadModelAdminController } from './read-model-admin/read-model-admin.controller';
import { ArticleListController } from './article-list/article-list.controller';
import {
  EVENT_STREAM_HEARTBEAT_MS,
  EVENT_STREAM_MAX_PER_TOKEN,
  EventStreams,
} from './event-feed/event-streams';
import { EventFeedController } from './event-feed/event-feed.controller';
import { ChangesStreamController } from './event-feed/changes-stream.controller';
import { HistoryController } from './history/history.controller';
import { AnnotatedViewController } from './annotated-view/annotated-view.controller';

/**
 * What the desk and the auditors read: the article list, the annotated view and its replays,
 * histories and exports, the event feed and its stream, integrity and rebuild.
 */
@Module({
  controllers: [
    ArticleListController,
    AnnotatedViewController,
    HistoryController,
    EventFeedController,
    ChangesStreamController,
    ReadModelAdminController,
  ],
  providers: [
    {
      provide: EVENT_STREAM_HEARTBEAT_MS,
      inject: [MARGINALIA_CONFIG],
      useFactory: (config: MarginaliaConfig) => config.eventsStreamHeartbeatMs,
    },
    {
      provide: EVENT_STREAM_MAX_PER_TOKEN,
      inject: [MARGINALIA_CONFIG],
      useFactory: (config: MarginaliaConfig) => config.eventsStreamMaxPerToken,
    },
    EventStreams,
  ],
})
export class ReadSideApiModule {}
