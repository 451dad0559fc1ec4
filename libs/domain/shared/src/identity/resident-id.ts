/**
 * Resident identity number (公民身份号码), GB 11643-1999: 6-digit address code, 8-digit birth
 * date, 3-digit sequence (odd for men, even for women) and a check character (ISO 7064 MOD 11-2).
 */
const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const checkCharacters = '10X98765432';

declare const residentIdBrand: unique symbol;
export type ResidentId = string & { readonly [residentIdBrand]: true };

export type ResidentIdProblem = 'format' | 'birth-date' | 'check-digit';

export function checkCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * weights[i];
  return checkCharacters[sum % 11];
}

/** Why a string is not a valid resident ID, or undefined when it is one. */
export function residentIdProblem(value: string): ResidentIdProblem | undefined {
  if (!/^\d{17}[\dX]$/.test(value)) return 'format';
  const year = Number(value.slice(6, 10));
  const month = Number(value.slice(10, 12));
  const day = Number(value.slice(12, 14));
  const date = new Date(Date.UTC(year, month - 1, day));
  const realDate = date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
  if (!realDate || year < 1850) return 'birth-date';
  if (checkCharacter(value) !== value[17]) return 'check-digit';
  return undefined;
}

const problemMessages: Record<ResidentIdProblem, string> = {
  format: 'must be 17 digits followed by a digit or X (GB 11643)',
  'birth-date': 'must carry a real birth date in characters 7 to 14 (GB 11643)',
  'check-digit': 'has a wrong check character (GB 11643, ISO 7064 MOD 11-2)',
};

export function describeResidentIdProblem(problem: ResidentIdProblem): string {
  return problemMessages[problem];
}

/** Parses a resident ID, accepting a lower-case x; throws with the rule that failed. */
export function parseResidentId(value: string): ResidentId {
  const normalised = value.trim().toUpperCase();
  const problem = residentIdProblem(normalised);
  if (problem) throw new Error(`resident ID ${describeResidentIdProblem(problem)}`);
  return normalised as ResidentId;
}

export function isResidentId(value: string): value is ResidentId {
  return residentIdProblem(value) === undefined;
}

/** Birth date as YYYY-MM-DD. */
export function birthDateOf(id: ResidentId): string {
  return `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
}

/**
 * For logs and screens that must not show the number: keeps the address code (a region, not a
 * person) and hides birth date, sequence and check character.
 */
export function maskResidentId(value: string): string {
  if (value.length !== 18) return '*'.repeat(Math.max(value.length, 1));
  return `${value.slice(0, 6)}************`;
}
