/**
 * Charity referral's inbound events as @nestjs/microservices handlers (the platform's Kafka
 * transport): a rejected case, or an approved one still in hardship, opens a referral only when the
 * household consented (the decider refuses otherwise). Consumer group in integration.ts.
 */
import { Controller, Inject } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { caseApprovedV1, caseRejectedV1 } from '@sa/contracts';
import { ContractEventPattern, type HandlerContext, type IntegrationEventContext, type PayloadOf, type ReceivedEvent } from '@sa/messaging';
import { LOGGER, type Logger, refusedAs } from '@sa/platform';
import { type CaseDecision, ReferralCommands } from './referral-commands';

/** Any offset form the contract admits, as one UTC instant. */
const asUtc = (instant: string) => new Date(instant).toISOString();

/**
 * Refusals that mean "nothing to do": forbidden (no consent to refer) or a conflict (approved and
 * no longer in hardship, or the case's referral already opened by an earlier delivery).
 */
const nothingToDo = ['forbidden', 'conflict'] as const;

@Controller()
export class CaseDecisionsController {
  constructor(
    private readonly commands: ReferralCommands,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  @ContractEventPattern(caseRejectedV1)
  onCaseRejected(@Payload() p: PayloadOf<typeof caseRejectedV1>, @Ctx() ctx: IntegrationEventContext): Promise<void> {
    return this.open(
      {
        applicationId: p.applicationId,
        region: p.region,
        caseOutcome: { outcome: 'rejected' },
        // The case event carries the consent but not when it was given; it held when the case was decided.
        consent: { charityReferral: p.consents.charityReferral, recordedAt: asUtc(p.rejectedAt) },
        contact: { name: p.contact.applicantName, ...(p.contact.phone ? { phone: p.contact.phone } : {}) },
      },
      ctx.event,
      ctx.handler,
    );
  }

  @ContractEventPattern(caseApprovedV1)
  onCaseApproved(@Payload() p: PayloadOf<typeof caseApprovedV1>, @Ctx() ctx: IntegrationEventContext): Promise<void> {
    return this.open(
      {
        applicationId: p.applicationId,
        region: p.region,
        caseOutcome: { outcome: 'approved', stillInHardship: p.stillInHardship },
        consent: { charityReferral: p.consents.charityReferral, recordedAt: asUtc(p.confirmedAt) },
        // case-approved names the members but no phone; the first member listed is the applicant.
        contact: { name: p.members[0]?.name ?? '申请人' },
      },
      ctx.event,
      ctx.handler,
    );
  }

  private async open(decision: CaseDecision, e: ReceivedEvent<unknown>, ctx: HandlerContext): Promise<void> {
    try {
      const state = await this.commands.openFromCase(decision, {
        eventId: e.id,
        ...(e.correlationId ? { correlationId: e.correlationId } : {}),
        handledMessage: ctx.handledMessage,
      });
      this.logger.info({ applicationId: decision.applicationId, referralStatus: state.status }, 'referral opened from a case decision');
    } catch (error) {
      if (!refusedAs(error, ...nothingToDo)) throw error;
      this.logger.info({ applicationId: decision.applicationId, code: error.rejection.code }, 'case decision opens no referral');
    }
  }
}
