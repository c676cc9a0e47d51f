import { Controller, Get, HttpStatus, Inject, Res } from '@nestjs/common';
import { type Response } from 'express';
import { EVENT_STORE, type EventStore } from '@marginalia/event-store';

export interface HealthReport {
  status: 'ok' | 'unavailable';
  store: {
    kind: string;
    ok: boolean;
    headPosition?: number;
    detail?: Record<string, string | number | boolean>;
    error?: string;
  };
}

@Controller('health')
export class HealthController {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  @Get()
  async health(@Res({ passthrough: true }) response: Response): Promise<HealthReport> {
    const report = await this.report();
    if (report.status !== 'ok') response.status(HttpStatus.SERVICE_UNAVAILABLE);
    return report;
  }

  private async report(): Promise<HealthReport> {
    try {
      const store = await this.store.health();
      return { status: store.ok ? 'ok' : 'unavailable', store };
    } catch (error) {
      return {
        status: 'unavailable',
        store: { kind: 'unknown', ok: false, error: (error as Error).message },
      };
    }
  }
}
