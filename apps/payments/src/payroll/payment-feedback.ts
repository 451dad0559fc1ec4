/**
 * Feeds every issued payment instruction back to its entitlement (RecordPaymentIssued), so that a
 * death report knows what to recover and no other run pays the same month again. It follows the
 * event store from a checkpoint like a projection: a crash in the middle of a run's feedback is
 * resumed on restart, and recording twice appends nothing (idempotent by instruction id). On
 * PostgreSQL a page's entitlements are recorded 500 at a time in one write
 * (payment-feedback-batch.ts); what that cannot record, and every entitlement on a store without
 * multi-stream appends (KurrentDB), is recorded one by one, several entitlements at a time (in
 * order per entitlement). While a run of this process is issuing batches, the feedback waits
 * (PayrollActivity).
 */
import { Inject, Injectable } from '@nestjs/common';
import { instructionsOf, type PaymentInstructionIssued, type PayrollEvent } from '@sa/domain-payments';
import { type EventStore, type RecordedEvent, supportsMultiStreamAppend } from '@sa/event-store';
import { recordedAs } from '@sa/messaging';
import { Clock, CommandRejectedError, EVENT_STORE, LOGGER, type Logger, ProjectionRunner } from '@sa/platform';
import { setTimeout as sleep } from 'node:timers/promises';
import { inParallel } from '../entitlements/entitlement-batch';
import { EntitlementCommands } from '../entitlements/entitlement-commands';
import { paymentsSystem } from '../streams';
import type { EntitlementTable } from './entitlement-table';
import { ENTITLEMENT_TABLE } from './entitlement-table.provider';
import { BatchedPaymentFeedback, entitlementsPerWrite, type Issued, recordPaymentIssued } from './payment-feedback-batch';
import { instructionsIssued, paymentFeedbackProjection } from './payment-feedback-filter';
import { PayrollActivity } from './payroll-activity';

/** The instructions an event issued: a batch's, or one (runs recorded before batches carried them). */
function issuedIn(e: PayrollEvent): readonly PaymentInstructionIssued['data'][] {
  if (e.type === 'PaymentInstructionsIssued') return instructionsOf(e);
  return e.type === 'PaymentInstructionIssued' ? [e.data] : [];
}

const attempts = 6;
/** Entitlements recorded at once (each a read and an append on the event store's pool of 10). */
const concurrency = 6;
/** Writes of 500 entitlements at once: one waits on PostgreSQL (~300 ms under load) while the next is read and decided. */
const writesAtOnce = 3;

@Injectable()
export class PaymentFeedback {
  private readonly batched: BatchedPaymentFeedback | undefined;

  constructor(
    private readonly activity: PayrollActivity,
    projections: ProjectionRunner,
    private readonly commands: EntitlementCommands,
    private readonly clock: Clock,
    @Inject(LOGGER) private readonly logger: Logger,
    @Inject(EVENT_STORE) store: EventStore,
    @Inject(ENTITLEMENT_TABLE) table: EntitlementTable,
  ) {
    this.batched = supportsMultiStreamAppend(store) ? new BatchedPaymentFeedback(store, table) : undefined;
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
    let lists: (readonly Issued[])[] = [...perEntitlement.values()];
    if (this.batched) lists = await this.recordBatched(lists);
    await inParallel(lists, concurrency, async (list) => {
      // One append per entitlement: a million of them beside a running payroll took its database
      // from it. They wait while a run issues batches (the next run waits for them), checked per
      // entitlement, as a page of batch events holds up to 2,000 instructions.
      while (this.activity.issuing) await sleep(200);
      for (const { issued, recorded } of list) await this.record(issued, recorded);
    });
  }

  /** 500 entitlements a write, a few writes at once (disjoint entitlements); answers those left to record one by one. */
  private async recordBatched(lists: readonly (readonly Issued[])[]): Promise<(readonly Issued[])[]> {
    const groups: (readonly Issued[])[][] = [];
    for (let from = 0; from < lists.length; from += entitlementsPerWrite) groups.push(lists.slice(from, from + entitlementsPerWrite));
    const left: (readonly Issued[])[] = [];
    await inParallel(groups, writesAtOnce, async (group) => {
      while (this.activity.issuing) await sleep(200);
      const written = await (this.batched as BatchedPaymentFeedback).record(group, this.clock.now().toISOString());
      this.activity.feedbackAppended(written.position);
      left.push(...written.left);
    });
    if (left.length > 0) this.logger.debug({ entitlements: left.length }, 'payment feedback recorded one by one (the entitlement table was behind)');
    return left;
  }

  private async apply(recorded: RecordedEvent): Promise<void> {
    await this.applyAll([recorded]);
  }

  private async record(issued: PaymentInstructionIssued['data'], recorded: RecordedEvent): Promise<void> {
    const actor = paymentsSystem(issued.region);
    const command = recordPaymentIssued(issued, this.clock.now().toISOString());
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
