/**
 * Which months a payroll may be run for (issue #10, item 7: `0000-01` and `9999-12` were paid).
 * 按月发放: a run pays a month that has started, or, when the policy allows paying ahead, the next
 * month(s); never a month before the region's first policy took effect, when no entitlement of
 * the programme could have begun.
 */
import { addMonths, chinaMonth } from '@sa/domain-shared';
import { problem, type PaymentsRejection } from '../rejections';
import { monthProblem } from '../validation';

export interface PayrollMonthRule {
  /** When the run is asked for (the service clock). */
  readonly now: string | Date;
  /** Months ahead of the current one a run may pay (0: only months that have started). */
  readonly monthsAhead: number;
  /** First month of the earliest policy covering the region, if any. */
  readonly firstPolicyMonth: string | undefined;
}

export function payrollMonthProblem(month: string, rule: PayrollMonthRule): PaymentsRejection | undefined {
  const invalid = monthProblem(month, 'month');
  if (invalid) return invalid as PaymentsRejection;
  const latest = addMonths(chinaMonth(rule.now), rule.monthsAhead);
  if (month > latest) {
    return problem('PAYROLL_MONTH_NOT_STARTED', `must be a month that has started (at the latest ${latest}, China time)`, 'month');
  }
  if (rule.firstPolicyMonth === undefined || month < rule.firstPolicyMonth) {
    const since = rule.firstPolicyMonth ? `the region's first policy takes effect in ${rule.firstPolicyMonth}` : 'no policy covers the region';
    return problem('PAYROLL_MONTH_BEFORE_POLICY', `must not be before any entitlement could start: ${since}`, 'month');
  }
  return undefined;
}
