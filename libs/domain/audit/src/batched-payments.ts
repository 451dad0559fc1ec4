/**
 * Payroll runs record their instructions a part of a batch per event (payments'
 * PaymentInstructionsIssued: up to 250 households of one run, month and batch), where earlier runs
 * recorded one PaymentInstructionIssued per household. A case's history is about one household,
 * so each such event is read as the PaymentInstructionIssued it holds for each household: same
 * envelope (event id, stream, position, who, when), the household's own instruction as data.
 */
import { record, text } from './read';
import type { SourcedEvent } from './sourced-event';

const batchType = 'PaymentInstructionsIssued';

/** The applicationIds of the households a batched event pays (none for any other event). */
export function batchedApplicationIds(type: string | undefined, data: unknown): string[] {
  if (type !== undefined && type !== batchType) return [];
  const instructions = record(data).instructions;
  if (!Array.isArray(instructions)) return [];
  return instructions.map((i) => text(record(i).applicationId)).filter((id): id is string => id !== undefined);
}

/** One PaymentInstructionIssued per household of a batched event; any other event as it is. */
export function perHousehold(event: SourcedEvent): SourcedEvent[] {
  if (event.type !== batchType) return [event];
  const d = record(event.data);
  const instructions = Array.isArray(d.instructions) ? d.instructions : [];
  return instructions.map((i) => ({
    ...event,
    type: 'PaymentInstructionIssued',
    data: { payrollId: d.payrollId, ...record(i), month: d.month, issuedAt: d.issuedAt },
  }));
}
