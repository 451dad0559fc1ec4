/**
 * The payroll run as a process over fixed-size batches (DESIGN.md beside this file). Each batch is
 * one append — its instructions and the PayrollBatchIssued checkpoint — with the revision it was
 * decided on, so a crash leaves whole batches and the next drive resumes after the last one; two
 * runners of the same run (two replicas, a retried request) race per batch and the loser reloads
 * and carries on from the winner's checkpoint. When no entitlement is left after the cursor the
 * run closes with its control totals.
 */
import { Inject, Injectable } from '@nestjs/common';
import type { PayrollEntry, StartedPayroll } from '@sa/domain-payments';
import type { Actor } from '@sa/domain-shared';
import { EventIdConflictError, type EventStore, WrongExpectedRevisionError } from '@sa/event-store';
import { Clock, EVENT_STORE, LOGGER, type Logger } from '@sa/platform';
import { performance } from 'node:perf_hooks';
import { PayrollCandidates } from './payroll-candidates';
import { decideAndAppend, loadPayroll, type LoadedPayroll } from './payroll-stream';

/** How often (in batches) progress is logged at info; every batch is logged at debug. */
const progressEvery = 10;

/** The next batch, read while the current one is decided and appended (keyed by the cursor it starts after). */
interface Prefetched {
  readonly after: string | undefined;
  readonly entries: Promise<PayrollEntry[]>;
}

const lostRace = (error: unknown) => error instanceof WrongExpectedRevisionError || error instanceof EventIdConflictError;

@Injectable()
export class PayrollRun {
  private driving = 0;
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly candidates: PayrollCandidates,
    private readonly clock: Clock,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  /** Whether a run is issuing batches in this process (payment feedback waits for it: see payment-feedback.ts). */
  get issuing(): boolean {
    return this.driving > 0;
  }

  /** Issues the remaining batches of a started run and closes it; returns once it is closed. */
  async drive(payrollId: string, actor: Actor, correlationId: string): Promise<StartedPayroll> {
    this.driving += 1;
    try {
      return await this.driveNow(payrollId, actor, correlationId);
    } finally {
      this.driving -= 1;
    }
  }

  private async driveNow(payrollId: string, actor: Actor, correlationId: string): Promise<StartedPayroll> {
    let loaded = await loadPayroll(this.store, payrollId);
    const ahead: { next?: Prefetched } = {};
    for (;;) {
      const run = loaded.state;
      if (run.status !== 'started') throw new Error(`payroll run ${payrollId} has not started`);
      if (run.closed) return run;
      try {
        loaded = await this.step(loaded, run, ahead, actor, correlationId);
      } catch (error) {
        if (!lostRace(error)) throw error;
        // Another runner issued this batch first: continue from its checkpoint.
        loaded = await loadPayroll(this.store, payrollId);
      }
    }
  }

  private async step(loaded: LoadedPayroll, run: StartedPayroll, ahead: { next?: Prefetched }, actor: Actor, correlationId: string): Promise<LoadedPayroll> {
    const { payrollId, region, month, batchesDone, plannedBatches } = run;
    const waited = performance.now();
    const entitlements = await this.batchAfter(run, ahead, correlationId);
    const decided = performance.now();
    const now = this.clock.now().toISOString();
    if (entitlements.length === 0) {
      const closed = await decideAndAppend(
        this.store,
        loaded,
        { type: 'ClosePayroll', payrollId, closedAt: now },
        { actor, correlationId, idempotencyKey: `${payrollId}:close` },
      );
      const s = closed.state as StartedPayroll;
      this.logger.info(
        { payrollId, region, month, batches: s.batchesDone, instructions: s.instructionCount, totalFen: s.totalFen, excluded: s.excludedCount },
        'payroll run closed',
      );
      return closed;
    }
    // The next batch starts after this one's last id whatever is decided, so it is read meanwhile.
    ahead.next = this.prefetch(run, (entitlements[entitlements.length - 1] as PayrollEntry).entitlementId, correlationId);
    const command = { type: 'IssuePayrollBatch', payrollId, batch: batchesDone, entitlements, issuedAt: now } as const;
    const next = await decideAndAppend(this.store, loaded, command, { actor, correlationId, idempotencyKey: `${payrollId}:batch:${batchesDone}` });
    // Where a batch's time goes: waiting for its entitlements (read ahead) and deciding plus appending.
    const ms = { readWaitMs: Math.round(decided - waited), appendMs: Math.round(performance.now() - decided) };
    const progress = { payrollId, batch: batchesDone + 1, of: Math.max(plannedBatches, batchesDone + 1), entitlements: entitlements.length, ...ms };
    if ((batchesDone + 1) % progressEvery === 0 || batchesDone === 0) this.logger.info(progress, 'payroll batch issued');
    else this.logger.debug(progress, 'payroll batch issued');
    return next;
  }

  private batchAfter(run: StartedPayroll, ahead: { next?: Prefetched }, correlationId: string): Promise<PayrollEntry[]> {
    const ready = ahead.next;
    ahead.next = undefined;
    if (ready && ready.after === run.cursor) return ready.entries;
    return this.candidates.batchAfter(run.region, run.month, run.cursor, run.batchSize, correlationId);
  }

  private prefetch(run: StartedPayroll, after: string, correlationId: string): Prefetched {
    const entries = this.candidates.batchAfter(run.region, run.month, after, run.batchSize, correlationId);
    // A failed read is thrown when the batch is taken (or never, when the run goes another way).
    entries.catch(() => undefined);
    return { after, entries };
  }
}
