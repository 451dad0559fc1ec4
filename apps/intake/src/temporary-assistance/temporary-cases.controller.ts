/**
 * Intake's temporary-assistance routes (临时救助受理): the application at the place of emergency, the
 * documents that follow an urgent payment, the case as its events say now, and its conversion into
 * a dibao / 特困 application when the need lasts.
 */
import { Body, ConflictException, Controller, Get, HttpCode, NotFoundException, Param, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { TemporaryCaseState } from '@sa/domain-temporary-assistance';
import { ApiContract, type AuthenticatedActor, Clock, CurrentActor, refusals, Roles } from '@sa/platform';
import type { Request } from 'express';
import { ApplicationCommands } from '../applications/application-commands';
import {
  applyForTemporaryAssistanceRequest,
  type ApplyForTemporaryAssistanceRequest,
  conversionAnswer,
  conversionRequest,
  type ConversionRequest,
  documentsReceivedRequest,
  temporaryCaseAnswer,
  temporaryCaseParams,
} from './requests';
import { TemporaryCaseCommands } from './temporary-case-commands';

const readers = ['intake-worker', 'investigator', 'township-reviewer', 'county-approver', 'payments-officer', 'auditor'] as const;

@ApiTags('temporary-assistance')
@ApiBearerAuth()
@Controller('temporary-assistance')
export class TemporaryCasesController {
  constructor(
    private readonly commands: TemporaryCaseCommands,
    private readonly applications: ApplicationCommands,
    private readonly clock: Clock,
  ) {}

  @Post()
  @Roles('intake-worker', 'township-reviewer')
  @ApiOperation({ summary: 'Take a temporary-assistance application where the emergency happened (no hukou condition)' })
  @ApiContract({ body: applyForTemporaryAssistanceRequest, responses: { 201: temporaryCaseAnswer }, errors: refusals })
  async apply(@Body() body: ApplyForTemporaryAssistanceRequest, @CurrentActor() actor: AuthenticatedActor, @Req() req: Request & { correlationId?: string }) {
    const { caseId, state } = await this.commands.apply(body, actor, req.correlationId);
    return answer(caseId, state);
  }

  @Post(':id/documents')
  @HttpCode(200)
  @Roles('intake-worker', 'township-reviewer')
  @ApiOperation({ summary: 'Record the documents that follow an urgent payment (事后补充说明情况)' })
  @ApiContract({ params: temporaryCaseParams, body: documentsReceivedRequest, responses: { 200: temporaryCaseAnswer }, errors: refusals })
  async documents(@Param('id') id: string, @Body() body: { documents: string[] }, @CurrentActor() actor: AuthenticatedActor) {
    return answer(id, await this.commands.documentsReceived(id, body.documents, actor));
  }

  @Get(':id')
  @Roles(...readers)
  @ApiOperation({ summary: 'One temporary case as its events say now' })
  @ApiContract({ params: temporaryCaseParams, responses: { 200: temporaryCaseAnswer }, errors: [403, 404] })
  async get(@Param('id') id: string, @CurrentActor() actor: AuthenticatedActor) {
    return answer(id, await this.commands.assertCanSee(id, actor));
  }

  @Post(':id/conversion')
  @Roles('intake-worker')
  @ApiOperation({ summary: 'Continue the case as a dibao / 特困 application when the check shows a lasting need (纳入低保、特困)' })
  @ApiContract({ params: temporaryCaseParams, body: conversionRequest, responses: { 201: conversionAnswer }, errors: refusals })
  async convert(@Param('id') id: string, @Body() body: ConversionRequest, @CurrentActor() actor: AuthenticatedActor) {
    const state = await this.commands.assertCanSee(id, actor);
    if (state.status !== 'open') throw new NotFoundException(`temporary-assistance case ${id} does not exist`);
    if (state.convertedTo) throw new ConflictException(`case ${id} already continues as application ${state.convertedTo}`);
    const { reason, ...application } = body;
    const submitted = await this.applications.submit({ ...application, channel: application.channel }, actor, id);
    await this.commands.execute(
      id,
      {
        type: 'RecordConversion',
        caseId: id,
        applicationId: submitted.applicationId,
        programme: body.programme,
        reason,
        convertedBy: { userId: actor.userId, role: actor.role, orgUnit: actor.orgUnit },
        convertedAt: this.clock.now().toISOString(),
      },
      actor,
    );
    return { caseId: id, applicationId: submitted.applicationId, status: submitted.state.status };
  }
}

function answer(caseId: string, state: TemporaryCaseState) {
  if (state.status !== 'open') throw new NotFoundException(`temporary-assistance case ${caseId} does not exist`);
  return {
    caseId,
    status: state.status,
    township: state.facts.township,
    ...(state.urgent ? { urgentPayment: state.urgent } : {}),
    documentsReceived: state.documentsReceived,
    documentsOverdue: state.overdueFlagged,
    ...(state.convertedTo ? { convertedTo: state.convertedTo } : {}),
  };
}
