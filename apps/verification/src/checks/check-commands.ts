/**
 * The thin command side of verification: what intake's events and an investigator's request do to
 * an application's HouseholdCheck stream. Each method builds one decider command, executes it, and
 * hands the open round to the runner, which takes it to completion. Each command reads the stream
 * once at most (issue #11): what a read or a command left is handed on to the next one.
 */
import { randomUUID } from 'node:crypto';
import { chinaDate } from '@sa/domain-shared';
import { Inject, Injectable } from '@nestjs/common';
import type { caseSentBackForReinvestigationV1, IntegrationContract } from '@sa/contracts';
import {
  householdCheckDecider,
  type HouseholdCheckCommand,
  type HouseholdCheckState,
  type HouseholdSnapshot,
  type InvestigatorFinding,
} from '@sa/domain-verification';
import type { EventStore } from '@sa/event-store';
import { type AuthenticatedActor, Clock, type CommandContext, EVENT_STORE, executeCommand, type FoldedState, LOGGER, type Logger } from '@sa/platform';
import { LiveBenefits } from '../caseload/live-benefits';
import { withFoundStatuses } from '../caseload/supporter-status';
import { ResidentRegister } from '../register/resident-register';
import { checkStream, CheckRunner, foldedAfter, type RunOutcome } from './check-runner';
import { amendmentOfCheck, householdOf, placeOf, type ApplicationAmendedPayload, type ApplicationSubmittedPayload } from './household-from-application';

/** approval's send-back after a sustained objection, as the contract parses it. */
export type CaseSentBackPayload = typeof caseSentBackForReinvestigationV1 extends IntegrationContract<infer P> ? P : never;

/** The service acting on its own (an automatic check), in the region of the application. */
export const verificationSystem = (region: string) => ({ userId: 'verification-service', role: 'county-system', orgUnit: region }) as const;

/** The context for the steps after a message's own command: its inbox record is already committed. */
function afterMessage({ actor, correlationId, causationId }: CommandContext): CommandContext {
  return { actor, ...(correlationId ? { correlationId } : {}), ...(causationId ? { causationId } : {}) };
}

/** A check's state, and the revision it is folded to when that is known. */
type Folded = { readonly state: HouseholdCheckState; readonly revision?: number | 'no_stream' };
type Known = FoldedState<HouseholdCheckState> | undefined;

@Injectable()
export class CheckCommands {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly runner: CheckRunner,
    private readonly clock: Clock,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly live: LiveBenefits,
    private readonly register: ResidentRegister,
  ) {}

  /** Supporters' own statuses from the platform's caseload or the county's civil-affairs records, as they are now. */
  private async withSupporterStatuses(household: HouseholdSnapshot): Promise<HouseholdSnapshot> {
    const supporters = household.obligedSupporters ?? [];
    if (supporters.length === 0) return household;
    const ids = supporters.map((s) => s.residentId);
    const day = chinaDate(this.clock.now());
    const [live, records] = await Promise.all([this.live.of(ids, day.slice(0, 7)), this.register.recordsOf(ids)]);
    const county = new Map(records.map((r) => [r.residentId as string, r]));
    return withFoundStatuses(household, { live, county, day });
  }

  /** application-submitted: request the check with the household's consent (核对授权), then run it. */
  async requestForApplication(application: ApplicationSubmittedPayload, context: CommandContext): Promise<RunOutcome> {
    const command: HouseholdCheckCommand = {
      type: 'RequestCheck',
      applicationId: application.applicationId,
      checkId: randomUUID(),
      programme: application.programme,
      ...placeOf(application.region),
      household: await this.withSupporterStatuses(householdOf(application.household)),
      consentToDataCheck: application.consents.economicCheck,
      requestedAt: this.clock.now().toISOString(),
    };
    // A new application's check stream does not exist yet: decided without reading it (a wrong guess costs a read).
    return this.requestAndRun(application.applicationId, command, context, 'new');
  }

  /**
   * application-amended: when the household or its place changed, a new round on the corrected
   * facts. An open round is finished first (a re-check follows a completed one); without consent
   * to the check any more, nothing is re-checked.
   */
  async applyAmendment(amendment: ApplicationAmendedPayload, context: CommandContext): Promise<RunOutcome | undefined> {
    const folded = await this.withOpenRoundFinished(amendment.applicationId, 'the amendment', context);
    const { state } = folded;
    // An abandoned round (it could not complete on the old facts) is re-checked on the corrected ones too.
    if (state.status !== 'completed' && state.status !== 'abandoned') return undefined;
    const change = amendmentOfCheck(state.application.household, amendment.changes);
    if (!change || amendment.changes.consents?.economicCheck === false) return undefined;
    const command: HouseholdCheckCommand = {
      type: 'RequestRecheck',
      checkId: randomUUID(),
      previousCheckId: state.round.checkId,
      reason: `application amended: ${amendment.reason}`,
      requestedAt: this.clock.now().toISOString(),
      ...change,
    };
    return this.requestAndRun(amendment.applicationId, command, context, folded);
  }

  /**
   * case-sent-back-for-reinvestigation (公示异议成立): a new round on the register as it is now, the
   * objection's ruling as its reason, run by the service (no investigator signs it off). An open
   * round is finished first, as for an amendment; the decider refuses a check that never existed or
   * was cancelled, and takes a repeat of the same objection as done.
   */
  async recheckForObjection(sentBack: CaseSentBackPayload, context: CommandContext): Promise<RunOutcome> {
    const folded = await this.withOpenRoundFinished(sentBack.applicationId, 'the objection', context);
    const { state } = folded;
    const command: HouseholdCheckCommand = {
      type: 'RequestRecheck',
      checkId: randomUUID(),
      previousCheckId: state.status === 'not-requested' ? '' : state.round.checkId,
      objectionId: sentBack.objectionId,
      reason: sentBack.reason,
      requestedAt: this.clock.now().toISOString(),
    };
    return this.requestAndRun(sentBack.applicationId, command, context, folded);
  }

  /** application-withdrawn: the open check stops; a completed one is closed to re-checks. */
  async cancelForWithdrawal(applicationId: string, reason: string, withdrawnAt: string, context: CommandContext): Promise<void> {
    const loaded = await this.runner.load(applicationId);
    const { state } = loaded;
    if (state.status === 'not-requested' || state.status === 'cancelled') return;
    const command: HouseholdCheckCommand = {
      type: 'CancelCheck',
      checkId: state.round.checkId,
      reason: `application withdrawn: ${reason}`,
      cancelledAt: withdrawnAt,
    };
    await this.execute(applicationId, command, context, loaded);
  }

  /** An investigator of the household's region asks for a new round (new department data, a household visit); they sign it off. */
  async recheck(applicationId: string, reason: string, actor: AuthenticatedActor): Promise<RunOutcome> {
    const loaded = await this.runner.load(applicationId);
    const { state } = loaded;
    const requestedBy = { userId: actor.userId, role: actor.role, orgUnit: actor.orgUnit };
    // Supporters' statuses as the caseload shows them now (a supporter granted dibao since the last round).
    const household = state.status === 'not-requested' ? undefined : await this.withSupporterStatuses(state.application.household);
    const changed = household && state.status !== 'not-requested' && JSON.stringify(household) !== JSON.stringify(state.application.household);
    const command: HouseholdCheckCommand = {
      type: 'RequestRecheck',
      checkId: randomUUID(),
      previousCheckId: state.status === 'not-requested' ? '' : state.round.checkId,
      reason,
      requestedAt: this.clock.now().toISOString(),
      requestedBy,
      ...(changed ? { household } : {}),
    };
    const context: CommandContext = { actor: requestedBy, correlationId: applicationId };
    const after = await this.execute(applicationId, command, context, loaded);
    return this.runner.run(applicationId, context, after);
  }

  /**
   * An investigator's finding (入户调查): the decider corrects the household and opens a new round
   * with the investigator as the one who asked, the finding and its evidence as the reason; the
   * runner then takes it to its end.
   */
  async recordFinding(
    applicationId: string,
    finding: InvestigatorFinding,
    why: { reason: string; evidenceReference: string },
    actor: AuthenticatedActor,
  ): Promise<RunOutcome> {
    const loaded = await this.runner.load(applicationId);
    const { state } = loaded;
    const recordedBy = { userId: actor.userId, role: actor.role, orgUnit: actor.orgUnit };
    const command: HouseholdCheckCommand = {
      type: 'RecordFinding',
      checkId: randomUUID(),
      previousCheckId: state.status === 'not-requested' ? '' : state.round.checkId,
      record: { finding, ...why, recordedBy, recordedAt: this.clock.now().toISOString() },
    };
    const context: CommandContext = { actor: recordedBy, correlationId: applicationId };
    const after = await this.execute(applicationId, command, context, loaded);
    return this.runner.run(applicationId, context, after);
  }

  /**
   * A re-check follows a completed round, so an open one is run to its end first. When it cannot
   * end (no policy in force yet) the message is retried, then dead-lettered for an operator to
   * replay: an amendment or an objection is never dropped silently.
   */
  private async withOpenRoundFinished(applicationId: string, what: string, context: CommandContext): Promise<Folded> {
    const loaded = await this.runner.load(applicationId);
    if (loaded.state.status !== 'open') return loaded;
    const run = await this.runner.run(applicationId, afterMessage(context), loaded);
    if (run.state.status === 'open') throw new Error(`the open check cannot complete before ${what} is applied (${run.blocked ?? 'still running'})`);
    return run;
  }

  /** One command, decided on `from` when given (without reading the stream); what it left, when known. */
  private async execute(applicationId: string, command: HouseholdCheckCommand, context: CommandContext, from?: Folded): Promise<Known> {
    const known = from ? foldedAfter(from) : undefined;
    const outcome = await executeCommand(this.store, checkStream(applicationId), householdCheckDecider, command, context, known ? { from: known } : {});
    return foldedAfter(outcome);
  }

  /**
   * The message's command and the run after it, committed together with the message's inbox record
   * (check-runner.ts, startAndRun). A run that stops half-way keeps what it decided; the
   * resume job finishes it, as after a failed step.
   */
  private async requestAndRun(applicationId: string, command: HouseholdCheckCommand, context: CommandContext, from: Folded | 'new'): Promise<RunOutcome> {
    const known = from === 'new' ? 'new' : foldedAfter(from);
    const outcome = await this.runner.startAndRun(applicationId, command, context, known);
    if (outcome.stoppedBy !== undefined) {
      this.logger.error({ err: outcome.stoppedBy, applicationId }, 'economic check stopped half-way; the resume-open-checks job will finish it');
      return { state: outcome.state, blocked: 'stopped on an error' };
    }
    if (outcome.blocked) this.logger.warn({ applicationId, reason: outcome.blocked }, 'economic check waits: it cannot go on yet');
    return outcome;
  }
}
