/**
 * Payroll runs record their instructions a part of a batch per event (payments'
 * PaymentInstructionsIssued: up to 100 households of one run, month and batch) and the bank's
 * outcomes likewise (PaymentsSettled), where earlier runs recorded one PaymentInstructionIssued,
 * PaymentSucceeded or PaymentFailed per household. A case's history is about one household, so
 * each such event is read as the per-household event it holds for each household: same envelope
 * (event id, stream, position, who, when), the household's own instruction or outcome as data.
 */
import { record, text } from './read';
import type { SourcedEvent } from './sourced-event';

const batchTypes = ['PaymentInstructionsIssued', 'PaymentsSettled'];

/** A batched event's per-household entries: a batch's instructions, or an import chunk's outcomes. */
function entriesOf(data: unknown): readonly unknown[] {
  const d = record(data);
  const entries = Array.isArray(d.instructions) ? d.instructions : d.results;
  return Array.isArray(entries) ? entries : [];
}

/** The applicationIds of the households a batched event pays or settles (none for any other event). */
export function batchedApplicationIds(type: string | undefined, data: unknown): string[] {
  if (type !== undefined && !batchTypes.includes(type)) return [];
  return entriesOf(data)
    .map((i) => text(record(i).applicationId))
    .filter((id): id is string => id !== undefined);
}

/** One per-household event for each household of a batched event; any other event as it is. */
export function perHousehold(event: SourcedEvent): SourcedEvent[] {
  if (!batchTypes.includes(event.type)) return [event];
  const d = record(event.data);
  if (event.type === 'PaymentsSettled') {
    return entriesOf(d).map((r) => {
      const { outcome, ...rest } = record(r);
      return { ...event, type: outcome === 'paid' ? 'PaymentSucceeded' : 'PaymentFailed', data: { payrollId: d.payrollId, ...rest } };
    });
  }
  return entriesOf(d).map((i) => ({
    ...event,
    type: 'PaymentInstructionIssued',
    data: { payrollId: d.payrollId, ...record(i), month: d.month, issuedAt: d.issuedAt },
  }));
}
