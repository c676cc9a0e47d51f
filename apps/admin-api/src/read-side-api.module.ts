import { type MarginaliaConfig } from '@marginalia/config';
import { MARGINALIA_CONFIG } from '@marginalia/platform';
import { Module } from '@nestjs/common';
import { AdminController } from './admin.controller';
import { ArticleListController } from './article-list.controller';
import {
  EVENT_STREAM_HEARTBEAT_MS,
  EVENT_STREAM_MAX_PER_TOKEN,
  EventStreams,
} from './event-streams';
import { EventsController } from './events.controller';
import { HistoryController } from './history.controller';
import { ViewController } from './view.controller';

/**
 * What the desk and the auditors read: the article list, the annotated view and its replays,
 * histories and exports, the event feed and its stream, integrity and rebuild.
 */
@Module({
  controllers: [
    ArticleListController,
    ViewController,
    HistoryController,
    EventsController,
    AdminController,
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
export class ReadingApiModule {}
