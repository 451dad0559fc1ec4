/** The investigator's findings after the household visit (入户调查): each one re-runs the check. */
import { Body, Controller, HttpCode, NotFoundException, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { fen } from '@sa/domain-shared';
import type { InvestigatorFinding } from '@sa/domain-verification';
import { ApiContract, type AuthenticatedActor, CurrentActor, refusals, Roles } from '@sa/platform';
import { CheckCommands } from './check-commands';
import { findingRequest, type FindingRequest } from './finding-requests';
import { checkParams, recheckAnswer } from './responses';

/** The request's finding as the domain's (money as Fen). */
function findingOf(request: FindingRequest['finding']): InvestigatorFinding {
  if ('expenditure' in request) return { ...request, expenditure: { ...request.expenditure, monthlyFen: fen(request.expenditure.monthlyFen) } };
  if (request.kind === 'county-candidate-confirmed') {
    const { monthlyFen, ...rest } = request;
    return monthlyFen === undefined ? rest : { ...rest, monthlyFen: fen(monthlyFen) };
  }
  if ('supporter' in request) return { ...request, supporter: { ...request.supporter, monthlySupportFen: fen(request.supporter.monthlySupportFen) } };
  return request;
}

@ApiTags('checks')
@ApiBearerAuth()
@Controller('checks')
export class FindingsController {
  constructor(private readonly commands: CheckCommands) {}

  @Post(':applicationId/findings')
  @HttpCode(200)
  @Roles('investigator')
  @ApiOperation({
    summary: 'Record, correct or reject an input of the check with its evidence, or a visit fact; the check runs again and the new round names who and why',
  })
  @ApiContract({ params: checkParams, body: findingRequest, responses: { 200: recheckAnswer }, errors: refusals })
  async record(@Param('applicationId') applicationId: string, @Body() body: FindingRequest, @CurrentActor() actor: AuthenticatedActor) {
    const why = { reason: body.reason, evidenceReference: body.evidenceReference };
    const { state, blocked } = await this.commands.recordFinding(applicationId, findingOf(body.finding), why, actor);
    if (state.status === 'not-requested') throw new NotFoundException(`no economic check exists for application ${applicationId}`);
    const outcome = state.status === 'completed' ? { outcome: state.outcome, eligible: state.outcome === 'eligible' } : {};
    const abandoned = state.status === 'abandoned' ? { abandonedReason: state.reason } : {};
    return { applicationId, checkId: state.round.checkId, status: state.status, ...outcome, ...abandoned, ...(blocked ? { waitingFor: blocked } : {}) };
  }
}
