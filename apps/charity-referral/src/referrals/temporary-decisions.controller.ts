/**
 * Temporary assistance (临时救助) decisions open a charity referral like dibao decisions do: a rejected
 * temporary case, or an approved one still in hardship, when the person consented (the decider
 * refuses otherwise). The case id stands in for the application id (both are case ids the audit joins by).
 */
import { Controller, Inject } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { temporaryAssistanceApprovedV1, temporaryAssistanceRejectedV1, temporaryCaseReferredToCountyV1, type IntegrationContract } from '@sa/contracts';
import { ContractEventPattern, type IntegrationEventContext, type PayloadOf } from '@sa/messaging';
import { LOGGER, type Logger, refusedAs, type ConsumptionDefinition } from '@sa/platform';
import { type CaseDecision, ReferralCommands } from './referral-commands';

const asUtc = (instant: string) => new Date(instant).toISOString();

export const temporaryDecisionConsumption: ConsumptionDefinition = {
  name: 'charity-referral-temporary-decisions',
  inbox: 'event-store',
  handles: [temporaryAssistanceApprovedV1, temporaryAssistanceRejectedV1],
  ignore: [temporaryCaseReferredToCountyV1 as IntegrationContract],
};

@Controller()
export class TemporaryDecisionsController {
  constructor(
    private readonly commands: ReferralCommands,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  @ContractEventPattern(temporaryAssistanceApprovedV1)
  onApproved(@Payload() p: PayloadOf<typeof temporaryAssistanceApprovedV1>, @Ctx() ctx: IntegrationEventContext): Promise<void> {
    return this.open(p.caseId, p.township, { outcome: 'approved', stillInHardship: p.stillInHardship }, p.charityReferralConsent, p.decidedAt, p.contact, ctx);
  }

  @ContractEventPattern(temporaryAssistanceRejectedV1)
  onRejected(@Payload() p: PayloadOf<typeof temporaryAssistanceRejectedV1>, @Ctx() ctx: IntegrationEventContext): Promise<void> {
    return this.open(p.caseId, p.township, { outcome: 'rejected' }, p.charityReferralConsent, p.decidedAt, p.contact, ctx);
  }

  private async open(
    caseId: string,
    region: string,
    caseOutcome: CaseDecision['caseOutcome'],
    consented: boolean,
    decidedAt: string,
    contact: { name: string; phone?: string | undefined } | undefined,
    ctx: IntegrationEventContext,
  ): Promise<void> {
    const decision: CaseDecision = {
      applicationId: caseId,
      region,
      caseOutcome,
      consent: { charityReferral: consented, recordedAt: asUtc(decidedAt) },
      // Without consent no contact travels; the decider refuses before it is needed.
      contact: { name: contact?.name ?? '申请人', ...(contact?.phone ? { phone: contact.phone } : {}) },
    };
    try {
      const state = await this.commands.openFromCase(decision, {
        eventId: ctx.event.id,
        ...(ctx.event.correlationId ? { correlationId: ctx.event.correlationId } : {}),
        handledMessage: ctx.handledMessage,
      });
      this.logger.info({ caseId, referralStatus: state.status }, 'referral opened from a temporary-assistance decision');
    } catch (error) {
      if (!refusedAs(error, 'forbidden', 'conflict')) throw error;
      this.logger.info({ caseId, code: error.rejection.code }, 'temporary-assistance decision opens no referral');
    }
  }
}
