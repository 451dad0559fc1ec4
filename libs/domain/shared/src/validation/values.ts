/**
 * Checks of the plain values commands carry. Commands come from JSON, so a float, a string or a
 * local time without offset must be refused here, never rounded or guessed later.
 */

export function isBlank(value: unknown): boolean {
  return typeof value !== 'string' || value.trim() === '';
}

/** A real calendar day written YYYY-MM-DD (no 30 February). */
export function isRealDate(value: unknown): value is string {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const [y, m, d] = value.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/** A month written YYYY-MM. */
export function isMonth(value: unknown): value is string {
  return typeof value === 'string' && /^\d{4}-(0[1-9]|1[0-2])$/.test(value);
}

const instantPattern = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

/** An ISO 8601 instant with Z or an offset: a local time without one is ambiguous across regions. */
export function isInstant(value: unknown): value is string {
  return typeof value === 'string' && instantPattern.test(value) && !Number.isNaN(Date.parse(value));
}

/** Money given or paid: whole fen, above zero, exact as a JSON number. */
export function isPositiveFen(value: unknown): value is number {
  return Number.isSafeInteger(value) && (value as number) > 0;
}

/** Runs checks in order and returns the first problem; later checks may rely on earlier ones. */
export function firstOf<P>(...checks: ReadonlyArray<() => P | undefined>): P | undefined {
  for (const check of checks) {
    const found = check();
    if (found) return found;
  }
  return undefined;
}

/** The first problem among items, so the rejection can name the exact element. */
export function firstInList<T, P>(items: readonly T[], check: (item: T, index: number) => P | undefined): P | undefined {
  for (let i = 0; i < items.length; i++) {
    const found = check(items[i] as T, i);
    if (found) return found;
  }
  return undefined;
}
