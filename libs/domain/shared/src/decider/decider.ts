import type { RefusalCodes, RefusalKind } from '../refusal/refusal-kinds';

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
  /** Stable machine code, e.g. `APPLICATION_ALREADY_WITHDRAWN`, declared once by its domain with its kind. */
  readonly code: string;
  /** What the refusal means to the edges (HTTP status, "already done" for a consumer): the kind its code was declared with. */
  readonly kind: RefusalKind;
  /** A sentence for people. */
  readonly message: string;
  /** The command field the rejection is about, when there is one. */
  readonly field?: string;
}

export type Decision<Event> = { readonly ok: true; readonly events: readonly Event[] } | { readonly ok: false; readonly rejection: Rejection };

export function accept<Event>(...events: Event[]): Decision<Event> {
  return { ok: true, events };
}

export function reject<Event = never>(rejection: Rejection): Decision<Event> {
  return { ok: false, rejection };
}

/**
 * The typed way to build a refusal from a domain's declaration: only a declared code type-checks,
 * and the refusal carries the kind it was declared with.
 *
 *   const refusals = { CASE_NOT_FOUND: 'not-found' } as const satisfies RefusalCodes;
 *   const problem = refusalOf(refusals);
 *   problem('CASE_NOT_FOUND', 'no case is open', 'applicationId');
 */
export function refusalOf<const Codes extends RefusalCodes>(codes: Codes) {
  return <Code extends keyof Codes & string>(code: Code, message: string, field?: string): Rejection & { readonly code: Code } => {
    const kind = codes[code] as RefusalKind;
    return field === undefined ? { code, kind, message } : { code, kind, message, field };
  };
}

/** Folds a history into state. */
export function fold<Event, State>(decider: Pick<Decider<unknown, Event, State>, 'evolve' | 'initialState'>, events: readonly Event[]): State {
  return events.reduce((state, event) => decider.evolve(state, event), decider.initialState);
}
