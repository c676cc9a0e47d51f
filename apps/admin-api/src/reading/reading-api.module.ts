import { Module } from '@nestjs/common';

/**
 * What the desk and the auditors read: the article list, the annotated view and its replays,
 * histories and exports, the event feed and its stream, integrity and rebuild.
 */
@Module({})
export class ReadingApiModule {}
