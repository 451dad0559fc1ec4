/** The checks REST API: household economic-status checks (家庭经济状况核对) for investigators and reviewers. */
import { Body, Controller, Get, HttpCode, NotFoundException, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiContract, type AuthenticatedActor, CurrentActor, refusals, Roles } from '@sa/platform';
import { assertJurisdiction, isInJurisdiction, normalisedRegion } from '../jurisdiction';
import { CheckCommands } from './check-commands';
import { CheckReadModel } from './check-read-model';
import { CheckRunner } from './check-runner';
import { checkView } from './check-view';
import { listChecksQuery, type ListChecksQuery, recheckRequest, type RecheckRequest } from './requests';
import { checkDetail, checkList, checkParams, recheckAnswer } from './responses';

@ApiTags('checks')
@ApiBearerAuth()
@Controller('checks')
export class ChecksController {
  constructor(
    private readonly commands: CheckCommands,
    private readonly runner: CheckRunner,
    private readonly readModel: CheckReadModel,
  ) {}

  @Get(':applicationId')
  @Roles('investigator', 'township-reviewer', 'county-approver', 'auditor')
  @ApiOperation({ summary: 'The check of an application as its events say now: result, rule trace, rounds' })
  @ApiContract({ params: checkParams, responses: { 200: checkDetail }, errors: [404] })
  async get(@Param('applicationId') applicationId: string, @CurrentActor() actor: AuthenticatedActor) {
    const { state, history } = await this.runner.load(applicationId);
    if (state.status === 'not-requested') throw new NotFoundException(`no economic check exists for application ${applicationId}`);
    assertJurisdiction(actor, state.application.region);
    return checkView(applicationId, state, history);
  }

  @Post(':applicationId/recheck')
  @HttpCode(200)
  @Roles('investigator')
  @ApiOperation({ summary: 'Run the check again on the register as it is now (new department data, a household visit), with a reason' })
  @ApiContract({ params: checkParams, body: recheckRequest, responses: { 200: recheckAnswer }, errors: refusals })
  async recheck(@Param('applicationId') applicationId: string, @Body() body: RecheckRequest, @CurrentActor() actor: AuthenticatedActor) {
    const { state, blocked } = await this.commands.recheck(applicationId, body.reason, actor);
    if (state.status === 'not-requested') throw new NotFoundException(`no economic check exists for application ${applicationId}`);
    const outcome = state.status === 'completed' ? { outcome: state.outcome, eligible: state.outcome === 'eligible' } : {};
    const abandoned = state.status === 'abandoned' ? { abandonedReason: state.reason } : {};
    return { applicationId, checkId: state.round.checkId, status: state.status, ...outcome, ...abandoned, ...(blocked ? { waitingFor: blocked } : {}) };
  }

  @Get()
  @Roles('investigator', 'township-reviewer', 'county-approver', 'auditor')
  @ApiOperation({ summary: 'Checks in the caller’s jurisdiction (read model; resident IDs masked)' })
  @ApiContract({ query: listChecksQuery, responses: { 200: checkList } })
  async list(@Query() query: ListChecksQuery, @CurrentActor() actor: AuthenticatedActor) {
    const region = query.region ?? normalisedRegion(actor.orgUnit);
    if (!isInJurisdiction(actor, region)) return { items: [] };
    const filter: Record<string, unknown> = { region: { $regex: `^${region}` } };
    if (query.status) filter.status = query.status;
    if (query.outcome) filter.outcome = query.outcome;
    const items = await this.readModel.model.find(filter, { memberKeys: 0, _revision: 0, _position: 0 }).sort({ updatedAt: -1 }).limit(query.limit).lean();
    return { items: items.map(({ _id, ...rest }) => ({ applicationId: _id, ...rest })) };
  }
}
