/** The PayrollRun aggregate's state, folded from its events in linear time (InstructionIndex). */
import { fen, type Fen, type RegionCode } from '@sa/domain-shared';
import type { PayrollEvent } from './events';
import { InstructionIndex } from './instruction-index';

export type { InstructionRecord, PaymentOutcome } from './instruction-index';

export interface Settled {
  readonly paidCount: number;
  readonly paidFen: Fen;
  readonly failedCount: number;
  readonly failedFen: Fen;
}

export interface StartedPayroll {
  readonly status: 'started';
  readonly payrollId: string;
  readonly region: RegionCode;
  readonly month: string;
  readonly batchSize: number;
  readonly plannedBatches: number;
  readonly batchesDone: number;
  /** Last entitlement id a batch considered; the next batch starts after it. */
  readonly cursor?: string;
  readonly instructionCount: number;
  readonly totalFen: Fen;
  readonly excludedCount: number;
  readonly closed: boolean;
  readonly instructions: InstructionIndex;
  readonly settled: Settled;
  readonly reconciled: boolean;
}

export type PayrollState = { readonly status: 'not-started' } | StartedPayroll;

export const initialPayrollState: PayrollState = { status: 'not-started' };

const nothingSettled: Settled = { paidCount: 0, paidFen: fen(0), failedCount: 0, failedFen: fen(0) };

export function evolvePayroll(state: PayrollState, event: PayrollEvent): PayrollState {
  if (event.type === 'PayrollStarted') {
    const { payrollId, region, month, batchSize, plannedBatches } = event.data;
    return {
      status: 'started',
      payrollId,
      region,
      month,
      batchSize,
      plannedBatches,
      batchesDone: 0,
      instructionCount: 0,
      totalFen: fen(0),
      excludedCount: 0,
      closed: false,
      instructions: InstructionIndex.empty(),
      settled: nothingSettled,
      reconciled: false,
    };
  }
  if (state.status === 'not-started') return state;
  switch (event.type) {
    case 'PaymentInstructionIssued': {
      const { instructionId, entitlementId, applicationId, amountFen } = event.data;
      return { ...state, instructions: state.instructions.withInstruction(instructionId, { entitlementId, applicationId, amountFen }) };
    }
    case 'PaymentInstructionsIssued': {
      let instructions = state.instructions;
      for (const { instructionId, entitlementId, applicationId, amountFen } of event.data.instructions) {
        instructions = instructions.withInstruction(instructionId, { entitlementId, applicationId, amountFen });
      }
      return { ...state, instructions };
    }
    case 'PayrollBatchIssued': {
      const d = event.data;
      return {
        ...state,
        batchesDone: d.batch + 1,
        cursor: d.lastEntitlementId,
        instructionCount: state.instructionCount + d.instructionCount,
        totalFen: fen(state.totalFen + d.totalFen),
        excludedCount: state.excludedCount + d.excluded.length,
      };
    }
    case 'PayrollClosed':
      return { ...state, closed: true };
    case 'PaymentSucceeded':
      return { ...state, instructions: state.instructions.withOutcome(event.data.instructionId, 'paid') };
    case 'PaymentFailed':
      return { ...state, instructions: state.instructions.withOutcome(event.data.instructionId, 'failed') };
    case 'PaymentsSettled': {
      let instructions = state.instructions;
      for (const r of event.data.results) instructions = instructions.withOutcome(r.instructionId, r.outcome);
      return { ...state, instructions };
    }
    case 'BankResultsRecorded':
      return { ...state, settled: addSettled(state.settled, event.data) };
    case 'PayrollReconciled':
      return { ...state, reconciled: true };
  }
}

export function addSettled(a: Settled, b: Settled): Settled {
  return {
    paidCount: a.paidCount + b.paidCount,
    paidFen: fen(a.paidFen + b.paidFen),
    failedCount: a.failedCount + b.failedCount,
    failedFen: fen(a.failedFen + b.failedFen),
  };
}
