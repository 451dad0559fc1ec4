/**
 * The thin command side of payroll runs (发放批次). A run is one stream per region and month, with
 * an id derived from both. Starting appends PayrollStarted to no stream only — the guard that makes
 * concurrent starts one run — and then PayrollRun issues its batches; starting a run that exists
 * resumes it where it stopped (after a crash) or joins it (another replica), and answers once it is
 * closed. Instructions reach their entitlements through PaymentFeedback, which resumes after a crash.
 *
 * A run for a region inside one already run this month (a village inside the city's run) answers
 * the enclosing run; a run for a region enclosing earlier runs leaves out the months they paid.
 * Starts in this process are serialised so two overlapping runs never read the same state.
 */
import { Inject, Injectable } from '@nestjs/common';
import { payrollMonthProblem, payrollRunId } from '@sa/domain-payments';
import type { Actor } from '@sa/domain-shared';
import { EventIdConflictError, type EventStore, WrongExpectedRevisionError } from '@sa/event-store';
import { Clock, CommandRejectedError, CONFIG, EVENT_STORE, LOGGER, type Logger, RegionalPolicies } from '@sa/platform';
import type { Config } from '../config';
import { payrollStream } from '../streams';
import { PayrollCandidates } from './payroll-candidates';
import { PayrollRun } from './payroll-run';
import { decideAndAppend } from './payroll-stream';

export type StartOutcome = 'started' | 'already-started' | 'covered-by-enclosing-run';

/** The regions enclosing a region, nearest first: 331002001001 → 331002001, 331002, 3310, 33. */
export function enclosingRegions(region: string): string[] {
  return [9, 6, 4, 2].filter((n) => n < region.length).map((n) => region.slice(0, n));
}

@Injectable()
export class PayrollCommands {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly candidates: PayrollCandidates,
    private readonly run: PayrollRun,
    private readonly policies: RegionalPolicies,
    private readonly clock: Clock,
    @Inject(CONFIG) private readonly config: Config,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  /** Runs the payroll of a (normalised) region for a month, or answers the run that already covers it. */
  start(region: string, month: string, actor: Actor, correlationId?: string): Promise<{ outcome: StartOutcome; payrollId: string }> {
    this.checkMonth(region, month);
    return this.serially(() => this.startNow(region, month, actor, correlationId));
  }

  private async startNow(region: string, month: string, actor: Actor, correlationId?: string): Promise<{ outcome: StartOutcome; payrollId: string }> {
    const payrollId = payrollRunId(region, month);
    const correlation = correlationId ?? payrollId;
    if (await this.exists(payrollId)) return this.join(payrollId, actor, correlation);
    for (const enclosing of enclosingRegions(region)) {
      const enclosingId = payrollRunId(enclosing, month);
      if (await this.exists(enclosingId)) return { outcome: 'covered-by-enclosing-run', payrollId: enclosingId };
    }
    await this.candidates.caughtUp();
    const plannedEntitlements = await this.candidates.count(region, month);
    const batchSize = this.config.PAYROLL_BATCH_SIZE;
    const command = {
      type: 'StartPayroll',
      payrollId,
      region,
      month,
      batchSize,
      plannedEntitlements,
      startedBy: actor,
      startedAt: this.clock.now().toISOString(),
    } as const;
    try {
      const { appended } = await decideAndAppend(this.store, { state: { status: 'not-started' }, revision: 'no_stream' }, command, {
        actor,
        correlationId: correlation,
        idempotencyKey: `${payrollId}:start`,
      });
      // Another instance appended the same start at the same moment (same id and content): it started the run, not this one.
      if (appended === 0) return this.join(payrollId, actor, correlation);
    } catch (error) {
      // Another instance started it a moment ago: this one helps it finish and answers it.
      if (error instanceof WrongExpectedRevisionError || error instanceof EventIdConflictError) return this.join(payrollId, actor, correlation);
      throw error;
    }
    this.logger.info({ payrollId, region, month, plannedEntitlements, batchSize }, 'payroll run started');
    await this.run.drive(payrollId, actor, correlation);
    return { outcome: 'started', payrollId };
  }

  /** A run that exists: resumed after a crash, joined while another runner drives it; answered once closed. */
  private async join(payrollId: string, actor: Actor, correlationId: string): Promise<{ outcome: StartOutcome; payrollId: string }> {
    await this.run.drive(payrollId, actor, correlationId);
    return { outcome: 'already-started', payrollId };
  }

  /** 422 for a month no run may pay (issue #10, item 7): not yet started, or before any policy of the region. */
  private checkMonth(region: string, month: string): void {
    // Region codes nest by prefix: a policy of the city covers the village, a county's own policy lies inside the city's run.
    const covering = this.policies.all.filter((p) => region.startsWith(p.region) || p.region.startsWith(region));
    const firstPolicyMonth = covering.map((p) => p.effectiveFrom.slice(0, 7)).sort()[0];
    const problem = payrollMonthProblem(month, { now: this.clock.now(), monthsAhead: this.config.PAYROLL_MONTHS_AHEAD, firstPolicyMonth });
    if (problem) throw new CommandRejectedError(problem);
  }

  private async exists(payrollId: string): Promise<boolean> {
    return (await this.store.readStream(payrollStream(payrollId), { maxCount: 1 })).length > 0;
  }

  private serially<T>(work: () => Promise<T>): Promise<T> {
    const run = this.queue.then(work, work);
    this.queue = run.catch(() => undefined);
    return run;
  }
}
