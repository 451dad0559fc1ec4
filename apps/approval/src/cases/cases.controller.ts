/** The approval REST API: township review (审核), public notice (公示), objections, county home visit, confirmation (确认) or rejection. */
import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { CaseState } from '@sa/domain-approval';
import { type AuthenticatedActor, CurrentActor, Roles, validate } from '@sa/platform';
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

const answer = (applicationId: string, state: CaseState) => ({ applicationId, status: state.phase });
const caseId = new ParseUUIDPipe();

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
  async review(@Param('id', caseId) id: string, @Body(validate(reviewRequest)) body: ReviewRequest, @CurrentActor() actor: AuthenticatedActor) {
    return answer(id, await this.commands.review(id, body, actor));
  }

  @Post(':id/public-notice')
  @HttpCode(200)
  @Roles('township-reviewer', 'county-approver')
  @ApiOperation({ summary: 'Post the public notice (公示) in the household’s village for the days the regional policy sets' })
  async postPublicNotice(
    @Param('id', caseId) id: string,
    @Body(validate(publicNoticeRequest)) body: PublicNoticeRequest,
    @CurrentActor() actor: AuthenticatedActor,
  ) {
    return answer(id, await this.commands.postPublicNotice(id, body, actor));
  }

  @Post(':id/objections')
  @Roles('intake-worker', 'investigator', 'township-reviewer', 'county-approver')
  @ApiOperation({ summary: 'Record an objection (公示异议) lodged during the notice; the objector stays anonymous' })
  async lodgeObjection(
    @Param('id', caseId) id: string,
    @Body(validate(lodgeObjectionRequest)) body: LodgeObjectionRequest,
    @CurrentActor() actor: AuthenticatedActor,
  ) {
    const { objectionId, state } = await this.commands.lodgeObjection(id, body, actor);
    return { ...answer(id, state), objectionId };
  }

  @Post(':id/objections/:objectionId/resolution')
  @HttpCode(200)
  @Roles('township-reviewer', 'county-approver')
  @ApiOperation({ summary: 'Resolve an objection: sustained sends the case back for a new check, review and notice' })
  async resolveObjection(
    @Param('id', caseId) id: string,
    @Param('objectionId') objectionId: string,
    @Body(validate(resolveObjectionRequest)) body: ResolveObjectionRequest,
    @CurrentActor() actor: AuthenticatedActor,
  ) {
    return answer(id, await this.commands.resolveObjection(id, objectionId, body, actor));
  }

  @Post(':id/home-visit')
  @HttpCode(200)
  @Roles('county-approver', 'investigator')
  @ApiOperation({ summary: 'Record the county home visit (入户核查) a near-relative case needs before approval' })
  async recordHomeVisit(@Param('id', caseId) id: string, @Body(validate(homeVisitRequest)) body: HomeVisitRequest, @CurrentActor() actor: AuthenticatedActor) {
    return answer(id, await this.commands.recordHomeVisit(id, body, actor));
  }

  // As for review: whoever took or investigated the case hears SEGREGATION_OF_DUTIES, others without the role 403.
  @Post(':id/confirmation')
  @HttpCode(200)
  @Roles('county-approver', 'township-reviewer', 'intake-worker', 'investigator')
  @ApiOperation({ summary: 'Confirm (确认) after the notice period ended: county, or a township where the policy delegates it' })
  async confirm(@Param('id', caseId) id: string, @Body(validate(confirmationRequest)) body: ConfirmationRequest, @CurrentActor() actor: AuthenticatedActor) {
    return answer(id, await this.commands.confirm(id, body, actor));
  }

  @Post(':id/rejection')
  @HttpCode(200)
  @Roles('county-approver', 'township-reviewer', 'intake-worker', 'investigator')
  @ApiOperation({ summary: 'Reject (不予批准) with reasons; produces the written notice' })
  async reject(@Param('id', caseId) id: string, @Body(validate(rejectionRequest)) body: RejectionRequest, @CurrentActor() actor: AuthenticatedActor) {
    return answer(id, await this.commands.reject(id, body.reasons, actor));
  }

  @Get(':id')
  @Roles('intake-worker', 'investigator', 'township-reviewer', 'county-approver', 'auditor')
  @ApiOperation({ summary: 'One case as its events say now' })
  async one(@Param('id', caseId) id: string, @CurrentActor() actor: AuthenticatedActor) {
    return this.queries.one(id, actor);
  }

  @Get()
  @Roles('intake-worker', 'investigator', 'township-reviewer', 'county-approver', 'auditor')
  @ApiOperation({ summary: 'Cases in the caller’s jurisdiction (read model; resident IDs masked); status=awaiting-confirmation lists notices that have ended' })
  async list(@Query(validate(listCasesQuery)) query: ListCasesQuery, @CurrentActor() actor: AuthenticatedActor) {
    return this.queries.list(query, actor);
  }
}
