import { checkCharacter } from '@sa/domain-shared';

/** The n-th of many distinct, valid resident IDs (GB 11643 check character included). */
export function residentIdNumber(n: number): string {
  const month = String(1 + (n % 12)).padStart(2, '0');
  const day = String(1 + (Math.floor(n / 12) % 28)).padStart(2, '0');
  const sequence = String(Math.floor(n / 336) % 1000).padStart(3, '0');
  const first17 = `3301021980${month}${day}${sequence}`;
  return first17 + checkCharacter(first17);
}
