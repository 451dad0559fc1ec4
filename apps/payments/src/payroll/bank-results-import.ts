/**
 * Importing the bank's result file (回盘文件) in chunks. The run is folded once (linear, paged,
 * compact) before the body is read; the file is then parsed once, as it arrives, and each chunk
 * of 5,000 lines is checked against the run as soon as it is parsed — the results that would
 * change something go to a spool on disk (result-spool.ts), the rest (already recorded, the same
 * outcome) are dropped. A wrong line anywhere refuses the whole file and records nothing: the
 * file's syntax first (400, every problem and its line), then the first line the run refuses
 * (422). Only then is the spool read back and each chunk of it appended with its own
 * BankResultsRecorded, decided again on the run as it is then. Importing the same file again
 * spools and records nothing; a crash in the middle leaves whole chunks, and importing the file
 * again records the rest.
 */
import { BadRequestException, Inject, Injectable } from '@nestjs/common';
import { BankResultFileReader, payrollDecider, type BankResult, type ImportBankResults, type PayrollEvent } from '@sa/domain-payments';
import type { Actor } from '@sa/domain-shared';
import { EventIdConflictError, type EventStore, WrongExpectedRevisionError } from '@sa/event-store';
import { Clock, CommandRejectedError, EVENT_STORE, LOGGER, type Logger } from '@sa/platform';
import { performance } from 'node:perf_hooks';
import { decideAndAppend, loadPayroll, type LoadedPayroll } from './payroll-stream';
import { ResultSpool } from './result-spool';

export interface ImportOutcome {
  readonly newlyPaid: number;
  readonly newlyFailed: number;
  readonly unchanged: number;
  readonly reconciled: boolean;
}

export const importChunk = 5_000;

type Lines = AsyncIterable<string> | Iterable<string>;

@Injectable()
export class BankResultsImport {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly clock: Clock,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  /**
   * Imports the file's lines into the run. `refusal`: the run may not be imported into (absent,
   * another region): the file is still read, so a wrong file is answered 400 before that refusal.
   */
  async import(payrollId: string, lines: Lines, actor: Actor, refusal?: Error): Promise<ImportOutcome> {
    const importedAt = this.clock.now().toISOString();
    const command = (results: BankResult[]): ImportBankResults => ({ type: 'ImportBankResults', payrollId, results, importedBy: actor, importedAt });
    const started = performance.now();
    const loaded = refusal ? undefined : await loadPayroll(this.store, payrollId);
    const timing = { foldMs: Math.round(performance.now() - started), readMs: 0 };
    const spool = await ResultSpool.create();
    try {
      const screen = new Screening(loaded, spool, command);
      const reader = new BankResultFileReader();
      for await (const line of lines) {
        reader.line(line);
        if (reader.pending >= importChunk) await screen.chunk(reader.takeResults());
      }
      const parsed = reader.finish();
      if (!parsed.ok) throw invalidFile(parsed.errors);
      await screen.chunk([...parsed.results]);
      if (refusal) throw refusal;
      if (screen.refused) throw screen.refused;
      timing.readMs = Math.round(performance.now() - started) - timing.foldMs;
      return await this.record(payrollId, loaded as LoadedPayroll, spool, command, { lines: screen.lines, ...timing });
    } finally {
      await spool.discard();
    }
  }

  /** Appends the spooled results chunk by chunk, each decided on the run as it is then. */
  private async record(
    payrollId: string,
    loaded: LoadedPayroll,
    spool: ResultSpool,
    command: (results: BankResult[]) => ImportBankResults,
    read: { lines: number; foldMs: number; readMs: number },
  ): Promise<ImportOutcome> {
    const started = performance.now();
    const { lines } = read;
    let newlyPaid = 0;
    let newlyFailed = 0;
    let reconciled = false;
    let index = 0;
    const actor = command([]).importedBy;
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
    // Where the time went: folding the run, reading and checking the file, appending what changes.
    const appendMs = Math.round(performance.now() - started);
    this.logger.info({ payrollId, newlyPaid, newlyFailed, chunks: index, ...read, appendMs }, 'bank results imported');
    return { newlyPaid, newlyFailed, unchanged: lines - newlyPaid - newlyFailed, reconciled };
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

/**
 * Each parsed chunk against the run as loaded (the parser refuses repeated instructions, so chunks
 * do not interact): the first refusal is kept (the rest of the file is still parsed, for its
 * syntax); the results the decision would record are spooled.
 */
class Screening {
  refused: CommandRejectedError | undefined;
  lines = 0;

  constructor(
    private readonly loaded: LoadedPayroll | undefined,
    private readonly spool: ResultSpool,
    private readonly command: (results: BankResult[]) => ImportBankResults,
  ) {}

  async chunk(results: BankResult[]): Promise<void> {
    const offset = this.lines;
    this.lines += results.length;
    if (!this.loaded || this.refused || results.length === 0) return;
    const decision = payrollDecider.decide(this.command(results), this.loaded.state);
    if (!decision.ok) {
      const field = decision.rejection.field?.replace(/^results\[(\d+)\]/, (_m, n: string) => `results[${Number(n) + offset}]`);
      this.refused = new CommandRejectedError({ ...decision.rejection, ...(field ? { field } : {}) });
      return;
    }
    const settling = settledIds(decision.events);
    if (settling.size > 0) await this.spool.write(results.filter((r) => settling.has(r.instructionId)));
  }
}

function settledIds(events: readonly PayrollEvent[]): Set<string> {
  const ids = new Set<string>();
  for (const e of events) {
    if (e.type === 'PaymentsSettled') for (const r of e.data.results) ids.add(r.instructionId);
  }
  return ids;
}

function invalidFile(errors: readonly { line: number; code: string; field?: string; message: string }[]): BadRequestException {
  const problems = errors.map((e) => ({ line: e.line, code: e.code, field: e.field ?? '(line)', rule: e.message }));
  return new BadRequestException({
    statusCode: 400,
    error: 'Bad Request',
    code: 'INVALID_BANK_RESULT_FILE',
    message: problems.map((p) => `line ${p.line}: ${p.field}: ${p.rule} (${p.code})`).join('; '),
    problems,
  });
}
