/** Approval's temporary-assistance routes: the tiered decision (县、乡分级审批) with its reasons. */
import { Body, Controller, Get, HttpCode, NotFoundException, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { PaymentStage, TemporaryDecisionState } from '@sa/domain-temporary-assistance';
import { ApiContract, type AuthenticatedActor, CurrentActor, refusals, Roles } from '@sa/platform';
import { approveTemporaryRequest, rejectTemporaryRequest, temporaryDecisionAnswer, temporaryDecisionParams } from './requests';
import { TemporaryDecisionCommands } from './temporary-decision-commands';

@ApiTags('temporary-assistance')
@ApiBearerAuth()
@Controller('temporary-cases')
export class TemporaryDecisionsController {
  constructor(private readonly commands: TemporaryDecisionCommands) {}

  @Post(':id/approval')
  @HttpCode(200)
  @Roles('township-reviewer', 'county-approver')
  @ApiOperation({
    summary:
      'Approve a total paid in stages: a township up to its delegated limit; above it the township’s approval is its review and the case goes to the county, whose approver decides',
  })
  @ApiContract({ params: temporaryDecisionParams, body: approveTemporaryRequest, responses: { 200: temporaryDecisionAnswer }, errors: refusals })
  async approve(
    @Param('id') id: string,
    @Body() body: { totalFen: number; stages: PaymentStage[]; reasons: string; stillInHardship?: boolean },
    @CurrentActor() actor: AuthenticatedActor,
  ) {
    return answer(id, await this.commands.approve(id, body, actor));
  }

  @Post(':id/rejection')
  @HttpCode(200)
  @Roles('township-reviewer', 'county-approver')
  @ApiOperation({ summary: 'Reject the temporary case with its reasons' })
  @ApiContract({ params: temporaryDecisionParams, body: rejectTemporaryRequest, responses: { 200: temporaryDecisionAnswer }, errors: refusals })
  async reject(@Param('id') id: string, @Body() body: { reasons: string }, @CurrentActor() actor: AuthenticatedActor) {
    return answer(id, await this.commands.reject(id, body.reasons, actor));
  }

  @Get(':id')
  @Roles('intake-worker', 'township-reviewer', 'county-approver', 'payments-officer', 'auditor')
  @ApiOperation({ summary: 'Where the tiered decision stands' })
  @ApiContract({ params: temporaryDecisionParams, responses: { 200: temporaryDecisionAnswer }, errors: [403, 404] })
  async get(@Param('id') id: string, @CurrentActor() actor: AuthenticatedActor) {
    return answer(id, (await this.commands.loadVisible(id, actor)).state);
  }
}

function answer(caseId: string, state: TemporaryDecisionState) {
  if (state.status === 'not-opened') throw new NotFoundException(`temporary-assistance case ${caseId} has not reached approval`);
  return { caseId, status: state.status, township: state.facts.township, urgentAdvanceFen: state.urgentAdvanceFen };
}
