/** The entitlements REST API (保障待遇): who is owed what, from when, and what was paid. */
import { Controller, Get, Inject, NotFoundException, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type EntitlementEvent, entitlementIdFor } from '@sa/domain-payments';
import { recordedAs } from '@sa/messaging';
import { ApiContract, assertJurisdiction, type AuthenticatedActor, CurrentActor, isInJurisdiction, Roles } from '@sa/platform';
import type { EntitlementTable } from '../payroll/entitlement-table';
import { ENTITLEMENT_TABLE } from '../payroll/entitlement-table.provider';
import { EntitlementCommands } from './entitlement-commands';
import { EntitlementReadModel, statusFilter, statusOf } from './entitlement-read-model';
import { entitlementViewOf } from './entitlement-view';
import { listEntitlementsQuery, type ListEntitlementsQuery } from './requests';
import { entitlementDetail, entitlementList, entitlementParams } from './responses';

@ApiTags('entitlements')
@ApiBearerAuth()
@Controller('entitlements')
export class EntitlementsController {
  constructor(
    private readonly commands: EntitlementCommands,
    private readonly readModel: EntitlementReadModel,
    @Inject(ENTITLEMENT_TABLE) private readonly table: EntitlementTable,
  ) {}

  @Get(':applicationId')
  @Roles('payments-officer', 'county-approver', 'auditor')
  @ApiOperation({ summary: 'The entitlement of an approved case, as its events say now: amount, stop, payments, recoveries' })
  @ApiContract({ params: entitlementParams, responses: { 200: entitlementDetail }, errors: [404] })
  async get(@Param('applicationId') applicationId: string, @CurrentActor() actor: AuthenticatedActor) {
    const { state, history } = await this.commands.load(entitlementIdFor(applicationId));
    if (state.status !== 'granted') {
      if (!state.refusal) throw new NotFoundException(`no entitlement has been granted for application ${applicationId}`);
      // Refused (一人一保): say why, to those who may see the case.
      assertJurisdiction(actor, state.refusal.region);
      const { memberId, heldByApplicationId } = state.refusal;
      throw new NotFoundException({
        statusCode: 404,
        code: 'ENTITLEMENT_REFUSED',
        refusal: { reason: 'resident-already-on-benefit', memberId, heldByApplicationId },
        message: `no entitlement for application ${applicationId}: member ${memberId} is already covered by the live entitlement of case ${heldByApplicationId}`,
      });
    }
    assertJurisdiction(actor, state.region);
    const granted = recordedAs<EntitlementEvent>(history).find((e) => e.type === 'EntitlementGranted');
    // A granted state is folded from its EntitlementGranted event: none means a corrupt stream, a 500.
    if (!granted) throw new Error(`entitlement of application ${applicationId} is granted but has no EntitlementGranted event`);
    return entitlementViewOf(state, granted.data);
  }

  @Get()
  @Roles('payments-officer', 'county-approver', 'auditor')
  @ApiOperation({ summary: 'Entitlements in the caller’s jurisdiction (read model; resident IDs and accounts masked)' })
  @ApiContract({ query: listEntitlementsQuery, responses: { 200: entitlementList } })
  async list(@Query() query: ListEntitlementsQuery, @CurrentActor() actor: AuthenticatedActor) {
    const region = query.region ?? actor.orgUnit;
    if (!isInJurisdiction(actor, region)) return { items: [] };
    const filter: Record<string, unknown> = { region: { $regex: `^${region}` }, ...(query.status ? statusFilter(query.status) : {}) };
    // Payment counters once kept in the read model (documents written before may still hold them) are left out here.
    const docs = await this.readModel.model
      .find(filter, { memberKeys: 0, 'members.residentKey': 0, _revision: 0, _position: 0, paymentsRecorded: 0, lastPaidMonth: 0 })
      .sort({ grantedAt: -1 })
      .limit(query.limit)
      .lean();
    // Payments from the payroll's entitlement table, one query for the page. A grant the table has
    // not applied yet has no row: nothing recorded on it can be counted yet, so 0 and no month.
    const paid = await this.table.paymentSummaries(docs.map((d) => d._id));
    return {
      items: docs.map(({ _id, ...rest }) => ({ entitlementId: _id, ...rest, paymentsRecorded: 0, ...paid.get(_id), status: statusOf(rest) })),
    };
  }
}
