import { Controller, Get, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { z } from 'zod';
import { Public } from '../auth/public.decorator';
import { ApiContract } from '../http/api-contract';
import { MetricsRegistry } from './metrics-registry';

const exposition = {
  description: 'Prometheus text exposition format 0.0.4: HTTP requests by route, leader status, relay, consumers, projections, jobs, event-store appends',
  mediaType: 'text/plain',
  schema: z.string(),
};

/** Scraped by Prometheus (the chart's pod annotations point at it); public like /health, it carries no personal data. */
@ApiTags('health')
@Controller('metrics')
export class MetricsController {
  constructor(private readonly registry: MetricsRegistry) {}

  @Public()
  @Get()
  @ApiOperation({ summary: 'Metrics in the Prometheus text format' })
  @ApiContract({ public: true, responses: { 200: exposition } })
  async scrape(@Res() res: Response): Promise<void> {
    res.type('text/plain; version=0.0.4; charset=utf-8').send(await this.registry.render());
  }
}
