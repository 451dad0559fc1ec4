/**
 * The shape of every aggregate: a pure decider. No I/O, no clock, no randomness; the command
 * handler around it loads events, folds them with `evolve`, asks `decide`, and appends the result.
 */
export interface Decider<Command, Event, State> {
  readonly initialState: State;
  decide(command: Command, state: State): Decision<Event>;
  evolve(state: State, event: Event): State;
}

/** Why a command was refused, in terms a case worker can act on. */
export interface Rejection {
  /** Stable machine code, e.g. `APPLICATION_ALREADY_WITHDRAWN`. */
  readonly code: string;
  /** A sentence for people. */
  readonly message: string;
  /** The command field the rejection is about, when there is one. */
  readonly field?: string;
}

export type Decision<Event> = { readonly ok: true; readonly events: readonly Event[] } | { readonly ok: false; readonly rejection: Rejection };

export function accept<Event>(...events: Event[]): Decision<Event> {
  return { ok: true, events };
}

export function reject<Event = never>(code: string, message: string, field?: string): Decision<Event> {
  return { ok: false, rejection: field === undefined ? { code, message } : { code, message, field } };
}

/** Folds a history into state. */
export function fold<Event, State>(decider: Pick<Decider<unknown, Event, State>, 'evolve' | 'initialState'>, events: readonly Event[]): State {
  return events.reduce((state, event) => decider.evolve(state, event), decider.initialState);
}
