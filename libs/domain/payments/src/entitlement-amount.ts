/**
 * The monthly amount of an entitlement, in integer fen.
 *
 * Dibao pays the gap (补差): (standard − per-capita counted income) × household members. A household
 * whose per-capita income reaches the standard is not entitled; the amount is never negative.
 * Extreme-poverty support pays the basic support standard (特困基本生活标准) for each person supported.
 */
import { multiplyFen, subtractFen, type Fen } from '@sa/domain-shared';
import type { Programme } from './values';

export type EntitlementAmount =
  { readonly entitled: true; readonly monthlyAmountFen: Fen } | { readonly entitled: false; readonly reason: 'income-at-or-above-standard' };

export interface DibaoAmountInput {
  /** Dibao standard per person per month in force for the region. */
  readonly standardFen: Fen;
  readonly perCapitaCountedIncomeFen: Fen;
  readonly householdSize: number;
}

export function dibaoMonthlyAmount(input: DibaoAmountInput): EntitlementAmount {
  assertHouseholdSize(input.householdSize);
  if (input.perCapitaCountedIncomeFen >= input.standardFen) return { entitled: false, reason: 'income-at-or-above-standard' };
  // Gap first, then × members: both integer, so the result is exact whatever the household size.
  const gap = subtractFen(input.standardFen, input.perCapitaCountedIncomeFen);
  return { entitled: true, monthlyAmountFen: multiplyFen(gap, input.householdSize) };
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
  readonly perCapitaCountedIncomeFen: Fen;
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
