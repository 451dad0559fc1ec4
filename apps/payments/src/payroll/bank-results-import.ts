/**
 * Importing the bank's result file (回盘文件) in chunks: the file is spooled to disk while it is
 * parsed (result-spool.ts), the run is folded once (linear, paged, compact), every chunk is read
 * back and checked against it before anything is written — a wrong line refuses the whole file and
 * records nothing — and then each chunk is one append with its own BankResultsRecorded. Importing
 * the same file again records nothing; a crash in the middle leaves whole chunks, and importing
 * the file again records the rest.
 */
import { BadRequestException, Inject, Injectable } from '@nestjs/common';
import { BankResultFileReader, payrollDecider, type BankResult, type ImportBankResults } from '@sa/domain-payments';
import type { Actor } from '@sa/domain-shared';
import { EventIdConflictError, type EventStore, WrongExpectedRevisionError } from '@sa/event-store';
import { Clock, CommandRejectedError, EVENT_STORE, LOGGER, type Logger } from '@sa/platform';
import { decideAndAppend, loadPayroll, type LoadedPayroll } from './payroll-stream';
import { ResultSpool } from './result-spool';

export interface ImportOutcome {
  readonly newlyPaid: number;
  readonly newlyFailed: number;
  readonly unchanged: number;
  readonly reconciled: boolean;
}

export const importChunk = 5_000;

@Injectable()
export class BankResultsImport {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly clock: Clock,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  /**
   * Reads the file a line at a time (it is never held as one text, nor its results): a spool of it
   * to import, or 400 with every problem and its line. The caller discards the spool.
   */
  async parse(lines: AsyncIterable<string> | Iterable<string>): Promise<ResultSpool> {
    const { spool, parsed } = await ResultSpool.write(lines, new BankResultFileReader());
    if (!parsed.ok) {
      await spool.discard();
      const problems = parsed.errors.map((e) => ({ line: e.line, code: e.code, field: e.field ?? '(line)', rule: e.message }));
      throw new BadRequestException({
        statusCode: 400,
        error: 'Bad Request',
        code: 'INVALID_BANK_RESULT_FILE',
        message: problems.map((p) => `line ${p.line}: ${p.field}: ${p.rule} (${p.code})`).join('; '),
        problems,
      });
    }
    return spool;
  }

  /** Checks every chunk against the run (one pass over the spool), then appends chunk by chunk (another): nothing is written unless all of it holds. */
  async import(payrollId: string, spool: ResultSpool, actor: Actor): Promise<ImportOutcome> {
    const importedAt = this.clock.now().toISOString();
    const command = (results: BankResult[]): ImportBankResults => ({ type: 'ImportBankResults', payrollId, results, importedBy: actor, importedAt });
    let loaded = await loadPayroll(this.store, payrollId);
    let lines = 0;
    for await (const chunk of spool.chunks(importChunk)) {
      this.check(loaded, command(chunk), lines);
      lines += chunk.length;
    }
    let newlyPaid = 0;
    let newlyFailed = 0;
    let reconciled = false;
    let index = 0;
    for await (const chunk of spool.chunks(importChunk)) {
      const { next, events } = await this.append(loaded, command(chunk), actor, payrollId);
      loaded = next;
      for (const e of events) {
        if (e.type !== 'BankResultsRecorded') continue;
        newlyPaid += e.data.paidCount;
        newlyFailed += e.data.failedCount;
      }
      reconciled ||= events.some((e) => e.type === 'PayrollReconciled');
      this.logger.debug({ payrollId, chunk: ++index }, 'bank results chunk recorded');
    }
    this.logger.info({ payrollId, newlyPaid, newlyFailed, lines, chunks: index }, 'bank results imported');
    return { newlyPaid, newlyFailed, unchanged: lines - newlyPaid - newlyFailed, reconciled };
  }

  /** One chunk against the run as loaded (the parser refused repeated instructions, so chunks do not interact); `offset` is its first line's place in the file. */
  private check(loaded: LoadedPayroll, chunk: ImportBankResults, offset: number): void {
    const decision = payrollDecider.decide(chunk, loaded.state);
    if (!decision.ok) {
      const field = decision.rejection.field?.replace(/^results\[(\d+)\]/, (_m, n: string) => `results[${Number(n) + offset}]`);
      throw new CommandRejectedError({ ...decision.rejection, ...(field ? { field } : {}) });
    }
  }

  private async append(loaded: LoadedPayroll, chunk: ImportBankResults, actor: Actor, payrollId: string) {
    for (let attempt = 1; ; attempt++) {
      try {
        const key = `${payrollId}:results:${String(loaded.revision)}`;
        const result = await decideAndAppend(this.store, loaded, chunk, { actor, correlationId: payrollId, idempotencyKey: key });
        return { next: result, events: result.events };
      } catch (error) {
        const raced = error instanceof WrongExpectedRevisionError || error instanceof EventIdConflictError;
        if (!raced || attempt >= 5) throw error;
        loaded = await loadPayroll(this.store, payrollId);
      }
    }
  }
}
