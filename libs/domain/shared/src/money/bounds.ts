/**
 * Domain bounds of money amounts, in integer fen. One definition for the REST edge, the deciders
 * and the integration contracts (which build their fen fields on these), so an amount a producer
 * accepts is one every consumer accepts, and sums of bounded amounts stay safe integers.
 *
 * - A monthly amount of one record (a declared income, a wage, a pension, a benefit) is at most
 *   10,000,000 fen = 100,000 yuan a month. Far above any household that could ask for dibao or
 *   特困 support, and 30 members × 50 incomes at this ceiling (1.5 × 10^10) still add up exactly.
 * - A value of one asset or spending record (a household's deposits, a vehicle, a loss, a
 *   medical bill) is at most 100,000,000,000 fen = 1,000,000,000 yuan.
 */
export const maxMonthlyAmountFen = 10_000_000;
export const maxAssetValueFen = 100_000_000_000;

/** Whether a value is whole fen, not negative and at most `ceiling`. */
export function isFenWithin(value: unknown, ceiling: number): value is number {
  return Number.isSafeInteger(value) && (value as number) >= 0 && (value as number) <= ceiling;
}
