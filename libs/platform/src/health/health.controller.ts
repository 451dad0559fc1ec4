import { Controller, Get, HttpStatus, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Public } from '../auth/public.decorator';
import { ApiContract } from '../http/api-contract';
import { HealthRegistry } from './health-registry';
import { liveAnswer, notReadyAnswer, readinessAnswer } from './health-responses';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(private readonly registry: HealthRegistry) {}

  @Public()
  @Get('live')
  @ApiOperation({ summary: 'Liveness: the process is running' })
  @ApiContract({ public: true, responses: { 200: liveAnswer } })
  live() {
    return { status: 'ok' };
  }

  @Public()
  @Get('ready')
  @ApiOperation({ summary: 'Readiness: Kafka, the event store and MongoDB answer, and the service is not shutting down' })
  @ApiContract({ public: true, responses: { 200: readinessAnswer, 503: notReadyAnswer } })
  async ready(@Res({ passthrough: true }) res: Response) {
    const { ready, checks } = await this.registry.run();
    res.status(ready ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE);
    return { status: ready ? 'ready' : this.registry.isShuttingDown ? 'shutting-down' : 'not-ready', checks };
  }
}
