/** Small checks the referral decider shares. */
export function isBlank(value: unknown): boolean {
  return typeof value !== 'string' || value.trim() === '';
}

/** A real calendar day written YYYY-MM-DD. */
export function isRealDate(value: unknown): value is string {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const [y, m, d] = value.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/** Money given is never zero, negative or fractional fen (and must stay exact as a JSON number). */
export function isPositiveFen(value: unknown): value is number {
  return Number.isSafeInteger(value) && (value as number) > 0;
}
