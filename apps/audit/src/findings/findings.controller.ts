/** Findings: listed from the read model, or computed on demand by a scan over the whole history. */
import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiContract, type AuthenticatedActor, Clock, CurrentActor, isInJurisdiction, Roles, Expensive } from '@sa/platform';
import { z } from 'zod';
import { AuditRecorder } from '../audit-log/audit-recorder';
import { findingsQuery, type FindingsQueryParams } from '../requests';
import { findingsAnswer, scanAnswer } from '../responses';
import { FindingsReadModel } from './findings-read-model';
import { FindingsScanner } from './findings-scanner';

const scanBody = z.strictObject({}).optional();

function inRegion(actor: AuthenticatedActor, regions: readonly string[]): boolean {
  return regions.some((region) => {
    try {
      return isInJurisdiction(actor, region);
    } catch {
      return false;
    }
  });
}

@ApiTags('findings')
@ApiBearerAuth()
@Controller('findings')
export class FindingsController {
  constructor(
    private readonly readModel: FindingsReadModel,
    private readonly scanner: FindingsScanner,
    private readonly recorder: AuditRecorder,
    private readonly clock: Clock,
  ) {}

  @Get()
  @Roles('auditor')
  @ApiOperation({ summary: 'Findings in the caller’s jurisdiction, newest first, each with the event ids that prove it' })
  @ApiContract({ query: findingsQuery, responses: { 200: findingsAnswer } })
  list(@Query() query: FindingsQueryParams, @CurrentActor() actor: AuthenticatedActor) {
    return this.recorder.run(
      { actor, channel: 'api', query: 'findings-list', ...(query.applicationId ? { applicationId: query.applicationId } : {}), parameters: { ...query } },
      async () => {
        const items = (await this.readModel.list(query, actor.orgUnit)).filter((f) => inRegion(actor, f.regions));
        return { value: { items }, result: { findings: items.length } };
      },
    );
  }

  @Post('scan')
  @Expensive()
  @HttpCode(200)
  @Roles('auditor')
  @ApiOperation({
    summary:
      'Run every detector over the whole history now; records and returns the findings that touch the caller’s jurisdiction, ' +
      'with the counts (cases, events, new findings) of that jurisdiction only',
  })
  @ApiContract({ body: scanBody, responses: { 200: scanAnswer } })
  scan(@Body() _body: unknown, @CurrentActor() actor: AuthenticatedActor) {
    return this.recorder.run({ actor, channel: 'api', query: 'findings-scan' }, async () => {
      const { histories: _histories, ...result } = await this.scanner.scan(actor, this.clock.now(), (regions) => inRegion(actor, regions));
      return {
        value: result,
        result: { scanId: result.scanId, cases: result.cases, events: result.events, findings: result.findings.length, newFindings: result.newFindings },
      };
    });
  }
}
