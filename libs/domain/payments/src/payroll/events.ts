/**
 * Events of the PayrollRun aggregate: `{ type, data }` with plain JSON data; money in integer fen.
 *
 * A run is a process over fixed-size batches (see apps/payments/src/payroll/DESIGN.md):
 * PayrollStarted, then per batch one PaymentInstructionsIssued carrying the batch's instructions
 * and one PayrollBatchIssued (one append each), then PayrollClosed with the control totals. Runs
 * recorded before batches carried their instructions hold one PaymentInstructionIssued per
 * instruction instead; both are read. The bank's
 * outcomes follow, each import chunk closed by BankResultsRecorded, and PayrollReconciled last.
 */
import type { Actor, Fen, RegionCode } from '@sa/domain-shared';
import type { BankAccount, Programme } from '../values';
import type { ExclusionReason } from './payroll-entry';

export interface PayrollStarted {
  readonly type: 'PayrollStarted';
  readonly data: {
    readonly payrollId: string;
    readonly region: RegionCode;
    readonly month: string;
    /** Entitlements per batch. */
    readonly batchSize: number;
    /** Candidates the read model listed when the run started, and so the batches expected (progress, not a limit). */
    readonly plannedEntitlements: number;
    readonly plannedBatches: number;
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

/** One instruction of a batch: PaymentInstructionIssued's data less what the whole batch shares. */
export type BatchInstruction = Omit<PaymentInstructionIssued['data'], 'payrollId' | 'month' | 'issuedAt'>;

/**
 * Instructions of one batch, up to 100 per event (instructionsPerEvent): a run of a million
 * entitlements appends about eleven thousand events, not a million (DESIGN.md says why).
 */
export interface PaymentInstructionsIssued {
  readonly type: 'PaymentInstructionsIssued';
  readonly data: {
    readonly payrollId: string;
    readonly batch: number;
    readonly month: string;
    readonly issuedAt: string;
    readonly instructions: readonly BatchInstruction[];
  };
}

/** Each instruction of a batch event as the PaymentInstructionIssued it stands for. */
export function instructionsOf(event: PaymentInstructionsIssued): PaymentInstructionIssued['data'][] {
  const { payrollId, month, issuedAt } = event.data;
  return event.data.instructions.map((i) => ({ payrollId, ...i, month, issuedAt }));
}

export interface ExcludedEntitlement {
  readonly entitlementId: string;
  readonly reason: ExclusionReason;
}

/** One batch done: the checkpoint a crashed run resumes after (the last entitlement id it considered). */
export interface PayrollBatchIssued {
  readonly type: 'PayrollBatchIssued';
  readonly data: {
    readonly payrollId: string;
    /** 0-based, dense. */
    readonly batch: number;
    readonly lastEntitlementId: string;
    readonly instructionCount: number;
    readonly totalFen: Fen;
    /** Entitlements of this batch not paid this month, and why. */
    readonly excluded: readonly ExcludedEntitlement[];
    readonly issuedAt: string;
  };
}

/** No more entitlements: the control totals a fund auditor ties to the disbursement file. */
export interface PayrollClosed {
  readonly type: 'PayrollClosed';
  readonly data: {
    readonly payrollId: string;
    readonly batches: number;
    readonly instructionCount: number;
    readonly totalFen: Fen;
    readonly excludedCount: number;
    readonly closedAt: string;
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

/** One bank outcome in a PaymentsSettled: PaymentSucceeded's or PaymentFailed's data less the run, with its outcome. */
export type SettledInstruction = Omit<PaymentSucceeded['data'], 'payrollId'> & {
  readonly outcome: 'paid' | 'failed';
  readonly failureCode?: string;
  readonly failureReason?: string;
};

/**
 * Bank outcomes of one import chunk, up to 100 per event (a city's result file settles a million
 * instructions: about ten thousand events, not a million). Imports recorded before wrote one
 * PaymentSucceeded or PaymentFailed per instruction; both are read.
 */
export interface PaymentsSettled {
  readonly type: 'PaymentsSettled';
  readonly data: {
    readonly payrollId: string;
    readonly results: readonly SettledInstruction[];
  };
}

/** Each outcome of a PaymentsSettled as the PaymentSucceeded or PaymentFailed it stands for. */
export function settlementsOf(event: PaymentsSettled): (PaymentSucceeded | PaymentFailed)[] {
  const { payrollId } = event.data;
  return event.data.results.map(({ outcome, failureCode, failureReason, ...r }) =>
    outcome === 'paid'
      ? { type: 'PaymentSucceeded', data: { payrollId, ...r } }
      : { type: 'PaymentFailed', data: { payrollId, ...r, failureCode: failureCode ?? 'UNKNOWN', failureReason: failureReason ?? failureCode ?? 'UNKNOWN' } },
  );
}

/** What one chunk of a bank-result import recorded, so the run's figures need not re-count outcomes. */
export interface BankResultsRecorded {
  readonly type: 'BankResultsRecorded';
  readonly data: {
    readonly payrollId: string;
    readonly paidCount: number;
    readonly paidFen: Fen;
    readonly failedCount: number;
    readonly failedFen: Fen;
    readonly recordedAt: string;
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

export type PayrollEvent =
  | PayrollStarted
  | PaymentInstructionIssued
  | PaymentInstructionsIssued
  | PayrollBatchIssued
  | PayrollClosed
  | PaymentSucceeded
  | PaymentFailed
  | PaymentsSettled
  | BankResultsRecorded
  | PayrollReconciled;
