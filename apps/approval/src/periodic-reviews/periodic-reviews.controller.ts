/** The periodic-review routes (定期核查): the township worklist, the re-check, the decision. */
import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { PeriodicReviewState } from '@sa/domain-approval';
import { ApiContract, type AuthenticatedActor, CurrentActor, refusals, Roles } from '@sa/platform';
import { type DecisionRequest, PeriodicReviewCommands, type RecheckRequest } from './periodic-review-commands';
import { decisionRequest, recheckRequest, reviewAnswer, reviewParams, worklistAnswer, worklistQuery, type WorklistQuery } from './requests';
import { PeriodicReviewWorklist } from './worklist';

@ApiTags('periodic-reviews')
@ApiBearerAuth()
@Controller('periodic-reviews')
export class PeriodicReviewsController {
  constructor(
    private readonly commands: PeriodicReviewCommands,
    private readonly worklist: PeriodicReviewWorklist,
  ) {}

  @Get()
  @Roles('investigator', 'township-reviewer', 'county-approver', 'auditor')
  @ApiOperation({ summary: 'Worklist: reviews due, overdue or awaiting a decision in the caller’s jurisdiction, by due date (keyset pages)' })
  @ApiContract({ query: worklistQuery, responses: { 200: worklistAnswer } })
  list(@Query() query: WorklistQuery, @CurrentActor() actor: AuthenticatedActor) {
    return this.worklist.list(query, actor);
  }

  @Get(':applicationId')
  @Roles('investigator', 'township-reviewer', 'county-approver', 'payments-officer', 'auditor')
  @ApiOperation({ summary: 'Where the case’s current review stands, as its events say now' })
  @ApiContract({ params: reviewParams, responses: { 200: reviewAnswer }, errors: [403, 404] })
  async get(@Param('applicationId') applicationId: string, @CurrentActor() actor: AuthenticatedActor) {
    return answer(applicationId, (await this.commands.loadVisible(applicationId, actor)).state);
  }

  @Post(':applicationId/recheck')
  @HttpCode(200)
  @Roles('investigator', 'township-reviewer')
  @ApiOperation({ summary: 'Record the re-check (核查) of an open review: the household now; the decider proposes the outcome with its trace' })
  @ApiContract({ params: reviewParams, body: recheckRequest, responses: { 200: reviewAnswer }, errors: refusals })
  async recheck(@Param('applicationId') applicationId: string, @Body() body: RecheckRequest, @CurrentActor() actor: AuthenticatedActor) {
    return answer(applicationId, await this.commands.recheck(applicationId, body, actor));
  }

  @Post(':applicationId/decision')
  @HttpCode(200)
  @Roles('township-reviewer', 'county-approver')
  @ApiOperation({
    summary: 'Decide the review (continue, change the amount, start the gradual exit, suspend, terminate) with reasons; not by who re-checked',
  })
  @ApiContract({ params: reviewParams, body: decisionRequest, responses: { 200: reviewAnswer }, errors: refusals })
  async decide(@Param('applicationId') applicationId: string, @Body() body: DecisionRequest, @CurrentActor() actor: AuthenticatedActor) {
    return answer(applicationId, await this.commands.decide(applicationId, body, actor));
  }
}

function answer(applicationId: string, state: PeriodicReviewState) {
  if (state.phase === 'unscheduled') return { applicationId, phase: 'scheduled' as const, cycle: 0, dueOn: '', lapsed: false, monthlyAmountFen: 0 };
  return {
    applicationId,
    phase: state.phase,
    cycle: state.cycle,
    dueOn: state.dueOn,
    ...(state.recheckDueBy ? { recheckDueBy: state.recheckDueBy } : {}),
    lapsed: state.lapsed,
    monthlyAmountFen: state.household.monthlyAmountFen,
    ...(state.recheck ? { proposedOutcome: state.recheck.proposal.outcome } : {}),
  };
}
