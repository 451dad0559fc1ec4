/**
 * Importing the bank's results. Each instruction settles once: a result matching what is already
 * recorded is skipped (so importing the same file twice changes nothing), a contradicting one is
 * refused. When the last instruction settles the run is reconciled.
 */
import { accept, addFen, zeroFen, type Decision, type Fen } from '@sa/domain-shared';
import type { BankResult } from '../bank/bank-result-file';
import { problem, refuse, type PaymentsRejection } from '../rejections';
import { actorProblem, firstOf, idProblem, instantProblem } from '../validation';
import type { ImportBankResults } from './commands';
import type { PayrollEvent, PayrollReconciled } from './events';
import type { InstructionRecord, PaymentOutcome, PayrollState, StartedPayroll } from './state';

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
  const outcomes = new Map<string, PaymentOutcome | undefined>(Object.entries(state.instructions).map(([id, i]) => [id, i.outcome]));
  const events: PayrollEvent[] = [];
  for (let i = 0; i < command.results.length; i++) {
    const result = command.results[i] as BankResult;
    const refused = resultProblem(state, outcomes, result, i);
    if (refused) return refuse(refused);
    if (outcomes.get(result.instructionId) === result.outcome) continue;
    outcomes.set(result.instructionId, result.outcome);
    events.push(settlementEvent(state, result));
  }
  const reconciled = !state.reconciled && events.length > 0 && [...outcomes.values()].every((o) => o !== undefined);
  return reconciled ? accept(...events, reconciliation(state, outcomes, command.importedAt)) : accept(...events);
}

function resultProblem(state: StartedPayroll, outcomes: Map<string, PaymentOutcome | undefined>, result: BankResult, i: number): PaymentsRejection | undefined {
  const at = `line ${result.line}: `;
  // Own properties only: an id such as "constructor" must not find Object.prototype's.
  const instruction = Object.hasOwn(state.instructions, result.instructionId) ? state.instructions[result.instructionId] : undefined;
  if (!instruction)
    return problem('UNKNOWN_INSTRUCTION', `${at}instruction ${result.instructionId} is not part of this payroll run`, `results[${i}].instructionId`);
  if (result.amountFen !== instruction.amountFen) {
    return problem(
      'AMOUNT_MISMATCH',
      `${at}the bank reports ${result.amountFen} fen, the instruction was for ${instruction.amountFen}`,
      `results[${i}].amountFen`,
    );
  }
  const known = outcomes.get(result.instructionId);
  if (known !== undefined && known !== result.outcome) {
    return problem('SETTLEMENT_CONFLICT', `${at}instruction ${result.instructionId} is already recorded as ${known}`, `results[${i}].outcome`);
  }
  return undefined;
}

function settlementEvent(state: StartedPayroll, result: BankResult): PayrollEvent {
  const instruction = state.instructions[result.instructionId] as InstructionRecord;
  const common = {
    payrollId: state.payrollId,
    instructionId: result.instructionId,
    entitlementId: instruction.entitlementId,
    applicationId: instruction.applicationId,
    amountFen: instruction.amountFen,
    settledAt: result.settledAt,
  };
  if (result.outcome === 'paid') return { type: 'PaymentSucceeded', data: common };
  const failureCode = result.reasonCode ?? 'UNKNOWN';
  return { type: 'PaymentFailed', data: { ...common, failureCode, failureReason: result.reasonText || failureCode } };
}

function reconciliation(state: StartedPayroll, outcomes: Map<string, PaymentOutcome | undefined>, at: string): PayrollReconciled {
  const amounts = (outcome: PaymentOutcome): Fen[] =>
    [...outcomes].filter(([, o]) => o === outcome).map(([id]) => (state.instructions[id] as InstructionRecord).amountFen);
  const paid = amounts('paid');
  const failed = amounts('failed');
  return {
    type: 'PayrollReconciled',
    data: {
      payrollId: state.payrollId,
      paidCount: paid.length,
      paidFen: addFen(zeroFen, ...paid),
      failedCount: failed.length,
      failedFen: addFen(zeroFen, ...failed),
      reconciledAt: at,
    },
  };
}
