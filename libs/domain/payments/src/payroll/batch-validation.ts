/** What a batch must be before it is issued: the next one, and entitlements ascending after the cursor, each well formed. */
import { problem } from '../rejections';
import { bankAccountProblem, fenProblem, firstInList, firstOf, idProblem, monthProblem, programmeProblem, regionProblem, type Check } from '../validation';
import type { IssuePayrollBatch } from './commands';
import type { PayrollEntry } from './payroll-entry';
import type { StartedPayroll } from './state';

/** Largest batch: one append of a batch stays far below the store's 65,535 events per append. */
export const maxBatchSize = 10_000;

export function batchProblem(command: IssuePayrollBatch, run: StartedPayroll): Check {
  if (command.batch !== run.batchesDone) {
    return problem('BATCH_OUT_OF_ORDER', `batch ${command.batch} is not next: ${run.batchesDone} batches are issued`, 'batch');
  }
  const entries = command.entitlements ?? [];
  if (entries.length === 0 || entries.length > maxBatchSize) {
    return problem('INVALID_BATCH_SIZE', `a batch holds 1 to ${maxBatchSize} entitlements (closing needs none)`, 'entitlements');
  }
  let previous = run.cursor;
  return firstInList(entries, (entry, i) => {
    // Ascending after the cursor: an entitlement in two batches (or twice in one) would be paid twice.
    if (previous !== undefined && !(entry.entitlementId > previous)) {
      return problem('ENTITLEMENT_OUT_OF_ORDER', `must come after ${previous} (ids ascend across the run's batches)`, `entitlements[${i}].entitlementId`);
    }
    previous = entry.entitlementId;
    return entryProblem(entry, `entitlements[${i}]`);
  });
}

function entryProblem(entry: PayrollEntry, field: string): Check {
  return firstOf(
    () => idProblem(entry.entitlementId, `${field}.entitlementId`),
    () => idProblem(entry.applicationId, `${field}.applicationId`),
    () => programmeProblem(entry.programme, `${field}.programme`),
    () => regionProblem(entry.region, `${field}.region`),
    () => fenProblem(entry.monthlyAmountFen, `${field}.monthlyAmountFen`, 1),
    () => monthProblem(entry.startMonth, `${field}.startMonth`),
    () => (entry.stopMonth === undefined ? undefined : monthProblem(entry.stopMonth, `${field}.stopMonth`)),
    () => firstInList(entry.suspensions ?? [], (s, j) => monthProblem(s.fromMonth, `${field}.suspensions[${j}].fromMonth`)),
    () => firstInList(entry.paidMonths ?? [], (m, j) => monthProblem(m, `${field}.paidMonths[${j}]`)),
    () =>
      firstInList(
        entry.amountChanges ?? [],
        (c, j) =>
          monthProblem(c.fromMonth, `${field}.amountChanges[${j}].fromMonth`) ??
          fenProblem(c.monthlyAmountFen, `${field}.amountChanges[${j}].monthlyAmountFen`, 1),
      ),
    () => bankAccountProblem(entry.payee, `${field}.payee`),
  );
}
