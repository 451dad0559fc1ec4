/** Events of the PayrollRun aggregate: `{ type, data }` with plain JSON data; money in integer fen. */
import type { Actor, Fen, RegionCode } from '@sa/domain-shared';
import type { BankAccount, Programme } from '../values';
import type { ExclusionReason } from './payroll-entry';

export interface PayrollStarted {
  readonly type: 'PayrollStarted';
  readonly data: {
    readonly payrollId: string;
    readonly region: RegionCode;
    readonly month: string;
    readonly instructionCount: number;
    readonly totalFen: Fen;
    /** Entitlements passed in but not paid this month, and why. */
    readonly excluded: ReadonlyArray<{ readonly entitlementId: string; readonly reason: ExclusionReason }>;
    readonly startedBy: Actor;
    readonly startedAt: string;
  };
}

export interface PaymentInstructionIssued {
  readonly type: 'PaymentInstructionIssued';
  readonly data: {
    readonly payrollId: string;
    /** paymentInstructionId(entitlementId, month). */
    readonly instructionId: string;
    readonly entitlementId: string;
    readonly applicationId: string;
    readonly programme: Programme;
    readonly region: RegionCode;
    readonly month: string;
    readonly amountFen: Fen;
    readonly payee: BankAccount;
    /** What the recipient's bank statement shows (附言), e.g. "低保金2025-04". */
    readonly reference: string;
    readonly issuedAt: string;
  };
}

export interface PaymentSucceeded {
  readonly type: 'PaymentSucceeded';
  readonly data: {
    readonly payrollId: string;
    readonly instructionId: string;
    readonly entitlementId: string;
    readonly applicationId: string;
    readonly amountFen: Fen;
    readonly settledAt: string;
  };
}

export interface PaymentFailed {
  readonly type: 'PaymentFailed';
  readonly data: {
    readonly payrollId: string;
    readonly instructionId: string;
    readonly entitlementId: string;
    readonly applicationId: string;
    readonly amountFen: Fen;
    /** The bank's reason code, e.g. ACCOUNT_CLOSED. */
    readonly failureCode: string;
    readonly failureReason: string;
    readonly settledAt: string;
  };
}

/** Every instruction of the run has an outcome: the figures a fund auditor ties to the bank. */
export interface PayrollReconciled {
  readonly type: 'PayrollReconciled';
  readonly data: {
    readonly payrollId: string;
    readonly paidCount: number;
    readonly paidFen: Fen;
    readonly failedCount: number;
    readonly failedFen: Fen;
    readonly reconciledAt: string;
  };
}

export type PayrollEvent = PayrollStarted | PaymentInstructionIssued | PaymentSucceeded | PaymentFailed | PayrollReconciled;
