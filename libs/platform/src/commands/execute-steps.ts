/**
 * Several commands on one aggregate, each decided on the state the one before left, and all their
 * events appended together: one transaction and one commit instead of one per command. Why: a
 * process that takes an aggregate through a few steps at once (verification's check: request,
 * collect, assess, complete) paid a durable commit and its round trips per step, which was most
 * of the event store's work per application (issue #10, throughput).
 *
 * Each step is still its own command and its own event(s), decided by the same decider on the
 * state its predecessors left; the history reads exactly as if the steps had been appended one by
 * one (only `recordedAt` is shared). The first command carries the context's inbox record, so the
 * inbound message, its command and the steps after it commit at once or not at all.
 *
 * A step after the first that cannot be decided (its command could not be built — a read failed —
 * or the decider refused it) ends the sequence: what was decided before it is appended, and the
 * reason is returned in `stoppedBy` for the caller to handle as it would a failed step. A refusal
 * or failure of the first command throws, as `executeCommand` does. A concurrent writer makes the
 * append refuse; the whole sequence is then decided again on the stream's history.
 */
import type { Rejection } from '@sa/domain-shared';
import type { Decider } from '@sa/domain-shared';
import type { EventStore } from '@sa/event-store';
import { CommandRejectedError } from '../http/domain-errors.filter';
import { type CommandContext, type CommandOutcome, type DomainEvent, type ExecuteOptions, loadAggregate, newEventsOf } from './execute-command';
import { unpublishableEvent } from './publication-guard';

/** The command for the next step, given the state the previous ones left; undefined ends the sequence. */
export type NextStep<C, S> = (state: S, step: number) => C | undefined | Promise<C | undefined>;

export interface StepsOptions<C, S> extends ExecuteOptions<S> {
  /** Most steps decided in one sequence (default 10). */
  readonly maxSteps?: number;
  /**
   * A step after the first whose events could never be published (EVENT_NOT_PUBLISHABLE): the
   * command to decide instead (say, closing the aggregate with that reason), or undefined to stop.
   */
  readonly insteadOfUnpublishable?: (command: C, rejection: Rejection, state: S) => C | undefined;
}

export interface StepsOutcome<E, S> extends CommandOutcome<E, S> {
  /** Commands decided and appended. */
  readonly steps: number;
  /** Why the sequence ended before `next` said it was done (a later step's refusal or failure). */
  readonly stoppedBy?: unknown;
}

interface Decided<E, S> {
  readonly state: S;
  readonly events: E[];
  readonly steps: number;
  readonly stoppedBy?: unknown;
}

export async function executeSteps<C extends object, E extends DomainEvent, S>(
  store: EventStore,
  stream: string,
  decider: Decider<C, E, S>,
  next: NextStep<C, NoInfer<S>>,
  context: CommandContext,
  options: StepsOptions<NoInfer<C>, NoInfer<S>> = {},
): Promise<StepsOutcome<E, S>> {
  const maxAttempts = options.maxAttempts ?? 5;
  for (let attempt = 1; ; attempt++) {
    const assumed =
      attempt === 1 ? (options.from ?? (options.expectNewStream ? { state: decider.initialState, revision: 'no_stream' as const } : undefined)) : undefined;
    const { state, revision } = assumed ?? (await loadAggregate(store, stream, decider));
    const decided = await decideSteps(store, stream, decider, next, context, options, state);
    if (decided.events.length === 0) return { state, events: [], revision, steps: decided.steps, ...stopped(decided) };
    try {
      const append = await store.appendToStream(stream, newEventsOf(stream, decided.events, context, options.schemaVersion), {
        expectedRevision: revision,
        ...(context.handledMessage ? { handledMessage: context.handledMessage } : {}),
      });
      return {
        state: decided.state,
        events: decided.events,
        append,
        steps: decided.steps,
        ...(append.appended > 0 ? { revision: append.nextExpectedRevision } : {}),
        ...stopped(decided),
      };
    } catch (error) {
      const conflict = error instanceof Error && error.name === 'WrongExpectedRevisionError';
      if (!conflict || (attempt >= maxAttempts && !assumed)) throw error;
    }
  }
}

const stopped = (d: { stoppedBy?: unknown }) => (d.stoppedBy === undefined ? {} : { stoppedBy: d.stoppedBy });

/** Decides the steps on `state` in memory; throws only for the first one. */
async function decideSteps<C extends object, E extends DomainEvent, S>(
  store: EventStore,
  stream: string,
  decider: Decider<C, E, S>,
  next: NextStep<C, S>,
  context: CommandContext,
  options: StepsOptions<C, S>,
  initial: S,
): Promise<Decided<E, S>> {
  let state = initial;
  const events: E[] = [];
  const maxSteps = options.maxSteps ?? 10;
  let step = 0;
  for (; step < maxSteps; step++) {
    let decision: E[];
    try {
      const command = await next(state, step);
      if (!command) break;
      decision = decideOne(store, stream, decider, command, state, context, step === 0 ? undefined : options.insteadOfUnpublishable);
    } catch (error) {
      if (step === 0) throw error;
      return { state, events, steps: step, stoppedBy: error };
    }
    events.push(...decision);
    state = decision.reduce((s, e) => decider.evolve(s, e), state);
  }
  return { state, events, steps: step };
}

function decideOne<C extends object, E extends DomainEvent, S>(
  store: EventStore,
  stream: string,
  decider: Decider<C, E, S>,
  command: C,
  state: S,
  context: CommandContext,
  instead?: (command: C, rejection: Rejection, state: S) => C | undefined,
): E[] {
  const decision = decider.decide(command, state);
  if (!decision.ok) throw new CommandRejectedError(decision.rejection);
  // What the relay could not publish is refused here, before anything is written (as executeCommand does).
  const unpublishable = decision.events.length > 0 ? unpublishableEvent(store, stream, decision.events, context) : undefined;
  if (!unpublishable) return [...decision.events];
  const replacement = instead?.(command, unpublishable, state);
  if (!replacement) throw new CommandRejectedError(unpublishable);
  return decideOne(store, stream, decider, replacement, state, context);
}
