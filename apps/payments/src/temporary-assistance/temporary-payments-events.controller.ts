/** An approved temporary case's stages are scheduled for payment (一次审批、分阶段救助). */
import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { temporaryAssistanceApprovedV1 } from '@sa/contracts';
import { fen } from '@sa/domain-shared';
import { ContractEventPattern, type IntegrationEventContext, type PayloadOf } from '@sa/messaging';
import { CommandRejectedError } from '@sa/platform';
import { StagePayments } from './stage-payments';

@Controller()
export class TemporaryPaymentsEventsController {
  constructor(private readonly stages: StagePayments) {}

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
