/** The intake REST API: household applications (申请受理) for dibao and extreme-poverty support. */
import { Body, Controller, Get, HttpCode, NotFoundException, Param, Post, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiContract, type AuthenticatedActor, CurrentActor, isInJurisdiction, refusals, Roles } from '@sa/platform';
import type { Request } from 'express';
import { ApplicationCommands } from './application-commands';
import { ApplicationReadModel } from './application-read-model';
import {
  amendApplicationRequest,
  type AmendApplicationRequest,
  listApplicationsQuery,
  submitApplicationRequest,
  type SubmitApplicationRequest,
  withdrawApplicationRequest,
} from './requests';
import { applicationAnswer, applicationDetail, applicationList, applicationParams } from './responses';

@ApiTags('applications')
@ApiBearerAuth()
@Controller('applications')
export class ApplicationsController {
  constructor(
    private readonly commands: ApplicationCommands,
    private readonly readModel: ApplicationReadModel,
  ) {}

  @Post()
  @Roles('intake-worker')
  @ApiOperation({ summary: 'Take a household application (申请), at hukou or residence location' })
  @ApiContract({ body: submitApplicationRequest, responses: { 201: applicationAnswer }, errors: refusals })
  async submit(@Body() body: SubmitApplicationRequest, @CurrentActor() actor: AuthenticatedActor, @Req() req: Request & { correlationId?: string }) {
    const { applicationId, state } = await this.commands.submit(body, actor, req.correlationId);
    return { applicationId, status: state.status };
  }

  @Post(':id/amendments')
  @HttpCode(200)
  @Roles('intake-worker')
  @ApiOperation({ summary: 'Correct declared facts before a decision' })
  @ApiContract({ params: applicationParams, body: amendApplicationRequest, responses: { 200: applicationAnswer }, errors: refusals })
  async amend(@Param('id') id: string, @Body() body: AmendApplicationRequest, @CurrentActor() actor: AuthenticatedActor) {
    const state = await this.commands.amend(id, body, actor);
    return { applicationId: id, status: state.status };
  }

  @Post(':id/withdrawal')
  @HttpCode(200)
  @Roles('intake-worker')
  @ApiOperation({ summary: 'Withdraw the application at the household’s request' })
  @ApiContract({ params: applicationParams, body: withdrawApplicationRequest, responses: { 200: applicationAnswer }, errors: refusals })
  async withdraw(@Param('id') id: string, @Body() body: { reason: string }, @CurrentActor() actor: AuthenticatedActor) {
    const state = await this.commands.withdraw(id, body.reason, actor);
    return { applicationId: id, status: state.status };
  }

  @Get(':id')
  @Roles('intake-worker', 'investigator', 'township-reviewer', 'county-approver', 'auditor')
  @ApiOperation({ summary: 'One application as its events say now (not the read model)' })
  @ApiContract({ params: applicationParams, responses: { 200: applicationDetail }, errors: [404] })
  async get(@Param('id') id: string, @CurrentActor() actor: AuthenticatedActor) {
    const state = await this.commands.assertCanSee(id, actor);
    if (state.status === 'not-submitted') throw new NotFoundException(`application ${id} does not exist`);
    return { applicationId: id, status: state.status, application: state.application, ...('outcome' in state ? { outcome: state.outcome } : {}) };
  }

  @Get()
  @Roles('intake-worker', 'investigator', 'township-reviewer', 'county-approver', 'auditor')
  @ApiOperation({ summary: 'Applications in the caller’s jurisdiction (read model; resident IDs masked)' })
  @ApiContract({ query: listApplicationsQuery, responses: { 200: applicationList } })
  async list(@Query() query: { region?: string; status?: string; limit: number }, @CurrentActor() actor: AuthenticatedActor) {
    const region = query.region ?? actor.orgUnit;
    if (!isInJurisdiction(actor, region)) return { items: [] };
    const filter: Record<string, unknown> = { region: { $regex: `^${region}` } };
    if (query.status) filter.status = query.status;
    const items = await this.readModel.model.find(filter).sort({ submittedAt: -1 }).limit(query.limit).lean();
    return { items: items.map(({ _id, ...rest }) => ({ applicationId: _id, ...rest })) };
  }
}
