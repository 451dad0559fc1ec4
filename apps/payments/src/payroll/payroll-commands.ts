/**
 * The thin command side of payroll runs (发放批次). A run is one stream per region and month, with
 * an id derived from both, and its start is ONE atomic append (PayrollStarted and every
 * PaymentInstructionIssued, with ids derived from entitlement and month): a crash leaves either no
 * run or the whole run, and starting again answers the run that exists. Instructions reach their
 * entitlements through PaymentFeedback, which resumes after a crash.
 *
 * A run for a region inside one already run this month (a village inside the city's run) answers
 * the enclosing run; a run for a region enclosing earlier runs leaves out the months they paid.
 * Starts in this process are serialised so two overlapping runs never read the same state.
 */
import { BadRequestException, Inject, Injectable } from '@nestjs/common';
import { parseBankResultFile, payrollDecider, payrollRunId, type PayrollCommand, type PayrollEvent } from '@sa/domain-payments';
import type { Actor, Rejection } from '@sa/domain-shared';
import type { EventStore } from '@sa/event-store';
import { Clock, CommandRejectedError, EVENT_STORE, executeCommand, LOGGER, type Logger } from '@sa/platform';
import { payrollStream } from '../streams';
import { PayrollCandidates } from './payroll-candidates';

export type StartOutcome = 'started' | 'already-started' | 'covered-by-enclosing-run';

export interface ImportOutcome {
  readonly newlyPaid: number;
  readonly newlyFailed: number;
  readonly unchanged: number;
  readonly reconciled: boolean;
}

/** The regions enclosing a region, nearest first: 331002001001 → 331002001, 331002, 3310, 33. */
export function enclosingRegions(region: string): string[] {
  return [9, 6, 4, 2].filter((n) => n < region.length).map((n) => region.slice(0, n));
}

const settlementStatus = (r: Rejection): 404 | 409 | 422 => (r.code === 'SETTLEMENT_CONFLICT' ? 409 : r.code.endsWith('NOT_FOUND') ? 404 : 422);

@Injectable()
export class PayrollCommands {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly candidates: PayrollCandidates,
    private readonly clock: Clock,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  /** Runs the payroll of a (normalised) region for a month, or answers the run that already covers it. */
  start(region: string, month: string, actor: Actor, correlationId?: string): Promise<{ outcome: StartOutcome; payrollId: string }> {
    return this.serially(() => this.startNow(region, month, actor, correlationId));
  }

  async importBankResults(payrollId: string, fileText: string, actor: Actor): Promise<ImportOutcome> {
    const parsed = parseBankResultFile(fileText);
    if (!parsed.ok) {
      const problems = parsed.errors.map((e) => ({ line: e.line, code: e.code, field: e.field ?? '(line)', rule: e.message }));
      throw new BadRequestException({
        statusCode: 400,
        error: 'Bad Request',
        code: 'INVALID_BANK_RESULT_FILE',
        message: problems.map((p) => `line ${p.line}: ${p.field}: ${p.rule} (${p.code})`).join('; '),
        problems,
      });
    }
    const command: PayrollCommand = {
      type: 'ImportBankResults',
      payrollId,
      results: parsed.results,
      importedBy: actor,
      importedAt: this.clock.now().toISOString(),
    };
    const { events } = await executeCommand(
      this.store,
      payrollStream(payrollId),
      payrollDecider,
      command,
      { actor, correlationId: payrollId },
      { statusFor: settlementStatus },
    );
    const newlyPaid = events.filter((e) => e.type === 'PaymentSucceeded').length;
    const newlyFailed = events.filter((e) => e.type === 'PaymentFailed').length;
    this.logger.info({ payrollId, newlyPaid, newlyFailed, lines: parsed.results.length }, 'bank results imported');
    return {
      newlyPaid,
      newlyFailed,
      unchanged: parsed.results.length - newlyPaid - newlyFailed,
      reconciled: events.some((e) => e.type === 'PayrollReconciled'),
    };
  }

  async history(payrollId: string): Promise<PayrollEvent[]> {
    return (await this.store.readStream(payrollStream(payrollId))).map((e) => ({ type: e.type, data: e.data }) as PayrollEvent);
  }

  private async startNow(region: string, month: string, actor: Actor, correlationId?: string): Promise<{ outcome: StartOutcome; payrollId: string }> {
    const payrollId = payrollRunId(region, month);
    if (await this.exists(payrollId)) return { outcome: 'already-started', payrollId };
    for (const enclosing of enclosingRegions(region)) {
      const enclosingId = payrollRunId(enclosing, month);
      if (await this.exists(enclosingId)) return { outcome: 'covered-by-enclosing-run', payrollId: enclosingId };
    }
    const entitlements = await this.candidates.entriesFor(region, month, correlationId ?? payrollId);
    const command: PayrollCommand = {
      type: 'StartPayroll',
      payrollId,
      region,
      month,
      entitlements,
      startedBy: actor,
      startedAt: this.clock.now().toISOString(),
    };
    try {
      // The guard is the stream: its id derives from region and month and the start appends to no stream
      // only. A concurrent start (another instance) loses the append, reloads, and is refused as already started.
      const { events } = await executeCommand(this.store, payrollStream(payrollId), payrollDecider, command, {
        actor,
        correlationId: correlationId ?? payrollId,
      });
      this.logger.info({ payrollId, region, month, instructions: events.length - 1, candidates: entitlements.length }, 'payroll run started');
      return { outcome: 'started', payrollId };
    } catch (error) {
      if (error instanceof CommandRejectedError && error.rejection.code === 'PAYROLL_ALREADY_STARTED') return { outcome: 'already-started', payrollId };
      throw error;
    }
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
