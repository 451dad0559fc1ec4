/** Small checks shared by the intake deciders; each returns a rejection naming the field, or undefined. */
import { isBlank, isRegionCode, parseRegionCode, type RegionCode } from '@sa/domain-shared';
import { problem, type IntakeRejection } from './rejections';
// The plain value checks live in the domain kernel; re-exported for this context's deciders.
export { isBlank, isRealDate } from '@sa/domain-shared';

export function isOneOf<T>(values: readonly T[], value: unknown): value is T {
  return (values as readonly unknown[]).includes(value);
}

/** Money as whole fen: commands come from JSON, so a float or a string must be refused, not rounded. */
export function isFenAmount(value: unknown): value is number {
  return Number.isSafeInteger(value) && (value as number) >= 0;
}

export function isCount(value: unknown): value is number {
  return Number.isSafeInteger(value) && (value as number) >= 0;
}

/** Resident IDs are compared and stored upper-case: a lower-case x check character is the same ID. */
export function normaliseResidentId(value: string): string {
  return value.trim().toUpperCase();
}

export function regionProblem(value: unknown, field: string): IntakeRejection | undefined {
  if (typeof value === 'string' && isRegionCode(value)) return undefined;
  return problem('INVALID_REGION_CODE', 'Region must be an administrative division code of 6, 9 or 12 digits (GB/T 2260)', field);
}

/** Call only after regionProblem found nothing. */
export function normaliseRegion(value: string): RegionCode {
  return parseRegionCode(value);
}

export function requiredText(value: unknown, code: 'REASON_REQUIRED' | 'LEAD_CONCERN_REQUIRED', field: string, what: string): IntakeRejection | undefined {
  return isBlank(value) ? problem(code, `${what} must not be empty`, field) : undefined;
}

/** The first problem among items, with its index, so the rejection can name the exact element. */
export function firstProblem<T>(items: readonly T[], check: (item: T, index: number) => IntakeRejection | undefined): IntakeRejection | undefined {
  for (let i = 0; i < items.length; i++) {
    const found = check(items[i] as T, i);
    if (found) return found;
  }
  return undefined;
}
