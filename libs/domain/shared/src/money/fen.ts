/**
 * Money as integer fen (分, 1/100 yuan). Never a binary float: amounts are integers, parsing and
 * formatting go through strings, and ratios are applied with integer arithmetic and an explicit
 * rounding rule.
 */
declare const fenBrand: unique symbol;
export type Fen = number & { readonly [fenBrand]: true };

/**
 * An amount that is not a safe integer of fen: a sum or product left the range where integer
 * arithmetic is exact. A calculation that meets it cannot be completed on these figures; retrying
 * gives the same result, so callers close the work with this reason instead of retrying.
 */
export class MoneyOutOfRangeError extends RangeError {
  override readonly name = 'MoneyOutOfRangeError';
}

export function fen(value: number): Fen {
  if (!Number.isSafeInteger(value)) throw new MoneyOutOfRangeError(`an amount in fen must be a safe integer, got ${value}`);
  return value as Fen;
}

/** Parses "1190", "1190.5" or "1190.50" yuan exactly; rejects more than two decimals. */
export function yuanToFen(yuan: string): Fen {
  const match = /^(-)?(\d+)(?:\.(\d{1,2}))?$/.exec(yuan.trim());
  if (!match) throw new RangeError(`"${yuan}" is not an amount in yuan with at most two decimals`);
  const [, sign, whole, decimals = ''] = match;
  const value = Number(whole) * 100 + Number(decimals.padEnd(2, '0'));
  return fen(sign ? -value : value);
}

/** "2127.00" for 212700 fen. */
export function formatYuan(amount: Fen): string {
  const sign = amount < 0 ? '-' : '';
  const abs = Math.abs(amount);
  return `${sign}${Math.trunc(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/**
 * Checked sum: every partial sum must stay a safe integer, so a total is never a rounded float
 * (2^53−1 + 2^53−1 is refused, and so is a sum that passes 2^53 and comes back down).
 */
export function addFen(...amounts: Fen[]): Fen {
  return amounts.reduce<Fen>((sum, a) => fen(sum + fen(a)), 0 as Fen);
}

export function subtractFen(a: Fen, b: Fen): Fen {
  return fen(a - b);
}

export function multiplyFen(amount: Fen, times: number): Fen {
  if (!Number.isSafeInteger(times)) throw new RangeError(`a multiplier of money must be an integer, got ${times}`);
  return fen(amount * times);
}

export type Rounding = 'half-up' | 'down' | 'up';

/** amount × numerator / denominator, in integer arithmetic, rounded as stated (half-up by default). */
export function applyRatio(amount: Fen, numerator: number, denominator: number, rounding: Rounding = 'half-up'): Fen {
  if (!Number.isSafeInteger(numerator) || !Number.isSafeInteger(denominator) || denominator <= 0) {
    throw new RangeError(`a ratio must be integer over positive integer, got ${numerator}/${denominator}`);
  }
  const product = BigInt(amount) * BigInt(numerator);
  const d = BigInt(denominator);
  const negative = product < 0n;
  const abs = negative ? -product : product;
  let quotient = abs / d;
  const remainder = abs % d;
  if (remainder !== 0n) {
    if (rounding === 'up' && !negative) quotient += 1n;
    else if (rounding === 'down' && negative) quotient += 1n;
    else if (rounding === 'half-up' && remainder * 2n >= d) quotient += 1n;
  }
  return fen(Number(negative ? -quotient : quotient));
}

/** A share in basis points (1/10,000): 3000 bp is 30 %. */
export function basisPoints(amount: Fen, bp: number, rounding: Rounding = 'half-up'): Fen {
  return applyRatio(amount, bp, 10_000, rounding);
}

export function maxFen(a: Fen, b: Fen): Fen {
  return a >= b ? a : b;
}

export const zeroFen = fen(0);
