import { isBlank, isRegionCode, parseRegionCode, regionLevel, type RegionCode } from '@sa/domain-shared';
import { problem, type TemporaryAssistanceRejection } from './rejections';

export type Check = TemporaryAssistanceRejection | undefined;

export function isOneOf<T extends string>(values: readonly T[], value: unknown): value is T {
  return typeof value === 'string' && (values as readonly string[]).includes(value);
}

export function required(value: unknown, code: Parameters<typeof problem>[0], field: string, what: string): Check {
  return isBlank(value) ? problem(code, `${what} is required`, field) : undefined;
}

export function regionProblem(value: string, field: string): Check {
  return isRegionCode(value) ? undefined : problem('INVALID_REGION_CODE', `${field} must be a 6, 9 or 12-digit region code, got "${value}"`, field);
}

/** The township (9 digits) a township- or village-level code lies in; undefined for a county or wider. */
export function townshipOf(region: string): RegionCode | undefined {
  const code = parseRegionCode(region);
  const level = regionLevel(code);
  return level === 'township' || level === 'village' ? (code.slice(0, 9) as RegionCode) : undefined;
}

export function positiveFen(value: unknown, ceiling: number): boolean {
  return typeof value === 'number' && Number.isSafeInteger(value) && value > 0 && value <= ceiling;
}
