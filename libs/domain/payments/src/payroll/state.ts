/** The PayrollRun aggregate's state, folded from its events. */
import type { Fen, RegionCode } from '@sa/domain-shared';
import type { PayrollEvent } from './events';

export type PaymentOutcome = 'paid' | 'failed';

export interface InstructionRecord {
  readonly entitlementId: string;
  readonly applicationId: string;
  readonly amountFen: Fen;
  readonly outcome?: PaymentOutcome;
}

export interface StartedPayroll {
  readonly status: 'started';
  readonly payrollId: string;
  readonly region: RegionCode;
  readonly month: string;
  readonly instructions: Readonly<Record<string, InstructionRecord>>;
  readonly reconciled: boolean;
}

export type PayrollState = { readonly status: 'not-started' } | StartedPayroll;

export const initialPayrollState: PayrollState = { status: 'not-started' };

export function evolvePayroll(state: PayrollState, event: PayrollEvent): PayrollState {
  if (event.type === 'PayrollStarted') {
    const { payrollId, region, month } = event.data;
    return { status: 'started', payrollId, region, month, instructions: {}, reconciled: false };
  }
  if (state.status === 'not-started') return state;
  switch (event.type) {
    case 'PaymentInstructionIssued': {
      const { instructionId, entitlementId, applicationId, amountFen } = event.data;
      return { ...state, instructions: { ...state.instructions, [instructionId]: { entitlementId, applicationId, amountFen } } };
    }
    case 'PaymentSucceeded':
      return withOutcome(state, event.data.instructionId, 'paid');
    case 'PaymentFailed':
      return withOutcome(state, event.data.instructionId, 'failed');
    case 'PayrollReconciled':
      return { ...state, reconciled: true };
  }
}

function withOutcome(state: StartedPayroll, instructionId: string, outcome: PaymentOutcome): StartedPayroll {
  const instruction = Object.hasOwn(state.instructions, instructionId) ? state.instructions[instructionId] : undefined;
  if (!instruction) return state;
  return { ...state, instructions: { ...state.instructions, [instructionId]: { ...instruction, outcome } } };
}
