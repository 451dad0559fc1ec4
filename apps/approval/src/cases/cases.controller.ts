/** The approval REST API: township review (审核), public notice (公示), objections, county home visit, confirmation (确认) or rejection. */
import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { CaseState } from '@sa/domain-approval';
import { ApiContract, type AuthenticatedActor, CurrentActor, refusals, Roles } from '@sa/platform';
import { CaseCommands } from './case-commands';
import { CaseQueries } from './case-queries';
import {
  confirmationRequest,
  type ConfirmationRequest,
  homeVisitRequest,
  type HomeVisitRequest,
  listCasesQuery,
  type ListCasesQuery,
  lodgeObjectionRequest,
  type LodgeObjectionRequest,
  publicNoticeRequest,
  type PublicNoticeRequest,
  rejectionRequest,
  type RejectionRequest,
  resolveObjectionRequest,
  type ResolveObjectionRequest,
  reviewRequest,
  type ReviewRequest,
} from './requests';
import { caseAnswer, caseDetail, caseList, caseParams, objectionAnswer, objectionParams } from './responses';

const answer = (applicationId: string, state: CaseState) => ({ applicationId, status: state.phase });

@ApiTags('cases')
@ApiBearerAuth()
@Controller('cases')
export class CasesController {
  constructor(
    private readonly commands: CaseCommands,
    private readonly queries: CaseQueries,
  ) {}

  // intake-worker passes the guard so the person who took the application hears SEGREGATION_OF_DUTIES
  // (422); any other intake worker gets the decider's ROLE_NOT_ALLOWED (403).
  @Post(':id/review')
  @HttpCode(200)
  @Roles('township-reviewer', 'intake-worker')
  @ApiOperation({ summary: 'Township review (乡镇审核): recommend approval or rejection on the latest economic check' })
  @ApiContract({ params: caseParams, body: reviewRequest, responses: { 200: caseAnswer }, errors: refusals })
  async review(@Param('id') id: string, @Body() body: ReviewRequest, @CurrentActor() actor: AuthenticatedActor) {
    return answer(id, await this.commands.review(id, body, actor));
  }

  @Post(':id/public-notice')
  @HttpCode(200)
  @Roles('township-reviewer', 'county-approver')
  @ApiOperation({ summary: 'Post the public notice (公示) in the household’s village for the days the regional policy sets' })
  @ApiContract({ params: caseParams, body: publicNoticeRequest, responses: { 200: caseAnswer }, errors: refusals })
  async postPublicNotice(@Param('id') id: string, @Body() body: PublicNoticeRequest, @CurrentActor() actor: AuthenticatedActor) {
    return answer(id, await this.commands.postPublicNotice(id, body, actor));
  }

  @Post(':id/objections')
  @Roles('intake-worker', 'investigator', 'township-reviewer', 'county-approver')
  @ApiOperation({ summary: 'Record an objection (公示异议) lodged during the notice; the objector stays anonymous' })
  @ApiContract({ params: caseParams, body: lodgeObjectionRequest, responses: { 201: objectionAnswer }, errors: refusals })
  async lodgeObjection(@Param('id') id: string, @Body() body: LodgeObjectionRequest, @CurrentActor() actor: AuthenticatedActor) {
    const { objectionId, state } = await this.commands.lodgeObjection(id, body, actor);
    return { ...answer(id, state), objectionId };
  }

  @Post(':id/objections/:objectionId/resolution')
  @HttpCode(200)
  @Roles('township-reviewer', 'county-approver')
  @ApiOperation({ summary: 'Resolve an objection: sustained sends the case back for a new check, review and notice' })
  @ApiContract({ params: objectionParams, body: resolveObjectionRequest, responses: { 200: caseAnswer }, errors: refusals })
  async resolveObjection(
    @Param('id') id: string,
    @Param('objectionId') objectionId: string,
    @Body() body: ResolveObjectionRequest,
    @CurrentActor() actor: AuthenticatedActor,
  ) {
    return answer(id, await this.commands.resolveObjection(id, objectionId, body, actor));
  }

  @Post(':id/home-visit')
  @HttpCode(200)
  @Roles('county-approver', 'investigator')
  @ApiOperation({ summary: 'Record the county home visit (入户核查) a near-relative case needs before approval' })
  @ApiContract({ params: caseParams, body: homeVisitRequest, responses: { 200: caseAnswer }, errors: refusals })
  async recordHomeVisit(@Param('id') id: string, @Body() body: HomeVisitRequest, @CurrentActor() actor: AuthenticatedActor) {
    return answer(id, await this.commands.recordHomeVisit(id, body, actor));
  }

  // As for review: whoever took or investigated the case hears SEGREGATION_OF_DUTIES, others without the role 403.
  @Post(':id/confirmation')
  @HttpCode(200)
  @Roles('county-approver', 'township-reviewer', 'intake-worker', 'investigator')
  @ApiOperation({ summary: 'Confirm (确认) after the notice period ended: county, or a township where the policy delegates it' })
  @ApiContract({ params: caseParams, body: confirmationRequest, responses: { 200: caseAnswer }, errors: refusals })
  async confirm(@Param('id') id: string, @Body() body: ConfirmationRequest, @CurrentActor() actor: AuthenticatedActor) {
    return answer(id, await this.commands.confirm(id, body, actor));
  }

  @Post(':id/rejection')
  @HttpCode(200)
  @Roles('county-approver', 'township-reviewer', 'intake-worker', 'investigator')
  @ApiOperation({ summary: 'Reject (不予批准) with reasons; produces the written notice' })
  @ApiContract({ params: caseParams, body: rejectionRequest, responses: { 200: caseAnswer }, errors: refusals })
  async reject(@Param('id') id: string, @Body() body: RejectionRequest, @CurrentActor() actor: AuthenticatedActor) {
    return answer(id, await this.commands.reject(id, body.reasons, actor));
  }

  @Get(':id')
  @Roles('intake-worker', 'investigator', 'township-reviewer', 'county-approver', 'auditor')
  @ApiOperation({ summary: 'One case as its events say now' })
  @ApiContract({ params: caseParams, responses: { 200: caseDetail }, errors: [404] })
  async one(@Param('id') id: string, @CurrentActor() actor: AuthenticatedActor) {
    return this.queries.one(id, actor);
  }

  @Get()
  @Roles('intake-worker', 'investigator', 'township-reviewer', 'county-approver', 'auditor')
  @ApiOperation({ summary: 'Cases in the caller’s jurisdiction (read model; resident IDs masked); status=awaiting-confirmation lists notices that have ended' })
  @ApiContract({ query: listCasesQuery, responses: { 200: caseList } })
  async list(@Query() query: ListCasesQuery, @CurrentActor() actor: AuthenticatedActor) {
    return this.queries.list(query, actor);
  }
}
