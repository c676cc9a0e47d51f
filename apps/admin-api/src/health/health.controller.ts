import { Controller, Get, HttpStatus, Inject, Res } from '@nestjs/common';
import { type Response } from 'express';
import { ProcessManagers } from '@marginalia/editorial';
import { EVENT_STORE, type EventStore } from '@marginalia/event-store';
import { Projector } from '@marginalia/read-models';
import { Public } from '@marginalia/http';

export interface HealthReport {
  status: 'ok' | 'unavailable';
  store: {
    kind: string;
    ok: boolean;
    headPosition?: number;
    detail?: Record<string, string | number | boolean>;
    error?: string;
  };
  /** The read models: the last position applied, and how many events they lag behind the log. */
  projector: { position: number; lag: number | null };
  /** The follow-on work: the last position handled, its lag, events it could not handle. */
  processManagers: { position: number; lag: number | null; failures: number };
}

/** Store, projector and process-manager status, for load balancers and operators (SPEC §6). */
@Public()
@Controller('health')
export class HealthController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly projector: Projector,
    private readonly processManagers: ProcessManagers,
  ) {}

  @Get()
  async health(@Res({ passthrough: true }) response: Response): Promise<HealthReport> {
    const report = await this.report();
    if (report.status !== 'ok') response.status(HttpStatus.SERVICE_UNAVAILABLE);
    return report;
  }

  private async report(): Promise<HealthReport> {
    const projector = this.projector.checkpoint;
    const managers = this.processManagers.status();
    try {
      const store = await this.store.health();
      const lag = (position: number) => Math.max(0, store.headPosition - position);
      return {
        status: store.ok ? 'ok' : 'unavailable',
        store,
        projector: { position: projector, lag: store.ok ? lag(projector) : null },
        processManagers: { ...managers, lag: store.ok ? lag(managers.position) : null },
      };
    } catch (error) {
      return {
        status: 'unavailable',
        store: { kind: 'unknown', ok: false, error: (error as Error).message },
        projector: { position: projector, lag: null },
        processManagers: { ...managers, lag: null },
      };
    }
  }
}
