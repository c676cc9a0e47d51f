import { Controller, Get, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { type Response } from 'express';
import { RolesAllowed, ApiAuthenticated, ApiProblems } from '@marginalia/http';
import { ServerMetrics } from './server-metrics';

/**
 * Prometheus scrapes here, outside `/v1` like /health. SPEC §1 exempts only /health and /docs
 * from the bearer token, so a scraper carries one, of an auditor (who reads everything and
 * writes nothing) or an admin. See docs/operations.md.
 */
@ApiTags('operations')
@ApiAuthenticated()
@Controller('metrics')
export class MetricsController {
  constructor(private readonly metrics: ServerMetrics) {}

  @Get()
  @RolesAllowed('auditor', 'admin')
  @ApiOperation({
    summary: 'Figures for Prometheus: request latency, requests in flight, event-loop delay, heap',
    description:
      'Prometheus text format 0.0.4. `marginalia_event_loop_delay_seconds` covers the window ' +
      'since the previous scrape; the request histogram counts from the start of the process.',
  })
  @ApiProduces('text/plain')
  @ApiOkResponse({ description: 'The Prometheus text exposition', schema: { type: 'string' } })
  @ApiProblems(403)
  async scrape(@Res({ passthrough: true }) res: Response): Promise<string> {
    const text = await this.metrics.render();
    res.type(this.metrics.contentType);
    return text;
  }
}
