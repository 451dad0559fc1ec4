/** Small checks on what commands carry; each returns a rejection naming the field, or undefined. */
import {
  type Actor,
  characterCount,
  describeResidentIdProblem,
  firstInList,
  isBlank,
  isInstant,
  isMonth,
  isRealDate,
  isRegionCode,
  isRole,
  parseRegionCode,
  type RegionCode,
  residentIdProblem,
} from '@sa/domain-shared';
import { problem, type PaymentsRejection } from './rejections';
import { programmes, type BankAccount, type CoveredMember } from './values';
// The plain value checks live in the domain kernel; re-exported for this context's deciders.
export { isBlank, isRealDate, isMonth, isInstant, firstOf, firstInList } from '@sa/domain-shared';

export type Check = PaymentsRejection | undefined;

/** Normalised region code; accepts 2- and 4-digit codes already normalised ("3301"). */
export function regionCodeOf(value: unknown): RegionCode | undefined {
  if (typeof value !== 'string') return undefined;
  const padded = /^\d{2}$|^\d{4}$/.test(value) ? value.padEnd(6, '0') : value;
  return isRegionCode(padded) ? parseRegionCode(padded) : undefined;
}

export const idProblem = (value: unknown, field: string): Check => (isBlank(value) ? problem('ID_REQUIRED', 'must not be empty', field) : undefined);
export const dateProblem = (value: unknown, field: string): Check =>
  isRealDate(value) ? undefined : problem('INVALID_DATE', 'must be a real date YYYY-MM-DD', field);
export const monthProblem = (value: unknown, field: string): Check => (isMonth(value) ? undefined : problem('INVALID_MONTH', 'must be a month YYYY-MM', field));
export const instantProblem = (value: unknown, field: string): Check =>
  isInstant(value) ? undefined : problem('INVALID_TIMESTAMP', 'must be an ISO 8601 date-time with Z or an offset', field);
export const regionProblem = (value: unknown, field: string): Check =>
  regionCodeOf(value) ? undefined : problem('INVALID_REGION_CODE', 'must be an administrative division code (GB/T 2260)', field);
export const programmeProblem = (value: unknown, field: string): Check =>
  (programmes as readonly unknown[]).includes(value) ? undefined : problem('INVALID_PROGRAMME', 'must be dibao or extreme-poverty', field);

export function oneOfProblem(values: readonly string[], value: unknown, field: string): Check {
  return values.includes(value as string) ? undefined : problem('INVALID_REASON', `must be one of ${values.join(', ')}`, field);
}

/** Money arrives from JSON: a float or a string must be refused, not rounded. */
export function fenProblem(value: unknown, field: string, min = 0): Check {
  return Number.isSafeInteger(value) && (value as number) >= min
    ? undefined
    : problem('INVALID_AMOUNT', `must be a whole number of fen, at least ${min}`, field);
}

export function textProblem(value: unknown, field: string, maxLength: number): Check {
  if (isBlank(value)) return problem('TEXT_REQUIRED', 'must not be empty', field);
  // Characters (code points), as the contracts count them: a name of 𠮷 is as long here as at intake.
  return characterCount(value as string) > maxLength ? problem('TEXT_TOO_LONG', `must be at most ${maxLength} characters`, field) : undefined;
}

export function actorProblem(actor: Actor | undefined, field: string): Check {
  const ok = actor !== undefined && !isBlank(actor.userId) && isRole(actor.role) && regionCodeOf(actor.orgUnit) !== undefined;
  return ok ? undefined : problem('INVALID_ACTOR', 'must name a user, a known role and an organisation unit (region code)', field);
}

export function bankAccountProblem(account: BankAccount | undefined, field: string): Check {
  if (!account) return problem('INVALID_BANK_ACCOUNT', 'is required', field);
  return (
    textProblem(account.bankName, `${field}.bankName`, 100) ??
    textProblem(account.accountHolder, `${field}.accountHolder`, 100) ??
    (/^\d{8,30}$/.test(account.accountNumber ?? '') ? undefined : problem('INVALID_BANK_ACCOUNT', 'must be 8 to 30 digits', `${field}.accountNumber`))
  );
}

/** The persons an entitlement covers: 1 to 30, each with a member id and a valid resident ID, none twice. */
export function membersProblem(members: readonly CoveredMember[] | undefined, field: string): Check {
  if (!Array.isArray(members) || members.length < 1 || members.length > 30) return problem('INVALID_MEMBERS', 'must list 1 to 30 covered members', field);
  const seen = new Set<string>();
  return firstInList(members, (m, i) => {
    if (isBlank(m?.memberId)) return problem('ID_REQUIRED', 'must not be empty', `${field}[${i}].memberId`);
    const idProblem = typeof m.residentId === 'string' ? residentIdProblem(m.residentId) : 'format';
    if (idProblem) return problem('INVALID_RESIDENT_ID', describeResidentIdProblem(idProblem), `${field}[${i}].residentId`);
    if (seen.has(m.residentId)) return problem('DUPLICATE_MEMBER', 'appears more than once', `${field}[${i}].residentId`);
    seen.add(m.residentId);
    return undefined;
  });
}
