/**
 * Given / when / then for deciders, so tests read like the rules (for Jest tests only):
 *
 *   given(applicationDecider, [submitted]).when(withdraw).then([withdrawn]);
 *   given(applicationDecider, []).when(withdraw).thenRejects('APPLICATION_NOT_FOUND');
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
          expect(decision.events).toEqual(expected);
        },
        thenRejects(code) {
          if (decision.ok) throw new Error(`expected rejection ${code} but got events: ${JSON.stringify(decision.events)}`);
          expect(decision.rejection.code).toBe(code);
        },
      };
    },
  };
}
