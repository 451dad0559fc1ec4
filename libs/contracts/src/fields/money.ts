/**
 * Money fields in integer fen (分), never a binary float, with the domain's bounds
 * (libs/domain/shared money/bounds.ts): one record's monthly amount at most 10,000,000 fen
 * (100,000 yuan), one asset's value at most 100,000,000,000 fen (1,000,000,000 yuan). Derived
 * figures (a household's counted income, a payroll total) only promise a safe integer: they are
 * sums of bounded amounts, computed with the checked addFen.
 */
import { formatYuan, fen, maxAssetValueFen, maxMonthlyAmountFen } from '@sa/domain-shared';
import { z } from 'zod';

function boundedFen(description: string, ceiling: number, what?: string) {
  const rule = what === undefined ? 'must be a safe integer' : `must be at most ${ceiling} fen (${formatYuan(fen(ceiling))} yuan) ${what}`;
  const bound = what === undefined ? '' : ` At most ${ceiling} fen (${formatYuan(fen(ceiling))} yuan) ${what}.`;
  return z
    .number()
    .int('must be a whole number of fen (integer, no decimals)')
    .nonnegative('must not be negative')
    .max(ceiling, rule)
    .meta({ description: `${description} Integer fen (1 yuan = 100 fen).${bound}` });
}

/** A derived amount (a sum, a benefit, a payment): whole fen, not negative, a safe integer. */
export function fenField(description: string) {
  return boundedFen(description, Number.MAX_SAFE_INTEGER);
}

/** One record's monthly amount (an income, a wage, a pension, a benefit): at most 100,000 yuan a month. */
export function monthlyFenField(description: string) {
  return boundedFen(description, maxMonthlyAmountFen, 'a month');
}

/** One asset's or one spending's value (deposits, a vehicle, a loss, a medical bill): at most 1,000,000,000 yuan. */
export function assetFenField(description: string) {
  return boundedFen(description, maxAssetValueFen, 'in one record');
}
