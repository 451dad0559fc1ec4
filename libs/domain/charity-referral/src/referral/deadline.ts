/**
 * Offer deadlines. The response window is configuration passed in with the command and "now"
 * comes in the command too, so a replay decides exactly as the original run did.
 */

/** Longest response window accepted, 90 days: anything longer leaves the household waiting for nothing. */
export const maxResponseWindowHours = 90 * 24;

const instantPattern = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

/** An ISO 8601 instant with Z or an offset; a local time without one would be ambiguous. */
export function isInstant(value: unknown): value is string {
  return typeof value === 'string' && instantPattern.test(value) && !Number.isNaN(Date.parse(value));
}

export function isResponseWindow(hours: unknown): hours is number {
  return Number.isSafeInteger(hours) && (hours as number) >= 1 && (hours as number) <= maxResponseWindowHours;
}

/** The last instant an answer counts, in UTC. */
export function offerDeadline(offeredAt: string, responseWindowHours: number): string {
  return new Date(Date.parse(offeredAt) + responseWindowHours * 3_600_000).toISOString();
}

/** An answer at the deadline itself still counts; only after it has the offer lapsed. */
export function isPastDeadline(now: string, deadline: string): boolean {
  return Date.parse(now) > Date.parse(deadline);
}
