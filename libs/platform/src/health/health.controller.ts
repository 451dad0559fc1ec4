import { Controller, Get, HttpStatus, Inject, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { TOKEN_SETTINGS } from '../auth/auth.guard';
import { verifyToken, type TokenSettings } from '../auth/tokens';
import { Public } from '../auth/public.decorator';
import { ApiContract } from '../http/api-contract';
import { HealthRegistry } from './health-registry';
import { liveAnswer, notReadyAnswer, readinessAnswer } from './health-responses';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly registry: HealthRegistry,
    @Inject(TOKEN_SETTINGS) private readonly tokens: TokenSettings,
  ) {}

  @Public()
  @Get('live')
  @ApiOperation({ summary: 'Liveness: the process is running' })
  @ApiContract({ public: true, responses: { 200: liveAnswer } })
  live() {
    return { status: 'ok' };
  }

  @Public()
  @Get('ready')
  @ApiOperation({
    summary: 'Readiness: Kafka, the event store and MongoDB answer, and the service is not shutting down',
    description: 'Each check says ok or not; why a check fails (hosts, errors) is shown only with a platform operator\u2019s bearer token.',
  })
  @ApiContract({ public: true, responses: { 200: readinessAnswer, 503: notReadyAnswer } })
  async ready(@Req() req: Request, @Res({ passthrough: true }) res: Response) {
    const { ready, checks } = await this.registry.run();
    res.status(ready ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE);
    // Errors name hosts, ports and database objects: an operator's business, not every caller's.
    const shown = (await this.isOperator(req)) ? checks : checks.map(({ name, ok, ms }) => ({ name, ok, ...(ms === undefined ? {} : { ms }) }));
    return { status: ready ? 'ready' : this.registry.isShuttingDown ? 'shutting-down' : 'not-ready', checks: shown };
  }

  private async isOperator(req: Request): Promise<boolean> {
    const bearer = /^Bearer (\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
    if (!bearer) return false;
    const actor = await verifyToken(bearer, this.tokens).catch(() => undefined);
    return actor?.role === 'platform-operator';
  }
}
