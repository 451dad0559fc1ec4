/**
 * The monthly amount of an entitlement, in integer fen.
 *
 * Dibao pays the household's gap (补差) computed for the household, never per person:
 *
 *   monthly amount = members × standard − counted household income        (all integer fen)
 *
 * No rounding happens here: the counted household income is already whole fen (the check's only
 * roundings are per trace item — an expenditure spread over its months, the employment-cost share —
 * each applied once and recorded in the rule trace). The per-capita income a case worker sees
 * (counted ÷ members, half up) is a display value and is never multiplied back: doing so paid up
 * to (members − 1) fen too much or too little (e.g. 10.00 counted for 3 members: 3.33 per capita,
 * (1,190.00 − 3.33) × 3 = 3,560.01 instead of 3,570.00 − 10.00 = 3,560.00).
 * A household whose counted income reaches members × standard is not entitled; never negative.
 * Extreme-poverty support pays the basic support standard (特困基本生活标准) for each person supported.
 */
import { multiplyFen, subtractFen, type Fen } from '@sa/domain-shared';
import type { Programme } from './values';

export type EntitlementAmount =
  { readonly entitled: true; readonly monthlyAmountFen: Fen } | { readonly entitled: false; readonly reason: 'income-at-or-above-standard' };

export interface DibaoAmountInput {
  /** Dibao standard per person per month in force for the region. */
  readonly standardFen: Fen;
  /** The household's counted monthly income from the economic check (after every income rule). */
  readonly countedHouseholdIncomeFen: Fen;
  readonly householdSize: number;
}

export function dibaoMonthlyAmount(input: DibaoAmountInput): EntitlementAmount {
  assertHouseholdSize(input.householdSize);
  const line = multiplyFen(input.standardFen, input.householdSize);
  if (input.countedHouseholdIncomeFen >= line) return { entitled: false, reason: 'income-at-or-above-standard' };
  return { entitled: true, monthlyAmountFen: subtractFen(line, input.countedHouseholdIncomeFen) };
}

export interface ExtremePovertyAmountInput {
  /** Basic support standard per person per month (at least 1.3 × dibao). */
  readonly supportStandardFen: Fen;
  /** Persons supported. */
  readonly persons: number;
}

export function extremePovertyMonthlyAmount(input: ExtremePovertyAmountInput): EntitlementAmount {
  assertHouseholdSize(input.persons);
  return { entitled: true, monthlyAmountFen: multiplyFen(input.supportStandardFen, input.persons) };
}

export interface MonthlyAmountInput {
  readonly programme: Programme;
  /** Dibao standard, or the extreme-poverty support standard, per person per month. */
  readonly standardFen: Fen;
  /** Ignored for extreme-poverty support: those supported have no income to count. */
  readonly countedHouseholdIncomeFen: Fen;
  readonly householdSize: number;
}

export function monthlyEntitlementAmount(input: MonthlyAmountInput): EntitlementAmount {
  return input.programme === 'dibao'
    ? dibaoMonthlyAmount(input)
    : extremePovertyMonthlyAmount({ supportStandardFen: input.standardFen, persons: input.householdSize });
}

function assertHouseholdSize(size: number): void {
  if (!Number.isInteger(size) || size < 1) throw new RangeError(`a household has a whole number of members, at least 1, got ${size}`);
}
