/**
 * The referral REST API. Organisations (role charity-organisation; the token's user id is the
 * organisation id) list what is offered to them and answer, record help and close; the decider
 * lets only the organisation holding the referral act. Case workers and auditors read referrals of
 * their region; case workers may offer again or close.
 */
import { Body, Controller, Get, HttpCode, NotFoundException, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { ReferralState } from '@sa/domain-charity-referral';
import { ApiContract, type AuthenticatedActor, CurrentActor, isInJurisdiction, refusals, Roles } from '@sa/platform';
import { ReferralCommands } from './referral-commands';
import { ReferralReadModel, type ReferralView } from './referral-read-model';
import { caseWorkerView, holderOf, organisationView } from './referral-view';
import {
  closeReferralRequest,
  type CloseReferralRequest,
  declineReferralRequest,
  listReferralsQuery,
  type ListReferralsQuery,
  offerReferralRequest,
  recordAssistanceRequest,
  type RecordAssistanceRequest,
} from './requests';
import { assistanceAnswer, closureAnswer, referralAnswer, referralDetail, referralList, referralParams } from './responses';

const caseWorkers = ['intake-worker', 'investigator', 'township-reviewer', 'county-approver', 'civil-affairs-admin'] as const;

function summary(referralId: string, state: ReferralState) {
  return {
    referralId,
    status: state.status,
    ...(state.status === 'offered' ? { organisationId: state.offer.organisationId, deadline: state.offer.deadline } : {}),
    ...(state.status === 'accepted' ? { organisationId: state.organisationId } : {}),
  };
}

function listItem({ _id, ...rest }: ReferralView) {
  return {
    referralId: _id,
    applicationId: rest.applicationId,
    status: rest.status,
    region: rest.region,
    needs: rest.needs,
    organisationId: rest.organisationId,
    coveredNeeds: rest.coveredNeeds,
    attempt: rest.attempt,
    offeredAt: rest.offeredAt,
    deadline: rest.deadline,
    totals: rest.totals,
    outcome: rest.outcome,
    openedAt: rest.openedAt,
    updatedAt: rest.updatedAt,
  };
}

@ApiTags('referrals')
@ApiBearerAuth()
@Controller('referrals')
export class ReferralsController {
  constructor(
    private readonly commands: ReferralCommands,
    private readonly readModel: ReferralReadModel,
  ) {}

  @Get()
  @Roles('charity-organisation', ...caseWorkers, 'auditor')
  @ApiOperation({ summary: 'Organisations: referrals with me (?status=offered: offered to me). Case workers, auditors: referrals in their region' })
  @ApiContract({ query: listReferralsQuery, responses: { 200: referralList } })
  async list(@Query() query: ListReferralsQuery, @CurrentActor() actor: AuthenticatedActor) {
    const filter: Record<string, unknown> = {};
    if (actor.role === 'charity-organisation') {
      filter.organisationId = actor.userId;
    } else {
      const region = query.region ?? actor.orgUnit;
      if (!isInJurisdiction(actor, region)) return { items: [] };
      filter.region = { $regex: `^${region}` };
    }
    if (query.status) filter.status = query.status;
    if (query.applicationId) filter.applicationId = query.applicationId;
    const items = await this.readModel.model.find(filter).sort({ updatedAt: -1 }).limit(query.limit).lean();
    return { items: items.map(listItem) };
  }

  @Get(':id')
  @Roles('charity-organisation', ...caseWorkers, 'auditor')
  @ApiOperation({ summary: 'One referral as its events say now; case workers and auditors see its full history' })
  @ApiContract({ params: referralParams, responses: { 200: referralDetail }, errors: [404] })
  async get(@Param('id') id: string, @CurrentActor() actor: AuthenticatedActor) {
    const { state, history } = await this.commands.load(id);
    const missing = new NotFoundException(`referral ${id} does not exist`);
    if (state.status === 'not-opened') throw missing;
    if (actor.role === 'charity-organisation') {
      // Another organisation's referral is not shown to exist at all.
      const holder = holderOf(state, history);
      if (holder !== actor.userId) throw missing;
      return organisationView(state, holder);
    }
    if (!isInJurisdiction(actor, state.referral.region)) throw missing;
    return caseWorkerView(state, history);
  }

  @Post(':id/acceptance')
  @HttpCode(200)
  @Roles('charity-organisation')
  @ApiOperation({ summary: 'Accept the referral offered to my organisation (before its deadline)' })
  @ApiContract({ params: referralParams, body: null, responses: { 200: referralAnswer }, errors: refusals })
  async accept(@Param('id') id: string, @CurrentActor() actor: AuthenticatedActor) {
    return summary(id, await this.commands.accept(id, actor));
  }

  @Post(':id/decline')
  @HttpCode(200)
  @Roles('charity-organisation')
  @ApiOperation({ summary: 'Decline the referral offered to my organisation, with a reason; it moves to the next match' })
  @ApiContract({ params: referralParams, body: declineReferralRequest, responses: { 200: referralAnswer }, errors: refusals })
  async decline(@Param('id') id: string, @Body() body: { reason: string }, @CurrentActor() actor: AuthenticatedActor) {
    return summary(id, await this.commands.decline(id, body.reason, actor));
  }

  @Post(':id/assistance')
  @Roles('charity-organisation')
  @ApiOperation({ summary: 'Record help given: money (amountFen), goods (description, valueFen) or a service visit (serviceKind, date)' })
  @ApiContract({ params: referralParams, body: recordAssistanceRequest, responses: { 201: assistanceAnswer }, errors: refusals })
  async recordAssistance(@Param('id') id: string, @Body() body: RecordAssistanceRequest, @CurrentActor() actor: AuthenticatedActor) {
    const { assistanceId, state } = await this.commands.recordAssistance(id, body, actor);
    return { ...summary(id, state), assistanceId, totals: state.status === 'not-opened' ? undefined : state.referral.totals };
  }

  @Post(':id/closure')
  @HttpCode(200)
  @Roles('charity-organisation', 'county-approver', 'civil-affairs-admin')
  @ApiOperation({ summary: 'Close the referral with a summary (organisation: needs-met; civil affairs: also consent-withdrawn, no-longer-needed, declined)' })
  @ApiContract({ params: referralParams, body: closeReferralRequest, responses: { 200: closureAnswer }, errors: refusals })
  async close(@Param('id') id: string, @Body() body: CloseReferralRequest, @CurrentActor() actor: AuthenticatedActor) {
    const state = await this.commands.close(id, body, actor);
    return { ...summary(id, state), ...(state.status === 'closed' ? { outcome: state.outcome, totals: state.referral.totals } : {}) };
  }

  @Post(':id/offers')
  @HttpCode(200)
  @Roles('township-reviewer', 'county-approver', 'civil-affairs-admin')
  @ApiOperation({ summary: 'Offer again (e.g. after every organisation declined): to the best match or a chosen matching organisation' })
  @ApiContract({ params: referralParams, body: offerReferralRequest, responses: { 200: referralAnswer }, errors: refusals })
  async offer(@Param('id') id: string, @Body() body: { organisationId?: string }, @CurrentActor() actor: AuthenticatedActor) {
    return summary(id, await this.commands.offer(id, body.organisationId, actor));
  }
}
