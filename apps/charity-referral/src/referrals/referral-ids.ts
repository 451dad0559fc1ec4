import { createHash } from 'node:crypto';

export const referralStream = (referralId: string) => `referral-${referralId}`;

/**
 * One referral per case, with an id derived from the application id: a case decision delivered
 * twice (a redelivery, a replay, the relay republishing) finds the referral already opened instead
 * of opening a second one. Laid out as a UUID version 4, the form the referral contracts require.
 */
export function referralIdFor(applicationId: string): string {
  const hash = createHash('sha256').update('charity-referral:').update(applicationId).digest();
  hash[6] = ((hash[6] as number) & 0x0f) | 0x40;
  hash[8] = ((hash[8] as number) & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}
