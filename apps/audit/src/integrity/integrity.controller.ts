/** Hash-chain integrity of one case's streams, or of every stream of every service. */
import { Controller, Get, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type AuthenticatedActor, CONFIG, CurrentActor, Roles, validate } from '@sa/platform';
import { AuditRecorder } from '../audit-log/audit-recorder';
import { CaseAudit } from '../cases/case-audit';
import { caseParams } from '../requests';
import type { Config } from '../service';
import type { SourceStores } from '../sources/source-stores';
import { SOURCE_STORES } from '../tokens';
import { verifyStores } from './store-verifier';

@ApiTags('integrity')
@ApiBearerAuth()
@Controller('integrity')
export class IntegrityController {
  constructor(
    private readonly cases: CaseAudit,
    private readonly recorder: AuditRecorder,
    @Inject(SOURCE_STORES) private readonly sources: SourceStores,
    @Inject(CONFIG) private readonly config: Config,
  ) {}

  @Get('cases/:id')
  @Roles('auditor')
  @ApiOperation({ summary: 'Verify the hash chains of every stream a case touches; the first broken link of each, with source, stream and revision' })
  caseIntegrity(@Param(validate(caseParams)) params: { id: string }, @CurrentActor() actor: AuthenticatedActor) {
    return this.cases.integrity(params.id, actor, 'api');
  }

  @Post('verify-all')
  @HttpCode(200)
  @Roles('auditor', 'civil-affairs-admin')
  @ApiOperation({ summary: 'Verify the hash chains of every stream of every service (and that no stream lost its last events)' })
  verifyAll(@CurrentActor() actor: AuthenticatedActor) {
    return this.recorder.run({ actor, channel: 'api', query: 'all-integrity' }, async () => {
      const value = await verifyStores(this.sources, { pageSize: this.config.AUDIT_SCAN_PAGE_SIZE, workers: this.config.AUDIT_INTEGRITY_WORKERS });
      return { value, result: { ok: value.ok, events: value.events, streams: value.streams, breaks: value.breaks.length, ms: value.ms } };
    });
  }
}
