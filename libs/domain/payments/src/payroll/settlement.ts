/**
 * Importing the bank's results, one chunk of the file per command, its outcomes recorded in
 * PaymentsSettled events of up to 100. Each instruction settles once:
 * a result matching what is already recorded is skipped (so importing the same file twice changes
 * nothing), a contradicting one is refused. A chunk that records anything ends with
 * BankResultsRecorded (its counts and sums); when the last instruction of a closed run settles, the
 * run is reconciled with the totals those summaries add up to.
 */
import { accept, fen, type Decision } from '@sa/domain-shared';
import type { BankResult } from '../bank/bank-result-file';
import { problem, refuse, type PaymentsRejection } from '../rejections';
import { actorProblem, firstOf, idProblem, instantProblem } from '../validation';
import type { ImportBankResults } from './commands';
import type { BankResultsRecorded, PayrollEvent, SettledInstruction } from './events';
import type { InstructionRecord, PaymentOutcome } from './instruction-index';
import { addSettled, type StartedPayroll, type PayrollState, type Settled } from './state';

/** Outcomes per PaymentsSettled, as instructions per PaymentInstructionsIssued. */
export const outcomesPerEvent = 100;

export function decideImportBankResults(command: ImportBankResults, state: PayrollState): Decision<PayrollEvent> {
  const invalid = firstOf(
    () => idProblem(command.payrollId, 'payrollId'),
    () => actorProblem(command.importedBy, 'importedBy'),
    () => instantProblem(command.importedAt, 'importedAt'),
  );
  if (invalid) return refuse(invalid);
  if (state.status === 'not-started' || state.payrollId !== command.payrollId) {
    return refuse(problem('PAYROLL_NOT_FOUND', 'no payroll run with this id has started', 'payrollId'));
  }
  const newly = new Map<string, PaymentOutcome>();
  const settledNow: SettledInstruction[] = [];
  let settled: Settled = { paidCount: 0, paidFen: fen(0), failedCount: 0, failedFen: fen(0) };
  for (let i = 0; i < command.results.length; i++) {
    const result = command.results[i] as BankResult;
    const known = newly.get(result.instructionId) ?? state.instructions.outcomeOf(result.instructionId);
    const refused = resultProblem(state, known, result, i);
    if (refused) return refuse(refused);
    if (known === result.outcome) continue;
    newly.set(result.instructionId, result.outcome);
    const instruction = state.instructions.get(result.instructionId) as InstructionRecord;
    settledNow.push(settlementOf(instruction, result));
    const one = { count: 1, fen: instruction.amountFen };
    settled = addSettled(settled, only(result.outcome, one));
  }
  if (settledNow.length === 0) return accept();
  const events: PayrollEvent[] = [];
  for (let from = 0; from < settledNow.length; from += outcomesPerEvent) {
    events.push({ type: 'PaymentsSettled', data: { payrollId: state.payrollId, results: settledNow.slice(from, from + outcomesPerEvent) } });
  }
  const recorded: BankResultsRecorded = { type: 'BankResultsRecorded', data: { payrollId: state.payrollId, ...settled, recordedAt: command.importedAt } };
  events.push(recorded);
  const total = addSettled(state.settled, settled);
  if (state.closed && !state.reconciled && total.paidCount + total.failedCount === state.instructionCount) {
    events.push({ type: 'PayrollReconciled', data: { payrollId: state.payrollId, ...total, reconciledAt: command.importedAt } });
  }
  return { ok: true, events };
}

function only(outcome: PaymentOutcome, one: { count: number; fen: number }): Settled {
  return outcome === 'paid'
    ? { paidCount: one.count, paidFen: fen(one.fen), failedCount: 0, failedFen: fen(0) }
    : { paidCount: 0, paidFen: fen(0), failedCount: one.count, failedFen: fen(one.fen) };
}

function resultProblem(state: StartedPayroll, known: PaymentOutcome | undefined, result: BankResult, i: number): PaymentsRejection | undefined {
  const at = `line ${result.line}: `;
  const instruction = state.instructions.get(result.instructionId);
  if (!instruction)
    return problem('UNKNOWN_INSTRUCTION', `${at}instruction ${result.instructionId} is not part of this payroll run`, `results[${i}].instructionId`);
  if (result.amountFen !== instruction.amountFen) {
    return problem(
      'AMOUNT_MISMATCH',
      `${at}the bank reports ${result.amountFen} fen, the instruction was for ${instruction.amountFen}`,
      `results[${i}].amountFen`,
    );
  }
  if (known !== undefined && known !== result.outcome) {
    return problem('SETTLEMENT_CONFLICT', `${at}instruction ${result.instructionId} is already recorded as ${known}`, `results[${i}].outcome`);
  }
  return undefined;
}

function settlementOf(instruction: InstructionRecord, result: BankResult): SettledInstruction {
  const common = {
    instructionId: result.instructionId,
    entitlementId: instruction.entitlementId,
    applicationId: instruction.applicationId,
    amountFen: instruction.amountFen,
    settledAt: result.settledAt,
  };
  if (result.outcome === 'paid') return { ...common, outcome: 'paid' };
  const failureCode = result.reasonCode ?? 'UNKNOWN';
  return { ...common, outcome: 'failed', failureCode, failureReason: result.reasonText || failureCode };
}
