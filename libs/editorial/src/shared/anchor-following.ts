import { Injectable, type OnModuleDestroy } from '@nestjs/common';
import { type Anchor, type Article, type ReanchorOutcome } from '@marginalia/domain';
import { followJob } from './anchor-follower';
import { ReanchoringThread } from './reanchoring-thread';

/**
 * Where annotations stand in later revisions of their article, worked out off the event loop:
 * one diff per pair of revisions, shared by every annotation that follows it.
 */
@Injectable()
export class AnchorFollowing implements OnModuleDestroy {
  private readonly thread = new ReanchoringThread();

  follow(article: Article, anchor: Anchor, toRevision: number): Promise<ReanchorOutcome> {
    return this.thread.follow(followJob(article, anchor, toRevision));
  }

  onModuleDestroy(): Promise<void> {
    return this.thread.close();
  }
}
