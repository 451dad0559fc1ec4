/**
 * The one command handler every aggregate of every service uses: read the aggregate's stream once,
 * fold it, hand the state to the pure decider (which decides authority and jurisdiction from it
 * too), append the decision with the revision it was based on. A refusal is thrown as
 * CommandRejectedError and answers by its kind. A concurrent writer makes the append fail with
 * WrongExpectedRevisionError; then the whole read-decide-append is retried, so a decision is always
 * taken on the latest history.
 */
import type { Actor, AppendResult, EventStore, HandledMessage, NewEvent, RecordedEvent } from '@sa/event-store';
import type { Decider } from '@sa/domain-shared';
import { fold } from '@sa/domain-shared';
import { CommandRejectedError } from '../http/domain-errors.filter';
import { deterministicUuid } from './deterministic-id';
import { unpublishableEvent } from './publication-guard';

export interface DomainEvent {
  readonly type: string;
  readonly data: unknown;
}

export interface CommandContext {
  readonly actor: Actor;
  readonly correlationId?: string;
  /** The message or request that caused this command. */
  readonly causationId?: string;
  /** When the command came from a Kafka message: its id, so the inbox records it with the events. */
  readonly handledMessage?: HandledMessage;
  /** Seed for deterministic event ids (e.g. the inbound message id); random ids otherwise. */
  readonly idempotencyKey?: string;
}

/** An aggregate's state folded from its stream up to `revision`. */
export interface FoldedState<S> {
  readonly state: S;
  readonly revision: number | 'no_stream';
}

export interface CommandOutcome<E, S> {
  readonly state: S;
  readonly events: readonly E[];
  readonly append?: AppendResult;
  /**
   * The revision `state` is folded to, so the caller's next command can start from it (`from`)
   * instead of reading the stream again. Absent when not known: the append found the batch stored
   * already (a retry), and the stream may have moved on since.
   */
  readonly revision?: number | 'no_stream';
}

// S defaults to never so that options typed `ExecuteOptions` (without `from`) fit any aggregate.
export interface ExecuteOptions<S = never> {
  readonly maxAttempts?: number;
  readonly schemaVersion?: number;
  /**
   * The stream is expected not to exist yet (a new aggregate under a fresh id): decide on the
   * initial state and append with `no_stream` without reading the stream first. If it does exist
   * after all, the append refuses and the command runs again the usual way, on its history.
   */
  readonly expectNewStream?: boolean;
  /**
   * The state the caller folded already (loadAggregate, or the previous command's outcome): decide
   * on it without reading the stream (issue #11: one read per command). A stale one makes the
   * append refuse, and the command runs again the usual way, on the history.
   */
  readonly from?: FoldedState<S>;
}

export async function loadAggregate<E extends DomainEvent, S>(
  store: EventStore,
  stream: string,
  decider: Pick<Decider<unknown, E, S>, 'evolve' | 'initialState'>,
): Promise<{ state: S; revision: number | 'no_stream'; history: RecordedEvent[] }> {
  const history = await store.readStream(stream);
  const events = history.map((e) => ({ type: e.type, data: e.data }) as E);
  const last = history.at(-1);
  return { state: fold(decider, events), revision: last ? last.revision : 'no_stream', history };
}

/**
 * The command, or how to build it from the folded state: when a command carries values that depend
 * on the aggregate (the regional policy of the case's region, the organisations serving a
 * referral's region), the handler builds it from the state this one read gives, instead of reading
 * the stream once more to find them. Built again on every attempt, from the state that attempt read.
 */
export type CommandFor<C, S> = C | ((state: S) => C | Promise<C>);

export async function executeCommand<C extends object, E extends DomainEvent, S>(
  store: EventStore,
  stream: string,
  decider: Decider<C, E, S>,
  command: CommandFor<C, NoInfer<S>>,
  context: CommandContext,
  options: ExecuteOptions<NoInfer<S>> = {},
): Promise<CommandOutcome<E, S>> {
  const maxAttempts = options.maxAttempts ?? 5;
  for (let attempt = 1; ; attempt++) {
    // Saves the read (two queries) on the hot path of creating aggregates, e.g. taking an application.
    const assumed = attempt === 1 ? assumedState(decider, options) : undefined;
    const { state, revision } = assumed ?? (await loadAggregate(store, stream, decider));
    const decision = decider.decide(typeof command === 'function' ? await command(state) : command, state);
    if (!decision.ok) throw new CommandRejectedError(decision.rejection);
    if (decision.events.length === 0) return { state, events: [], revision };
    // What the relay could not publish is refused here, before anything is written (422 naming the field).
    const unpublishable = unpublishableEvent(store, stream, decision.events, context);
    if (unpublishable) throw new CommandRejectedError(unpublishable);
    const newEvents = newEventsOf(stream, decision.events, context, options.schemaVersion);
    try {
      const append = await store.appendToStream(stream, newEvents, {
        expectedRevision: revision,
        ...(context.handledMessage ? { handledMessage: context.handledMessage } : {}),
      });
      const after = decision.events.reduce((s, e) => decider.evolve(s, e), state);
      return { state: after, events: decision.events, append, ...(append.appended > 0 ? { revision: append.nextExpectedRevision } : {}) };
    } catch (error) {
      const conflict = error instanceof Error && error.name === 'WrongExpectedRevisionError';
      // A wrong guess (the stream was not new, or the caller's state was stale) costs one more attempt, not one of maxAttempts.
      if (!conflict || (attempt >= maxAttempts && !assumed)) throw error;
    }
  }
}

/** A decision's events as the store takes them, with the command's envelope (actor, correlation, causation). */
export function newEventsOf(stream: string, events: readonly DomainEvent[], context: CommandContext, schemaVersion = 1): NewEvent[] {
  return events.map((event, index) => ({
    ...(context.idempotencyKey ? { eventId: deterministicUuid(context.idempotencyKey, stream, String(index)) } : {}),
    type: event.type,
    schemaVersion,
    data: event.data,
    actor: context.actor,
    ...(context.correlationId ? { correlationId: context.correlationId } : {}),
    ...(context.causationId ? { causationId: context.causationId } : {}),
  }));
}

/** The state to decide on without reading: the caller's, or the initial one of a stream expected to be new. */
function assumedState<S>(decider: Pick<Decider<unknown, DomainEvent, S>, 'initialState'>, options: ExecuteOptions<S>): FoldedState<S> | undefined {
  if (options.from) return options.from;
  return options.expectNewStream === true ? { state: decider.initialState, revision: 'no_stream' } : undefined;
}
