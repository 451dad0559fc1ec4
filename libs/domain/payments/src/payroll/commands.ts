/** Commands of the PayrollRun aggregate: one stream per (region, month), id from payrollRunId. */
import type { Actor } from '@sa/domain-shared';
import type { BankResult } from '../bank/bank-result-file';
import type { PayrollEntry } from './payroll-entry';

/** 发放: issue one payment instruction per payable entitlement for the month. */
export interface StartPayroll {
  readonly type: 'StartPayroll';
  /** Must equal payrollRunId(region, month). */
  readonly payrollId: string;
  readonly region: string;
  readonly month: string;
  /** The region's active entitlements as the caller read them. */
  readonly entitlements: readonly PayrollEntry[];
  readonly startedBy: Actor;
  readonly startedAt: string;
}

/** Records the bank's outcomes (parsed with parseBankResultFile); importing a file again changes nothing. */
export interface ImportBankResults {
  readonly type: 'ImportBankResults';
  readonly payrollId: string;
  readonly results: readonly BankResult[];
  readonly importedBy: Actor;
  readonly importedAt: string;
}

export type PayrollCommand = StartPayroll | ImportBankResults;
