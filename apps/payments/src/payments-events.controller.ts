/**
 * Payments' inbound events as @nestjs/microservices handlers (the platform's Kafka transport):
 * approval's case-approved grants the entitlement; county public security's deaths stop it (no
 * receipt: verification answers county messages). Consumer groups in integration.ts.
 */
import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { caseApprovedV1, periodicReviewDecidedV1, residentDeathV1 } from '@sa/contracts';
import { ContractEventPattern, type IntegrationEventContext, type PayloadOf } from '@sa/messaging';
import { CaseApprovals } from './entitlements/case-approvals';
import { DeathReports } from './entitlements/death-reports';
import { ReviewOutcomes } from './entitlements/review-outcomes';

@Controller()
export class PaymentsEventsController {
  constructor(
    private readonly approvals: CaseApprovals,
    private readonly deaths: DeathReports,
    private readonly reviews: ReviewOutcomes,
  ) {}

  @ContractEventPattern(periodicReviewDecidedV1)
  onReviewDecided(
    @Payload() _payload: PayloadOf<typeof periodicReviewDecidedV1>,
    @Ctx() ctx: IntegrationEventContext<PayloadOf<typeof periodicReviewDecidedV1>>,
  ): Promise<void> {
    return this.reviews.onReviewDecided(ctx.event);
  }

  @ContractEventPattern(caseApprovedV1)
  onCaseApproved(@Payload() _payload: PayloadOf<typeof caseApprovedV1>, @Ctx() ctx: IntegrationEventContext<PayloadOf<typeof caseApprovedV1>>): Promise<void> {
    return this.approvals.onCaseApproved(ctx.event, ctx.handledMessage);
  }

  @ContractEventPattern(residentDeathV1)
  onResidentDeath(
    @Payload() _payload: PayloadOf<typeof residentDeathV1>,
    @Ctx() ctx: IntegrationEventContext<PayloadOf<typeof residentDeathV1>>,
  ): Promise<void> {
    return this.deaths.onResidentDeath(ctx.event);
  }
}
