/** An approved temporary case's stages are scheduled for payment (一次审批、分阶段救助); a case taken is noted for its draw. */
import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { temporaryAssistanceAppliedV1, temporaryAssistanceApprovedV1 } from '@sa/contracts';
import { fen } from '@sa/domain-shared';
import { ContractEventPattern, type IntegrationEventContext, type PayloadOf } from '@sa/messaging';
import { CommandRejectedError } from '@sa/platform';
import { StagePayments } from './stage-payments';
import { TemporaryCasesKnown } from './temporary-cases-known';

@Controller()
export class TemporaryPaymentsEventsController {
  constructor(
    private readonly stages: StagePayments,
    private readonly known: TemporaryCasesKnown,
  ) {}

  @ContractEventPattern(temporaryAssistanceAppliedV1)
  onApplied(@Payload() p: PayloadOf<typeof temporaryAssistanceAppliedV1>): Promise<void> {
    return this.known.record({ _id: p.caseId, township: p.township, category: p.category, appliedAt: p.appliedAt });
  }

  @ContractEventPattern(temporaryAssistanceApprovedV1)
  async onApproved(@Payload() p: PayloadOf<typeof temporaryAssistanceApprovedV1>, @Ctx() ctx: IntegrationEventContext): Promise<void> {
    // Nothing left to pay after the urgent advance (or no account): no stages to schedule.
    if (p.stages.length === 0 || !p.payee) return;
    const actor = { userId: 'payments-service', role: 'county-system', orgUnit: p.township } as const;
    try {
      await this.stages.execute(
        p.caseId,
        {
          type: 'ScheduleStages',
          caseId: p.caseId,
          township: p.township,
          payee: p.payee,
          stages: p.stages.map((s) => ({ dueDate: s.dueDate, amountFen: fen(s.amountFen) })),
          approvedAt: p.decidedAt,
        },
        ctx.causing(actor),
      );
    } catch (error) {
      // Scheduled already: a redelivery.
      if (!(error instanceof CommandRejectedError)) throw error;
    }
  }
}
