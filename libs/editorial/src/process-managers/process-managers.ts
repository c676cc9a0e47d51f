import {
  Inject,
  Injectable,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { EVENT_STORE, type EventStore } from '@marginalia/event-store';
import { AnnotationFollower } from './annotation-follower';
import { CorrectionPublisher } from './correction-publisher';
import { LogFollower } from './log-follower';
import { ProcessState } from './process-state';

export const PROCESS_STATE = Symbol('ProcessState');
/** One checkpoint for all of them; data folders and the bench's snapshots keep this name. */
const CHECKPOINT = 'editorial-process-managers';

/**
 * The newsroom's process managers, run in this program from the stored log: the
 * `CorrectionPublisher` and the `AnnotationFollower`, fed each event in log order by one
 * `LogFollower` that keeps their checkpoint. Everything they do is safe to do twice.
 */
@Injectable()
export class ProcessManagers implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly follower: LogFollower;

  constructor(
    @Inject(EVENT_STORE) store: EventStore,
    @Inject(PROCESS_STATE) state: ProcessState,
    commands: CommandBus,
  ) {
    this.follower = new LogFollower(store, state, CHECKPOINT, [
      new CorrectionPublisher(commands),
      new AnnotationFollower(state, commands),
    ]);
  }

  onApplicationBootstrap(): void {
    this.follower.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.follower.stop();
  }

  /** The position of the last event handled, and how many events could not be handled. */
  status(): { position: number; failures: number } {
    return this.follower.status();
  }

  /** Resolves true once every event up to `position` is handled, false after `timeoutMs`. */
  waitFor(position: number, timeoutMs = 5000): Promise<boolean> {
    return this.follower.waitFor(position, timeoutMs);
  }
}
