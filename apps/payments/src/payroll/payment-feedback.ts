/**
 * Feeds every issued payment instruction back to its entitlement (RecordPaymentIssued), so that a
 * death report knows what to recover and no other run pays the same month again. It follows the
 * event store from a checkpoint like a projection: a crash in the middle of a run's feedback is
 * resumed on restart, and recording twice appends nothing (idempotent by instruction id). A batch
 * of instructions is recorded several entitlements at a time (in order per entitlement): one at a
 * time, a run of 100,000 kept its entitlements behind for minutes and the next run waiting. While a
 * run of this process is issuing batches, the feedback waits (PayrollActivity).
 */
import { Inject, Injectable } from '@nestjs/common';
import { instructionsOf, type PaymentInstructionIssued, type PayrollEvent } from '@sa/domain-payments';
import type { RecordedEvent } from '@sa/event-store';
import { recordedAs } from '@sa/messaging';
import { Clock, CommandRejectedError, LOGGER, type Logger, ProjectionRunner } from '@sa/platform';
import { setTimeout as sleep } from 'node:timers/promises';
import { inParallel } from '../entitlements/entitlement-batch';
import { EntitlementCommands } from '../entitlements/entitlement-commands';
import { paymentsSystem } from '../streams';
import { instructionsIssued, paymentFeedbackProjection } from './payment-feedback-filter';
import { PayrollActivity } from './payroll-activity';

interface Issued {
  readonly issued: PaymentInstructionIssued['data'];
  readonly recorded: RecordedEvent;
}

/** The instructions an event issued: a batch's, or one (runs recorded before batches carried them). */
function issuedIn(e: PayrollEvent): readonly PaymentInstructionIssued['data'][] {
  if (e.type === 'PaymentInstructionsIssued') return instructionsOf(e);
  return e.type === 'PaymentInstructionIssued' ? [e.data] : [];
}

const attempts = 6;
/** Entitlements recorded at once (each a read and an append on the event store's pool of 10). */
const concurrency = 6;

@Injectable()
export class PaymentFeedback {
  constructor(
    private readonly activity: PayrollActivity,
    projections: ProjectionRunner,
    private readonly commands: EntitlementCommands,
    private readonly clock: Clock,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {
    projections.register({
      name: paymentFeedbackProjection,
      filter: instructionsIssued,
      collections: [],
      apply: (e) => this.apply(e),
      applyBatch: (events) => this.applyAll(events),
      // 20 batch events are 2,000 instructions held while a run issues (500 were 50,000 and their map).
      maxBatch: 20,
    });
  }

  /** A page of events (a batch event carries up to 10,000 instructions): several entitlements at a time, in order per entitlement. */
  private async applyAll(events: readonly RecordedEvent[]): Promise<void> {
    const perEntitlement = new Map<string, Issued[]>();
    for (const [i, e] of recordedAs<PayrollEvent>(events).entries()) {
      for (const issued of issuedIn(e)) {
        const one = { issued, recorded: events[i] as RecordedEvent };
        const list = perEntitlement.get(issued.entitlementId);
        if (list) list.push(one);
        else perEntitlement.set(issued.entitlementId, [one]);
      }
    }
    await inParallel([...perEntitlement.values()], concurrency, async (list) => {
      // One append per entitlement: a million of them beside a running payroll took its database
      // from it. They wait while a run issues batches (the next run waits for them), checked per
      // entitlement, as a page of batch events holds up to 125,000 instructions.
      while (this.activity.issuing) await sleep(200);
      for (const { issued, recorded } of list) await this.record(issued, recorded);
    });
  }

  private async apply(recorded: RecordedEvent): Promise<void> {
    await this.applyAll([recorded]);
  }

  private async record(issued: PaymentInstructionIssued['data'], recorded: RecordedEvent): Promise<void> {
    const actor = paymentsSystem(issued.region);
    const command = {
      type: 'RecordPaymentIssued',
      entitlementId: issued.entitlementId,
      payrollId: issued.payrollId,
      instructionId: issued.instructionId,
      month: issued.month,
      amountFen: issued.amountFen,
      recordedAt: this.clock.now().toISOString(),
    } as const;
    // No fixed event ids: a concurrent or repeated recording reloads and finds the instruction recorded.
    const context = { actor, correlationId: recorded.correlationId, causationId: recorded.eventId };
    for (let attempt = 1; ; attempt++) {
      try {
        this.activity.feedbackAppended(await this.commands.recordPaymentIssued(command, context));
        return;
      } catch (error) {
        if (error instanceof CommandRejectedError) {
          this.logger.error(
            { instructionId: issued.instructionId, entitlementId: issued.entitlementId, code: error.rejection.code },
            'an issued payment could not be recorded on its entitlement',
          );
          return;
        }
        // Past the budget the projection stops and payroll runs answer 503 until it is restarted: safer than skipping.
        if (attempt >= attempts) throw error;
        await sleep(200 * 2 ** attempt);
      }
    }
  }
}
