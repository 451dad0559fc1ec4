/** Commands of the PayrollRun aggregate: one stream per (region, month), id from payrollRunId. */
import type { Actor } from '@sa/domain-shared';
import type { BankResult } from '../bank/bank-result-file';
import type { PayrollEntry } from './payroll-entry';

/** 发放: open the run of a region and month; its batches follow. */
export interface StartPayroll {
  readonly type: 'StartPayroll';
  /** Must equal payrollRunId(region, month). */
  readonly payrollId: string;
  readonly region: string;
  readonly month: string;
  readonly batchSize: number;
  /** How many candidates the caller counted (for progress). */
  readonly plannedEntitlements: number;
  readonly startedBy: Actor;
  readonly startedAt: string;
}

/**
 * One batch: the next entitlements after the run's cursor, in ascending id order, as the caller
 * read them. Ascending ids after the cursor are what make each entitlement considered once.
 */
export interface IssuePayrollBatch {
  readonly type: 'IssuePayrollBatch';
  readonly payrollId: string;
  /** The batch number the caller believes is next (a stale runner is refused). */
  readonly batch: number;
  readonly entitlements: readonly PayrollEntry[];
  readonly issuedAt: string;
}

/** No entitlements remain after the cursor: record the control totals. */
export interface ClosePayroll {
  readonly type: 'ClosePayroll';
  readonly payrollId: string;
  readonly closedAt: string;
}

/** Records the bank's outcomes (parsed with parseBankResultFile); importing a file again changes nothing. */
export interface ImportBankResults {
  readonly type: 'ImportBankResults';
  readonly payrollId: string;
  readonly results: readonly BankResult[];
  readonly importedBy: Actor;
  readonly importedAt: string;
}

export type PayrollCommand = StartPayroll | IssuePayrollBatch | ClosePayroll | ImportBankResults;
