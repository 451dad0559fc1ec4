/** A draw from a township's reserve fund for a case is its urgent payment (先行救助): recorded on the case, starting the documents deadline. */
import { Controller, Inject } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { reserveFundDrawnV1 } from '@sa/contracts';
import { fen } from '@sa/domain-shared';
import { temporaryCaseDecider } from '@sa/domain-temporary-assistance';
import type { EventStore } from '@sa/event-store';
import { ContractEventPattern, type IntegrationEventContext, type PayloadOf } from '@sa/messaging';
import { CommandRejectedError, EVENT_STORE, executeCommand, type Logger, LOGGER, TemporaryAssistancePolicies } from '@sa/platform';
import { temporaryCaseStream } from './temporary-case-commands';

@Controller()
export class TemporaryCaseEventsController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly policies: TemporaryAssistancePolicies,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  @ContractEventPattern(reserveFundDrawnV1)
  async onReserveFundDrawn(@Payload() p: PayloadOf<typeof reserveFundDrawnV1>, @Ctx() ctx: IntegrationEventContext): Promise<void> {
    const actor = p.drawnBy;
    const policy = this.policies.inForce(p.township, p.drawnAt);
    try {
      await executeCommand(
        this.store,
        temporaryCaseStream(p.caseId),
        temporaryCaseDecider,
        { type: 'RecordUrgentPayment', caseId: p.caseId, drawId: p.drawId, amountFen: fen(p.amountFen), paidAt: p.drawnAt, paidBy: actor, policy },
        ctx.causing(actor),
      );
    } catch (error) {
      if (!(error instanceof CommandRejectedError)) throw error;
      // Recorded already (a redelivery), or a draw for a case intake never took: nothing more to record.
      this.logger.warn({ caseId: p.caseId, code: error.rejection.code }, 'reserve-fund draw not recorded on a temporary case');
    }
  }
}
