/**
 * The payroll run as a process over fixed-size batches (DESIGN.md beside this file). Each batch is
 * one append — its instructions and the PayrollBatchIssued checkpoint — with the revision it was
 * decided on, so a crash leaves whole batches and the next drive resumes after the last one; two
 * runners of the same run (two replicas, a retried request) race per batch and the loser reloads
 * and carries on from the winner's checkpoint. When no entitlement is left after the cursor the
 * run closes with its control totals.
 */
import { Inject, Injectable } from '@nestjs/common';
import type { GrantedEntitlement, PayrollEntry, StartedPayroll } from '@sa/domain-payments';
import type { Actor } from '@sa/domain-shared';
import { EventIdConflictError, type EventStore, WrongExpectedRevisionError } from '@sa/event-store';
import { Clock, type Counter, EVENT_STORE, type Histogram, LOGGER, type Logger, MetricsRegistry } from '@sa/platform';
import { performance } from 'node:perf_hooks';
import { PayrollActivity } from './payroll-activity';
import { PayrollCandidates } from './payroll-candidates';
import { decideAndAppend, loadPayroll, type LoadedPayroll } from './payroll-stream';

/** How often (in batches) progress is logged at info; every batch is logged at debug. */
const progressEvery = 10;

/** A batch read ahead (keyed by the cursor it starts after): its page, and its entries once the death register was asked. */
interface Prefetched {
  /** Known once the previous page is read (the batches are taken only after that). */
  after: string | undefined;
  page: Promise<GrantedEntitlement[]>;
  entries: Promise<PayrollEntry[]>;
}

/**
 * Batches read ahead of the one being appended. The next batch starts after this one's last id
 * whatever is decided, so pages are read one after another while the death register is asked for
 * several at once: the run waits on its appends, not on its reads.
 */
const readAhead = 3;

const lostRace = (error: unknown) => error instanceof WrongExpectedRevisionError || error instanceof EventIdConflictError;

@Injectable()
export class PayrollRun {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly candidates: PayrollCandidates,
    private readonly activity: PayrollActivity,
    private readonly clock: Clock,
    @Inject(LOGGER) private readonly logger: Logger,
    metrics: MetricsRegistry,
  ) {
    this.batches = metrics.counter('sa_payroll_batches_issued_total', 'Payroll batches this replica issued (one append each)');
    this.instructions = metrics.counter('sa_payroll_instructions_issued_total', 'Payment instructions this replica issued in payroll batches');
    this.drives = metrics.histogram(
      'sa_payroll_drive_seconds',
      'Time to drive a payroll run to its close, by outcome',
      [1, 5, 15, 60, 300, 900, 1800, 3600, 7200],
    );
    metrics.collected('sa_payroll_runs_in_progress', 'Payroll runs this replica is driving now', 'gauge', () => [[{}, this.inProgress]]);
  }

  private readonly batches: Counter;
  private readonly instructions: Counter;
  private readonly drives: Histogram;
  private inProgress = 0;

  /** Issues the remaining batches of a started run and closes it; returns once it is closed (payment feedback waits meanwhile). */
  drive(payrollId: string, actor: Actor, correlationId: string): Promise<StartedPayroll> {
    return this.activity.whileIssuing(() => this.measured(payrollId, actor, correlationId));
  }

  private async measured(payrollId: string, actor: Actor, correlationId: string): Promise<StartedPayroll> {
    const stop = this.drives.startTimer();
    this.inProgress += 1;
    try {
      const run = await this.driveNow(payrollId, actor, correlationId);
      stop({ outcome: 'closed' });
      return run;
    } catch (error) {
      stop({ outcome: 'failed' });
      throw error;
    } finally {
      this.inProgress -= 1;
    }
  }

  private async driveNow(payrollId: string, actor: Actor, correlationId: string): Promise<StartedPayroll> {
    let loaded = await loadPayroll(this.store, payrollId);
    const ahead: Prefetched[] = [];
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

  private async step(loaded: LoadedPayroll, run: StartedPayroll, ahead: Prefetched[], actor: Actor, correlationId: string): Promise<LoadedPayroll> {
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
    const command = { type: 'IssuePayrollBatch', payrollId, batch: batchesDone, entitlements, issuedAt: now } as const;
    const next = await decideAndAppend(this.store, loaded, command, { actor, correlationId, idempotencyKey: `${payrollId}:batch:${batchesDone}` });
    this.batches.inc();
    this.instructions.inc({}, entitlements.length);
    // Where a batch's time goes: waiting for its entitlements (read ahead) and deciding plus appending.
    const ms = { readWaitMs: Math.round(decided - waited), appendMs: Math.round(performance.now() - decided) };
    const progress = { payrollId, batch: batchesDone + 1, of: Math.max(plannedBatches, batchesDone + 1), entitlements: entitlements.length, ...ms };
    if ((batchesDone + 1) % progressEvery === 0 || batchesDone === 0) this.logger.info(progress, 'payroll batch issued');
    else this.logger.debug(progress, 'payroll batch issued');
    return next;
  }

  /** The batch after the run's cursor: read ahead already, or now (after a lost race the queue is read afresh). */
  private batchAfter(run: StartedPayroll, ahead: Prefetched[], correlationId: string): Promise<PayrollEntry[]> {
    if (ahead[0]?.after !== run.cursor) ahead.length = 0;
    if (ahead.length === 0) ahead.push(this.read(run, Promise.resolve(run.cursor), correlationId));
    const current = ahead.shift() as Prefetched;
    while (ahead.length < readAhead) {
      const previous = ahead[ahead.length - 1] ?? current;
      ahead.push(this.read(run, previous.page.then(lastId), correlationId));
    }
    return current.entries;
  }

  private read(run: StartedPayroll, after: Promise<string | undefined | null>, correlationId: string): Prefetched {
    const read: Prefetched = { after: undefined, page: Promise.resolve([]), entries: Promise.resolve([]) };
    // null: the previous page was empty, so there is nothing after it (the run closes there).
    read.page = after.then((from) => {
      if (from === null) return [];
      read.after = from;
      return this.candidates.page(run.region, run.month, from, run.batchSize);
    });
    read.entries = read.page.then((p) => this.candidates.entriesOf(p, correlationId));
    // A failed read is thrown when the batch is taken (or never, when the run goes another way).
    read.entries.catch(() => undefined);
    return read;
  }
}

const lastId = (page: readonly GrantedEntitlement[]) => (page.length === 0 ? null : (page[page.length - 1] as GrantedEntitlement).entitlementId);
