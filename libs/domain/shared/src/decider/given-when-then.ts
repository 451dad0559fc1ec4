/**
 * Given / when / then for deciders, so tests read like the rules:
 *
 *   given(applicationDecider, [submitted]).when(withdraw).then([withdrawn]);
 *   given(applicationDecider, []).when(withdraw).thenRejects('APPLICATION_NOT_FOUND');
 *
 * Framework-free (it throws on mismatch), so production code that imports this lib does not
 * depend on a test runner.
 */
import { type Decider, type Decision, fold } from './decider';

export interface Scenario<Command, Event> {
  when(command: Command): Outcome<Event>;
}

export interface Outcome<Event> {
  readonly decision: Decision<Event>;
  then(expected: readonly Event[]): void;
  thenRejects(code: string): void;
}

export function given<Command, Event, State>(decider: Decider<Command, Event, State>, history: readonly Event[]): Scenario<Command, Event> {
  return {
    when(command) {
      const decision = decider.decide(command, fold(decider, history));
      return {
        decision,
        then(expected) {
          if (!decision.ok) {
            throw new Error(`expected events but the command was rejected: ${decision.rejection.code} (${decision.rejection.message})`);
          }
          if (!deepEqual(decision.events, expected)) {
            throw new Error(`events differ\nexpected: ${show(expected)}\nactual:   ${show(decision.events)}`);
          }
        },
        thenRejects(code) {
          if (decision.ok) throw new Error(`expected rejection ${code} but got events: ${show(decision.events)}`);
          if (decision.rejection.code !== code) {
            throw new Error(`expected rejection ${code} but got ${decision.rejection.code} (${decision.rejection.message})`);
          }
        },
      };
    },
  };
}

/** Structural equality of plain data (objects compared by keys, not key order; undefined keys ignored). */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((item, i) => deepEqual(item, b[i]));
  const keys = (o: object) =>
    Object.keys(o)
      .filter((k) => (o as Record<string, unknown>)[k] !== undefined)
      .sort();
  const ka = keys(a);
  const kb = keys(b);
  return ka.length === kb.length && ka.every((k, i) => k === kb[i] && deepEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

function show(value: unknown): string {
  return JSON.stringify(value, null, 2);
}
