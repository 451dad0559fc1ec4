/** The organisation registry REST API (慈善组织/社会组织名录), kept by civil affairs. */
import { Body, Controller, Get, HttpCode, NotFoundException, Param, Post, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiContract, type AuthenticatedActor, CurrentActor, isInJurisdiction, refusals, Roles } from '@sa/platform';
import type { Request } from 'express';
import { OrganisationCommands } from './organisation-commands';
import { OrganisationRegistry, type OrganisationView } from './organisation-registry';
import {
  deregisterOrganisationRequest,
  listOrganisationsQuery,
  type ListOrganisationsQuery,
  registerOrganisationRequest,
  type RegisterOrganisationRequest,
} from './requests';
import { deregistrationAnswer, organisationDetail, organisationList, organisationParams, registrationAnswer } from './responses';

const readers = ['civil-affairs-admin', 'county-approver', 'township-reviewer', 'investigator', 'auditor'] as const;

function view({ _id, ...rest }: OrganisationView) {
  return { organisationId: _id, name: rest.name, serviceRegions: rest.serviceRegions, needs: rest.needs, status: rest.status, registeredAt: rest.registeredAt };
}

@ApiTags('organisations')
@ApiBearerAuth()
@Controller('organisations')
export class OrganisationsController {
  constructor(
    private readonly commands: OrganisationCommands,
    private readonly registry: OrganisationRegistry,
  ) {}

  @Post()
  @Roles('civil-affairs-admin')
  @ApiOperation({ summary: 'Register a charity or social organisation: id, name, service regions, needs it meets' })
  @ApiContract({ body: registerOrganisationRequest, responses: { 201: registrationAnswer }, errors: refusals })
  async register(@Body() body: RegisterOrganisationRequest, @CurrentActor() actor: AuthenticatedActor, @Req() req: Request & { correlationId?: string }) {
    await this.commands.register(body, actor, req.correlationId);
    return { organisationId: body.organisationId, status: 'registered' };
  }

  @Post(':id/deregistration')
  @HttpCode(200)
  @Roles('civil-affairs-admin')
  @ApiOperation({ summary: 'Take an organisation out of matching (referrals it holds stay with it)' })
  @ApiContract({ params: organisationParams, body: deregisterOrganisationRequest, responses: { 200: deregistrationAnswer }, errors: refusals })
  async deregister(@Param('id') id: string, @Body() body: { reason: string }, @CurrentActor() actor: AuthenticatedActor) {
    const state = await this.commands.deregister(id, body.reason, actor);
    return { organisationId: id, status: state.status };
  }

  @Get(':id')
  @Roles(...readers)
  @ApiOperation({ summary: 'One organisation as its events say now' })
  @ApiContract({ params: organisationParams, responses: { 200: organisationDetail }, errors: [404] })
  async get(@Param('id') id: string) {
    const state = await this.commands.load(id);
    if (state.status === 'not-registered') throw new NotFoundException(`organisation ${id} is not registered`);
    const { organisationId, name, serviceRegions, provides } = state.organisation;
    return { organisationId, name, serviceRegions, needs: provides, status: state.status === 'registered' ? 'active' : 'deregistered' };
  }

  @Get()
  @Roles(...readers)
  @ApiOperation({ summary: 'Organisations working in or covering a region (default: the caller’s own)' })
  @ApiContract({ query: listOrganisationsQuery, responses: { 200: organisationList } })
  async list(@Query() query: ListOrganisationsQuery, @CurrentActor() actor: AuthenticatedActor) {
    const region = query.region ?? actor.orgUnit;
    if (!isInJurisdiction(actor, region)) return { items: [] };
    const items = await this.registry.overlapping(region, query);
    return { items: items.map(view) };
  }
}
