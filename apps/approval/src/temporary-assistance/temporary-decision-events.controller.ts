/** Intake's temporary cases reach approval: the application opens the tiered decision; an urgent payment is counted in its total. */
import { Controller, Inject } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { temporaryAssistanceAppliedV1, temporaryUrgentPaymentRecordedV1 } from '@sa/contracts';
import { fen } from '@sa/domain-shared';
import { temporaryDecisionDecider, type TemporaryDecisionCommand } from '@sa/domain-temporary-assistance';
import type { EventStore } from '@sa/event-store';
import { ContractEventPattern, type IntegrationEventContext, type PayloadOf } from '@sa/messaging';
import { CommandRejectedError, EVENT_STORE, executeCommand } from '@sa/platform';
import { temporaryDecisionStream } from './temporary-decision-commands';

const system = (region: string) => ({ userId: 'approval-service', role: 'county-system', orgUnit: region }) as const;

@Controller()
export class TemporaryDecisionEventsController {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  @ContractEventPattern(temporaryAssistanceAppliedV1)
  onApplied(@Payload() p: PayloadOf<typeof temporaryAssistanceAppliedV1>, @Ctx() ctx: IntegrationEventContext): Promise<void> {
    const facts = {
      caseId: p.caseId,
      category: p.category,
      severity: p.severity,
      emergencyLocation: p.emergencyLocation,
      township: p.township,
      // The yearly cap counts against the person's resident ID; someone without one against the case alone.
      householdKey: p.applicant.residentId ?? `case:${p.caseId}`,
      amountAskedFen: fen(p.amountAskedFen),
      ...(p.applicant.bankAccount ? { payee: p.applicant.bankAccount } : {}),
      charityReferralConsent: p.charityReferralConsent ?? false,
      contact: { name: p.applicant.name, ...(p.applicant.phone ? { phone: p.applicant.phone } : {}) },
      appliedBy: p.appliedBy,
      appliedAt: p.appliedAt,
    };
    return this.run(p.caseId, p.township, { type: 'OpenTemporaryDecision', facts }, ctx);
  }

  @ContractEventPattern(temporaryUrgentPaymentRecordedV1)
  onUrgentPayment(@Payload() p: PayloadOf<typeof temporaryUrgentPaymentRecordedV1>, @Ctx() ctx: IntegrationEventContext): Promise<void> {
    return this.run(
      p.caseId,
      p.township,
      { type: 'RecordUrgentAdvance', caseId: p.caseId, drawId: p.drawId, amountFen: fen(p.amountFen), paidAt: p.paidAt },
      ctx,
    );
  }

  private async run(caseId: string, region: string, command: TemporaryDecisionCommand, ctx: IntegrationEventContext): Promise<void> {
    const actor = system(region);
    try {
      await executeCommand(this.store, temporaryDecisionStream(caseId), temporaryDecisionDecider, command, ctx.causing(actor));
    } catch (error) {
      // Already opened or recorded (a redelivery); an advance after the decision changes nothing here.
      if (!(error instanceof CommandRejectedError)) throw error;
    }
  }
}
