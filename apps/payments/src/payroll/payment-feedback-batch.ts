/**
 * Payment feedback for many entitlements in one write (an event store that can: PostgreSQL). One
 * query reads their states from the payroll's entitlement table (each with the stream revision it
 * is folded to), the entitlement's own decider decides RecordPaymentIssued on each — recorded
 * already: nothing; paid for a month after a known death: recorded and flagged for recovery — and
 * one statement appends every entitlement's events, each only if its stream is still at the
 * revision the table showed (MultiStreamAppend). So the decision is the one the single-stream path
 * would take, on the same history; what the table did not show at its stream's head (the table
 * lags, a death was reported meanwhile, no row) is answered back and recorded one by one.
 * A million instructions: ~2,000 writes of 500 entitlements, not a million read-and-append pairs.
 */
import { entitlementDecider, type EntitlementEvent, type EntitlementState, type PaymentInstructionIssued, type RecordPaymentIssued } from '@sa/domain-payments';
import type { MultiStreamAppend, NewEvent, RecordedEvent, StreamAppend } from '@sa/event-store';
import { entitlementStream, paymentsSystem } from '../streams';
import type { EntitlementTable } from './entitlement-table';

export interface Issued {
  readonly issued: PaymentInstructionIssued['data'];
  readonly recorded: RecordedEvent;
}

/** Entitlements per write. */
export const entitlementsPerWrite = 500;

export function recordPaymentIssued(issued: PaymentInstructionIssued['data'], recordedAt: string): RecordPaymentIssued {
  const { entitlementId, payrollId, instructionId, month, amountFen } = issued;
  return { type: 'RecordPaymentIssued', entitlementId, payrollId, instructionId, month, amountFen, recordedAt };
}

export class BatchedPaymentFeedback {
  constructor(
    private readonly store: MultiStreamAppend,
    private readonly table: EntitlementTable,
  ) {}

  /**
   * Records up to `entitlementsPerWrite` entitlements' instructions (each list in stream order);
   * answers the lists it did not record (to be recorded one by one) and the last position written.
   */
  async record(lists: readonly (readonly Issued[])[], recordedAt: string): Promise<{ left: (readonly Issued[])[]; position?: number }> {
    const rows = await this.table.rows(lists.map((l) => (l[0] as Issued).issued.entitlementId));
    const left: (readonly Issued[])[] = [];
    const appends: StreamAppend[] = [];
    const appended: (readonly Issued[])[] = [];
    for (const list of lists) {
      const entitlementId = (list[0] as Issued).issued.entitlementId;
      const row = rows.get(entitlementId);
      const events = row ? decideAll(row.state, list, recordedAt) : undefined;
      if (!row || !events) left.push(list);
      else if (events.length > 0) {
        appends.push({ stream: entitlementStream(entitlementId), events, expectedRevision: row.revision });
        appended.push(list);
      }
    }
    if (appends.length === 0) return { left };
    const results = await this.store.appendToStreams(appends);
    let position: number | undefined;
    results.forEach((result, i) => {
      if (!result) left.push(appended[i] as readonly Issued[]);
      else position = Math.max(position ?? -1, result.position);
    });
    return { left, ...(position === undefined ? {} : { position }) };
  }
}

/** The list decided in order on the row's state: the events to append, or undefined when any is refused (the single path says why). */
function decideAll(from: EntitlementState, list: readonly Issued[], recordedAt: string): NewEvent[] | undefined {
  let state = from;
  const events: NewEvent[] = [];
  for (const { issued, recorded } of list) {
    const decision = entitlementDecider.decide(recordPaymentIssued(issued, recordedAt), state);
    if (!decision.ok) return undefined;
    for (const event of decision.events as EntitlementEvent[]) {
      events.push({
        type: event.type,
        data: event.data,
        actor: paymentsSystem(issued.region),
        correlationId: recorded.correlationId,
        causationId: recorded.eventId,
      });
      state = entitlementDecider.evolve(state, event);
    }
  }
  return events;
}
