import { createHash } from 'node:crypto';

/**
 * The key under which the read models find a resident: SHA-256 of the resident ID, so the death
 * register and the resident → entitlement index never hold resident IDs in clear. It is a
 * pseudonym, not anonymity (resident IDs are guessable); the read-model database stays restricted.
 */
export function residentKey(residentId: string): string {
  return createHash('sha256').update(`sa.payments.resident:${residentId.trim().toUpperCase()}`).digest('hex');
}
