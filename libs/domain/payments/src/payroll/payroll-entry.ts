/**
 * What a payroll run needs to know about one entitlement, as a snapshot the caller passes in (the
 * run does not read other streams). payrollEntryOf builds it from the entitlement's state.
 */
import type { Fen } from '@sa/domain-shared';
import { monthlyAmountIn, type AmountChange, type GrantedEntitlement } from '../entitlement/state';
import type { BankAccount, Programme, Suspension } from '../values';

export interface PayrollEntry {
  readonly entitlementId: string;
  readonly applicationId: string;
  readonly programme: Programme;
  /** The household's region; must lie within the run's region. */
  readonly region: string;
  readonly monthlyAmountFen: Fen;
  /** Amounts changed by reviews from a month on; the run pays the one in force for its month. */
  readonly amountChanges?: readonly AmountChange[];
  readonly startMonth: string;
  /** First month no longer paid (death, exit, move, …), when a stop is recorded. */
  readonly stopMonth?: string;
  readonly suspensions: readonly Suspension[];
  readonly payee: BankAccount;
  /**
   * Months some payroll run has already paid (recorded on the entitlement). A run for an enclosing
   * or enclosed region in the same month must not pay them again.
   */
  readonly paidMonths?: readonly string[];
}

export type ExclusionReason = 'not-started' | 'stopped' | 'suspended' | 'already-paid' | 'outside-region';

export function payrollEntryOf(state: GrantedEntitlement): PayrollEntry {
  const { entitlementId, applicationId, programme, region, monthlyAmountFen, startMonth, suspensions, payee } = state;
  const paidMonths = [...new Set(Object.values(state.payments).map((p) => p.month))].sort();
  return {
    entitlementId,
    applicationId,
    programme,
    region,
    monthlyAmountFen,
    startMonth,
    suspensions,
    payee,
    ...(state.stop ? { stopMonth: state.stop.effectiveMonth } : {}),
    ...(state.amountChanges && state.amountChanges.length > 0 ? { amountChanges: state.amountChanges } : {}),
    paidMonths,
  };
}

/** What the entitlement pays for a month. */
export function amountForMonth(entry: Pick<PayrollEntry, 'monthlyAmountFen' | 'amountChanges'>, month: string): Fen {
  return monthlyAmountIn(entry, month);
}

/** Whether an entitlement is paid for a month, and if not, why. Months YYYY-MM compare as strings. */
export function payabilityIn(entry: PayrollEntry, month: string): 'payable' | Exclude<ExclusionReason, 'outside-region'> {
  if (month < entry.startMonth) return 'not-started';
  if (entry.stopMonth !== undefined && month >= entry.stopMonth) return 'stopped';
  const suspended = entry.suspensions.some((s) => month >= s.fromMonth && (s.untilMonth === undefined || month < s.untilMonth));
  if (suspended) return 'suspended';
  return entry.paidMonths?.includes(month) ? 'already-paid' : 'payable';
}
