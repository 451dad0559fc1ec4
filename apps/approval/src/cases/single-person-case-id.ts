/**
 * The id of a 单人保 case: the same for the same household case and member every time (a replay or a
 * second replica opens the same case, never a second one), in the UUID version 4 layout the case
 * contracts take as an application id (the bits a v4 fixes are set; the rest is SHA-256 of both ids).
 */
import { createHash } from 'node:crypto';

export function singlePersonCaseId(householdApplicationId: string, memberId: string): string {
  const hash = createHash('sha256').update(`single-person-case\u001f${householdApplicationId}\u001f${memberId}`).digest();
  hash[6] = ((hash[6] as number) & 0x0f) | 0x40;
  hash[8] = ((hash[8] as number) & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}
