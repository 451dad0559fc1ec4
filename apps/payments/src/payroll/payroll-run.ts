/**
 * The payroll run as a process over fixed-size batches (DESIGN.md beside this file). Each batch is
 * one append — its instructions and the PayrollBatchIssued checkpoint — with the revision it was
 * decided on, so a crash leaves whole batches and the next drive resumes after the last one; two
 * runners of the same run (two replicas, a retried request) race per batch and the loser reloads
 * and carries on from the winner's checkpoint. When no entitlement is left after the cursor the
 * run closes with its control totals.
 */
import { Inject, Injectable } from '@nestjs/common';
import type { StartedPayroll } from '@sa/domain-payments';
import type { Actor } from '@sa/domain-shared';
import { EventIdConflictError, type EventStore, WrongExpectedRevisionError } from '@sa/event-store';
import { Clock, EVENT_STORE, LOGGER, type Logger } from '@sa/platform';
import { PayrollCandidates } from './payroll-candidates';
import { decideAndAppend, loadPayroll, type LoadedPayroll } from './payroll-stream';

/** How often (in batches) progress is logged at info; every batch is logged at debug. */
const progressEvery = 10;

const lostRace = (error: unknown) => error instanceof WrongExpectedRevisionError || error instanceof EventIdConflictError;

@Injectable()
export class PayrollRun {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly candidates: PayrollCandidates,
    private readonly clock: Clock,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  /** Issues the remaining batches of a started run and closes it; returns once it is closed. */
  async drive(payrollId: string, actor: Actor, correlationId: string): Promise<StartedPayroll> {
    let loaded = await loadPayroll(this.store, payrollId);
    for (;;) {
      const run = loaded.state;
      if (run.status !== 'started') throw new Error(`payroll run ${payrollId} has not started`);
      if (run.closed) return run;
      try {
        loaded = await this.step(loaded, run, actor, correlationId);
      } catch (error) {
        if (!lostRace(error)) throw error;
        // Another runner issued this batch first: continue from its checkpoint.
        loaded = await loadPayroll(this.store, payrollId);
      }
    }
  }

  private async step(loaded: LoadedPayroll, run: StartedPayroll, actor: Actor, correlationId: string): Promise<LoadedPayroll> {
    const { payrollId, region, month, batchSize, batchesDone, plannedBatches } = run;
    const entitlements = await this.candidates.batchAfter(region, month, run.cursor, batchSize, correlationId);
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
    const command = { type: 'IssuePayrollBatch', payrollId, batch: batchesDone, entitlements, issuedAt: now } as const;
    const next = await decideAndAppend(this.store, loaded, command, { actor, correlationId, idempotencyKey: `${payrollId}:batch:${batchesDone}` });
    const progress = { payrollId, batch: batchesDone + 1, of: Math.max(plannedBatches, batchesDone + 1), entitlements: entitlements.length };
    if ((batchesDone + 1) % progressEvery === 0 || batchesDone === 0) this.logger.info(progress, 'payroll batch issued');
    else this.logger.debug(progress, 'payroll batch issued');
    return next;
  }
}
