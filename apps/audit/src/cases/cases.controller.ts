/** An auditor's view of one case: complete history, audit file, state at a moment. Every call is recorded. */
import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type AuthenticatedActor, CurrentActor, Roles, validate } from '@sa/platform';
import type { Response } from 'express';
import { caseParams, stateQuery } from '../requests';
import { CaseAudit } from './case-audit';

@ApiTags('cases')
@ApiBearerAuth()
@Controller('cases')
export class CasesController {
  constructor(private readonly cases: CaseAudit) {}

  @Get(':id/history')
  @Roles('auditor')
  @ApiOperation({ summary: 'The complete timeline of a case across every service: time, actor, reason or note, rule trace and standard' })
  history(@Param(validate(caseParams)) params: { id: string }, @CurrentActor() actor: AuthenticatedActor) {
    return this.cases.history(params.id, actor, 'api');
  }

  @Get(':id/history/export')
  @Roles('auditor')
  @ApiOperation({ summary: 'The audit file of a case (JSON): timeline, state, findings, hash-chain verification, earlier audit queries, SHA-256 digest' })
  async export(@Param(validate(caseParams)) params: { id: string }, @CurrentActor() actor: AuthenticatedActor, @Res({ passthrough: true }) res: Response) {
    const file = await this.cases.export(params.id, actor, 'api');
    res.setHeader('content-disposition', `attachment; filename="case-${params.id}-audit.json"`);
    return file;
  }

  @Get(':id/state')
  @Roles('auditor')
  @ApiOperation({ summary: 'The state of a case at a moment (asOf, default now), folded from its events' })
  state(@Param(validate(caseParams)) params: { id: string }, @Query(validate(stateQuery)) query: { asOf?: string }, @CurrentActor() actor: AuthenticatedActor) {
    return this.cases.stateAt(params.id, query.asOf && new Date(query.asOf).toISOString(), actor, 'api');
  }
}
