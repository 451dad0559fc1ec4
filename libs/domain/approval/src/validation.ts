/** Small checks on what commands carry; each returns a rejection naming the field, or undefined. */
import {
  type Actor,
  characterCount,
  chinaDate,
  isBlank,
  isInstant,
  isRealDate,
  isRegionCode,
  isResidentId,
  isRole,
  parseRegionCode,
  type RegionCode,
} from '@sa/domain-shared';
import { problem, type ApprovalRejection } from './rejections';
import { programmes, type Reason } from './values';
// The plain value checks live in the domain kernel; re-exported for this context's deciders.
export { isBlank, isRealDate, isInstant, firstOf, firstInList } from '@sa/domain-shared';

type Check = ApprovalRejection | undefined;

export function dateProblem(value: unknown, field: string): Check {
  return isRealDate(value) ? undefined : problem('INVALID_DATE', 'must be a real date YYYY-MM-DD', field);
}

export function instantProblem(value: unknown, field: string): Check {
  return isInstant(value) ? undefined : problem('INVALID_TIMESTAMP', 'must be an ISO 8601 date-time with Z or an offset', field);
}

/**
 * "today" must be the China calendar day of the command's instant, so the notice-period rule cannot
 * be side-stepped by a date that disagrees with the recorded time (or by a UTC date near midnight).
 */
export function todayProblem(today: unknown, instant: string, field: string, instantField: string): Check {
  return (
    dateProblem(today, field) ??
    instantProblem(instant, instantField) ??
    (chinaDate(instant) === today ? undefined : problem('TODAY_MISMATCH', `must be the China calendar day of ${instantField} (${chinaDate(instant)})`, field))
  );
}

export function textProblem(value: unknown, field: string, maxLength: number): Check {
  if (isBlank(value)) return problem('TEXT_REQUIRED', 'must not be empty', field);
  // Characters (code points), as the contracts count them: a name of 𠮷 is as long here as at intake.
  return characterCount(value as string) > maxLength ? problem('TEXT_TOO_LONG', `must be at most ${maxLength} characters`, field) : undefined;
}

export function idProblem(value: unknown, field: string): Check {
  return isBlank(value) ? problem('APPLICATION_ID_REQUIRED', 'must not be empty', field) : undefined;
}

export function programmeProblem(value: unknown, field: string): Check {
  return (programmes as readonly unknown[]).includes(value) ? undefined : problem('INVALID_PROGRAMME', 'must be dibao or extreme-poverty', field);
}

/**
 * A region code in any accepted spelling: 6, 9 or 12 digits, or an already normalised province (2)
 * or city (4) code as the contracts write them ("3301" for 330100).
 */
export function regionCodeOf(value: unknown): RegionCode | undefined {
  if (typeof value !== 'string') return undefined;
  const padded = /^\d{2}$|^\d{4}$/.test(value) ? value.padEnd(6, '0') : value;
  return isRegionCode(padded) ? parseRegionCode(padded) : undefined;
}

export function regionProblem(value: unknown, field: string): Check {
  return regionCodeOf(value) !== undefined
    ? undefined
    : problem('INVALID_REGION_CODE', 'must be an administrative division code of 6, 9 or 12 digits (GB/T 2260)', field);
}

export function fenAmountProblem(value: unknown, field: string, positive: boolean): Check {
  const ok = Number.isSafeInteger(value) && (value as number) >= (positive ? 1 : 0);
  return ok ? undefined : problem('INVALID_AMOUNT', `must be a whole number of fen${positive ? ', above zero' : ', not negative'}`, field);
}

export function actorProblem(actor: Actor | undefined, field: string): Check {
  const ok = actor !== undefined && !isBlank(actor.userId) && isRole(actor.role) && regionProblem(actor.orgUnit, field) === undefined;
  return ok ? undefined : problem('INVALID_ACTOR', 'must name a user, a known role and an organisation unit (region code)', field);
}

const reasonCodePattern = /^[a-z][a-z0-9-]{1,63}$/;

/** Reasons carry a stable lower-case code and a message; at most 20, as the contracts allow. */
export function reasonsProblem(reasons: readonly Reason[] | undefined, field: string, required: boolean): Check {
  const list = reasons ?? [];
  if (required && list.length === 0) return problem('REASON_REQUIRED', 'must give at least one reason', field);
  if (list.length > 20) return problem('INVALID_REASON', 'must give at most 20 reasons', field);
  for (let i = 0; i < list.length; i++) {
    const reason = list[i] as Reason;
    if (typeof reason.code !== 'string' || !reasonCodePattern.test(reason.code)) {
      return problem('INVALID_REASON', 'code must be lower-case letters, digits and hyphens', `${field}[${i}].code`);
    }
    const text = textProblem(reason.message, `${field}[${i}].message`, 1000);
    if (text) return text;
  }
  return undefined;
}

export function residentIdProblemAt(value: unknown, field: string): Check {
  return typeof value === 'string' && isResidentId(value.trim().toUpperCase())
    ? undefined
    : problem('INVALID_RESIDENT_ID', 'must be a valid resident ID (GB 11643)', field);
}

export function flagProblem(value: unknown, field: string): Check {
  return typeof value === 'boolean' ? undefined : problem('INVALID_FLAG', 'must be true or false', field);
}
