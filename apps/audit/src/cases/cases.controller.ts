/** An auditor's view of one case: complete history, audit file, state at a moment. Every call is recorded. */
import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiContract, type AuthenticatedActor, CurrentActor, Roles } from '@sa/platform';
import type { Response } from 'express';
import { caseParams, stateQuery } from '../requests';
import { caseExportAnswer, caseHistoryAnswer, caseStateAnswer } from '../responses';
import { CaseAudit } from './case-audit';

@ApiTags('cases')
@ApiBearerAuth()
@Controller('cases')
export class CasesController {
  constructor(private readonly cases: CaseAudit) {}

  @Get(':id/history')
  @Roles('auditor')
  @ApiOperation({ summary: 'The complete timeline of a case across every service: time, actor, reason or note, rule trace and standard' })
  @ApiContract({ params: caseParams, responses: { 200: caseHistoryAnswer }, errors: [404] })
  history(@Param() params: { id: string }, @CurrentActor() actor: AuthenticatedActor) {
    return this.cases.history(params.id, actor, 'api');
  }

  @Get(':id/history/export')
  @Roles('auditor')
  @ApiOperation({ summary: 'The audit file of a case (JSON): timeline, state, findings, hash-chain verification, earlier audit queries, SHA-256 digest' })
  @ApiContract({ params: caseParams, responses: { 200: caseExportAnswer.describe('The audit file, as an attachment') }, errors: [404] })
  async export(@Param() params: { id: string }, @CurrentActor() actor: AuthenticatedActor, @Res({ passthrough: true }) res: Response) {
    const file = await this.cases.export(params.id, actor, 'api');
    res.setHeader('content-disposition', `attachment; filename="case-${params.id}-audit.json"`);
    return file;
  }

  @Get(':id/state')
  @Roles('auditor')
  @ApiOperation({ summary: 'The state of a case at a moment (asOf, default now), folded from its events' })
  @ApiContract({ params: caseParams, query: stateQuery, responses: { 200: caseStateAnswer }, errors: [404] })
  state(@Param() params: { id: string }, @Query() query: { asOf?: string }, @CurrentActor() actor: AuthenticatedActor) {
    return this.cases.stateAt(params.id, query.asOf && new Date(query.asOf).toISOString(), actor, 'api');
  }
}
