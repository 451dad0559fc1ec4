/**
 * Reading a payroll run's stream in pages, so a run of a million instructions is folded (or
 * written to a file) without holding its events in memory at once, and appending one decision.
 */
import { payrollDecider, type PayrollCommand, type PayrollEvent, type PayrollState } from '@sa/domain-payments';
import type { Actor } from '@sa/domain-shared';
import type { EventStore, RecordedEvent } from '@sa/event-store';
import { CommandRejectedError, deterministicUuid } from '@sa/platform';
import { payrollStream } from '../streams';

/**
 * Events per read: a batch's instructions are one event (up to 10,000 instructions, a few MB), so
 * a page of 200 holds up to about a hundred batches; a run recorded with one event per
 * instruction is read 200 instructions at a time.
 */
export const pageSize = 200;

export interface LoadedPayroll {
  readonly state: PayrollState;
  readonly revision: number | 'no_stream';
}

/** Calls `each` for every page of the stream from a revision on. */
export async function forEachPage(store: EventStore, payrollId: string, each: (page: RecordedEvent[]) => void | Promise<void>, from = 0): Promise<void> {
  for (let next = from; ;) {
    const page = await store.readStream(payrollStream(payrollId), { from: next, maxCount: pageSize });
    if (page.length === 0) return;
    await each(page);
    if (page.length < pageSize) return;
    next = (page[page.length - 1] as RecordedEvent).revision + 1;
  }
}

export async function loadPayroll(store: EventStore, payrollId: string): Promise<LoadedPayroll> {
  let state = payrollDecider.initialState;
  let revision: number | 'no_stream' = 'no_stream';
  await forEachPage(store, payrollId, (page) => {
    for (const e of page) state = payrollDecider.evolve(state, { type: e.type, data: e.data } as PayrollEvent);
    revision = (page[page.length - 1] as RecordedEvent).revision;
  });
  return { state, revision };
}

export interface AppendContext {
  readonly actor: Actor;
  readonly correlationId: string;
  /** Seed of the events' ids: the same decision appended twice is stored once. */
  readonly idempotencyKey: string;
}

/**
 * Decides on the loaded state and appends with its revision (WrongExpectedRevisionError when
 * another runner got there first: the caller reloads). Answers the new state and revision.
 */
export async function decideAndAppend(
  store: EventStore,
  loaded: LoadedPayroll,
  command: PayrollCommand,
  context: AppendContext,
): Promise<LoadedPayroll & { events: readonly PayrollEvent[]; appended: number }> {
  const decision = payrollDecider.decide(command, loaded.state);
  if (!decision.ok) throw new CommandRejectedError(decision.rejection);
  if (decision.events.length === 0) return { ...loaded, events: [], appended: 0 };
  const payrollId = (command as { payrollId: string }).payrollId;
  const result = await store.appendToStream(
    payrollStream(payrollId),
    decision.events.map((event, index) => ({
      eventId: deterministicUuid(context.idempotencyKey, String(index)),
      type: event.type,
      data: event.data,
      actor: context.actor,
      correlationId: context.correlationId,
    })),
    { expectedRevision: loaded.revision },
  );
  let state = loaded.state;
  for (const event of decision.events) state = payrollDecider.evolve(state, event);
  // appended 0: the same batch (same idempotency key) was already stored, by this caller's earlier try or another instance.
  return { state, revision: result.nextExpectedRevision, events: decision.events, appended: result.appended };
}
