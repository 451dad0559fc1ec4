/**
 * Offer deadlines. The response window is configuration passed in with the command and "now"
 * comes in the command too, so a replay decides exactly as the original run did.
 */
// The instant check lives in the domain kernel; re-exported for this context's deciders.
import { isInstant } from '@sa/domain-shared';
export { isInstant };

/** Longest response window accepted, 90 days: anything longer leaves the household waiting for nothing. */
export const maxResponseWindowHours = 90 * 24;

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
