/** The township reserve funds (乡镇临时救助备用金): allocations, urgent draws, reimbursements, the balance. */
import { Body, Controller, Get, Inject, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { fen, type Actor } from '@sa/domain-shared';
import { reserveFundDecider, type ReserveFundCommand, type ReserveFundState } from '@sa/domain-temporary-assistance';
import type { EventStore } from '@sa/event-store';
import {
  ApiContract,
  assertJurisdiction,
  type AuthenticatedActor,
  Clock,
  CurrentActor,
  EVENT_STORE,
  executeCommand,
  loadAggregate,
  refusals,
  Roles,
  TemporaryAssistancePolicies,
  temporaryAssistancePolicyOrRefuse,
} from '@sa/platform';
import type { z } from 'zod';
import { allocationRequest, drawRequest, fundAnswer, reimbursementRequest, townshipParams } from './requests';
import { TemporaryCasesKnown } from './temporary-cases-known';

export const reserveFundStream = (township: string) => `reserve-fund-${township}`;
const actorOf = (a: Actor): Actor => ({ userId: a.userId, role: a.role, orgUnit: a.orgUnit });

@ApiTags('temporary-assistance')
@ApiBearerAuth()
@Controller('reserve-funds')
export class ReserveFundsController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly clock: Clock,
    private readonly policies: TemporaryAssistancePolicies,
    private readonly cases: TemporaryCasesKnown,
  ) {}

  @Post(':township/allocations')
  @Roles('payments-officer', 'county-approver')
  @ApiOperation({ summary: 'The county allocates money to a township’s reserve fund' })
  @ApiContract({ params: townshipParams, body: allocationRequest, responses: { 201: fundAnswer }, errors: refusals })
  async allocate(@Param('township') township: string, @Body() body: z.infer<typeof allocationRequest>, @CurrentActor() actor: AuthenticatedActor) {
    const at = this.clock.now().toISOString();
    return this.run(
      township,
      { type: 'AllocateReserveFund', township, ...body, amountFen: fen(body.amountFen), allocatedBy: actorOf(actor), allocatedAt: at },
      actor,
    );
  }

  @Post(':township/draws')
  @Roles('township-reviewer', 'payments-officer')
  @ApiOperation({
    summary: 'Pay an urgent case intake took in this township at once from the fund (小金额先行救助); refused beyond the balance, with the balance',
  })
  @ApiContract({ params: townshipParams, body: drawRequest, responses: { 201: fundAnswer }, errors: refusals })
  async draw(@Param('township') township: string, @Body() body: z.infer<typeof drawRequest>, @CurrentActor() actor: AuthenticatedActor) {
    const at = this.clock.now().toISOString();
    const policy = temporaryAssistancePolicyOrRefuse(this.policies, township, at);
    const taken = await this.cases.find(body.caseId);
    const command: ReserveFundCommand = {
      type: 'DrawFromReserveFund',
      township,
      // One urgent payment per case: the id says so, and a retry of the same request books nothing twice.
      drawId: `urgent-${body.caseId}`,
      caseId: body.caseId,
      amountFen: fen(body.amountFen),
      method: body.method,
      payee: body.payee.accountNumber ? { name: body.payee.name, accountNumber: body.payee.accountNumber } : { name: body.payee.name },
      drawnBy: actorOf(actor),
      drawnAt: at,
      urgentAdvanceMaxFen: policy.urgentAdvanceMaxFen,
      policyId: policy.policyId,
      caseTownship: taken?.township,
    };
    return this.run(township, command, actor);
  }

  @Post(':township/reimbursements')
  @Roles('payments-officer', 'county-approver')
  @ApiOperation({ summary: 'The county reimburses the township’s fund for what it advanced' })
  @ApiContract({ params: townshipParams, body: reimbursementRequest, responses: { 201: fundAnswer }, errors: refusals })
  async reimburse(@Param('township') township: string, @Body() body: z.infer<typeof reimbursementRequest>, @CurrentActor() actor: AuthenticatedActor) {
    const at = this.clock.now().toISOString();
    return this.run(
      township,
      { type: 'ReplenishReserveFund', township, ...body, amountFen: fen(body.amountFen), replenishedBy: actorOf(actor), replenishedAt: at },
      actor,
    );
  }

  @Get(':township')
  @Roles('township-reviewer', 'payments-officer', 'county-approver', 'auditor')
  @ApiOperation({ summary: 'The fund’s balance as its ledger says now' })
  @ApiContract({ params: townshipParams, responses: { 200: fundAnswer }, errors: [403] })
  async balance(@Param('township') township: string, @CurrentActor() actor: AuthenticatedActor) {
    assertJurisdiction(actor, township);
    return answer(township, (await loadAggregate(this.store, reserveFundStream(township), reserveFundDecider)).state);
  }

  private async run(township: string, command: ReserveFundCommand, actor: AuthenticatedActor) {
    const { state } = await executeCommand(this.store, reserveFundStream(township), reserveFundDecider, command, {
      actor: actorOf(actor),
      correlationId: 'caseId' in command ? command.caseId : township,
    });
    return answer(township, state);
  }
}

function answer(township: string, state: ReserveFundState) {
  return { township, balanceFen: state.balanceFen, entries: state.entries };
}
