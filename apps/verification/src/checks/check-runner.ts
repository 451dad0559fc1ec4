/**
 * Runs an open check to its end, one decider step at a time (自动核对): collect the members'
 * department records from the register, assess under the policy in force for the region on the
 * day (China time), complete. Each step is its own command and event, so the history says when
 * the data was taken and which policy was used. A run that stops half-way (a crash, no policy in
 * force yet) is picked up again by the `resume-open-checks` job: the state alone says what is next.
 */
import { Inject, Injectable } from '@nestjs/common';
import { chinaDate, policyInForce } from '@sa/domain-shared';
import { householdCheckDecider, nextCheckStep, type CheckStep, type HouseholdCheckCommand, type HouseholdCheckState } from '@sa/domain-verification';
import type { EventStore } from '@sa/event-store';
import {
  Clock,
  CommandRejectedError,
  type CommandContext,
  type CommandOutcome,
  EVENT_STORE,
  executeCommand,
  executeSteps,
  type FoldedState,
  loadAggregate,
  RegionalPolicies,
} from '@sa/platform';
import { ResidentRegister } from '../register/resident-register';

export const checkStream = (applicationId: string) => `household-check-${applicationId}`;

export interface RunOutcome {
  readonly state: HouseholdCheckState;
  /** The revision `state` is folded to, when known: the next command can start from it without reading. */
  readonly revision?: number | 'no_stream';
  /** Why the check could not go on, when it stopped before completing. */
  readonly blocked?: string;
}

/** The state an outcome leaves, when it says to which revision (so the next command need not read). */
export function foldedAfter(outcome: { state: HouseholdCheckState; revision?: number | 'no_stream' }): FoldedState<HouseholdCheckState> | undefined {
  return outcome.revision === undefined ? undefined : { state: outcome.state, revision: outcome.revision };
}

/** Collect, assess, complete: three steps; a few more allow for a concurrent runner's steps. */
const maxSteps = 6;

@Injectable()
export class CheckRunner {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly register: ResidentRegister,
    private readonly policies: RegionalPolicies,
    private readonly clock: Clock,
  ) {}

  async load(applicationId: string) {
    return loadAggregate(this.store, checkStream(applicationId), householdCheckDecider);
  }

  /**
   * `from`: the state the caller's command left. Each step decides on the state the previous one
   * left and reads the stream only when that is unknown (issue #11); a concurrent runner's step
   * makes the append refuse, and that step is decided again on the history.
   */
  async run(applicationId: string, context: CommandContext, from?: FoldedState<HouseholdCheckState>): Promise<RunOutcome> {
    let current = from;
    for (let step = 0; step < maxSteps; step++) {
      current ??= await this.load(applicationId);
      const { state } = current;
      const next = nextCheckStep(state);
      if (!next) return current;
      const command = await this.commandFor(next.step, next.checkId, state);
      if ('blocked' in command) return { ...current, blocked: command.blocked };
      current = foldedAfter(await this.step(applicationId, command, context, current));
    }
    return current ?? (await this.load(applicationId));
  }

  /**
   * `first` (the command a message or request asks for), then the run's steps, decided one after
   * another in memory and appended at once with the context's inbox record: one commit for the
   * whole check instead of one per step (issue #10). The history is the same events as step by
   * step. A step that cannot be decided (a failed read, a refusal) ends the run where it is: what
   * was decided before it is appended and `stoppedBy` says why, as a failed step did before.
   */
  async startAndRun(
    applicationId: string,
    first: HouseholdCheckCommand,
    context: CommandContext,
    /** The state to start from, 'new' for a stream not written yet, or undefined to read it. */
    from: FoldedState<HouseholdCheckState> | 'new' | undefined,
  ): Promise<RunOutcome & { stoppedBy?: unknown }> {
    let blocked: string | undefined;
    const next = async (state: HouseholdCheckState, step: number): Promise<HouseholdCheckCommand | undefined> => {
      blocked = undefined;
      if (step === 0) return first;
      const planned = nextCheckStep(state);
      if (!planned) return undefined;
      const command = await this.commandFor(planned.step, planned.checkId, state);
      if ('blocked' in command) {
        blocked = command.blocked;
        return undefined;
      }
      return command;
    };
    const outcome = await executeSteps(this.store, checkStream(applicationId), householdCheckDecider, next, context, {
      maxSteps: maxSteps + 1,
      insteadOfUnpublishable: (command, rejection) => (command.type === 'AbandonCheck' ? undefined : this.abandonFor(command.checkId, rejection.message)),
      ...(from === 'new' ? { expectNewStream: true } : from ? { from } : {}),
    });
    return {
      state: outcome.state,
      ...(outcome.revision !== undefined ? { revision: outcome.revision } : {}),
      ...(blocked ? { blocked } : {}),
      ...(outcome.stoppedBy !== undefined ? { stoppedBy: outcome.stoppedBy } : {}),
    };
  }

  /**
   * One step. A step whose event could never be published (the completed check would break its
   * contract) fails the same way on every retry, so the round is closed with that reason instead
   * of being retried by the resume job every 30 s forever.
   */
  private async step(
    applicationId: string,
    command: HouseholdCheckCommand,
    context: CommandContext,
    from: FoldedState<HouseholdCheckState>,
  ): Promise<CommandOutcome<unknown, HouseholdCheckState>> {
    const stream = checkStream(applicationId);
    try {
      return await executeCommand(this.store, stream, householdCheckDecider, command, context, { from });
    } catch (error) {
      if (!(error instanceof CommandRejectedError) || error.rejection.code !== 'EVENT_NOT_PUBLISHABLE' || command.type === 'AbandonCheck') throw error;
      // Nothing was appended by the refused step: the abandon starts from the same state.
      return executeCommand(this.store, stream, householdCheckDecider, this.abandonFor(command.checkId, error.rejection.message), context, { from });
    }
  }

  /** Closes the round with the reason its result could not be published. */
  private abandonFor(checkId: string, message: string): HouseholdCheckCommand {
    return { type: 'AbandonCheck', checkId, reason: { code: 'result-not-publishable', message }, abandonedAt: this.clock.now().toISOString() };
  }

  private async commandFor(step: CheckStep, checkId: string, state: HouseholdCheckState): Promise<HouseholdCheckCommand | { blocked: string }> {
    if (state.status !== 'open') return { blocked: `the check is ${state.status}` };
    const now = this.clock.now().toISOString();
    switch (step) {
      case 'collect-department-data': {
        const records = await this.register.recordsOf(state.application.household.members.map((m) => m.residentId));
        return { type: 'CollectDepartmentData', checkId, records, asOf: now };
      }
      case 'assess-household': {
        // The policy in force on the assessment day in China, not the UTC date.
        const policy = policyInForce(this.policies.all, state.application.region, chinaDate(now));
        if (!policy) return { blocked: `no regional policy is in force for region ${state.application.region} on ${chinaDate(now)}; add one to POLICY_FILE` };
        return { type: 'AssessHousehold', checkId, policy, assessedAt: now };
      }
      case 'complete-check':
        return { type: 'CompleteCheck', checkId, completedAt: now, ...(state.round.requestedBy ? { completedBy: state.round.requestedBy } : {}) };
    }
  }
}
