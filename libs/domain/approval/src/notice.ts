/**
 * Public notice (公示) periods. A notice of N days starting on day S covers S … S+N−1 inclusive
 * (7 days from 13 March end on 19 March); confirmation is possible from the day after it ends.
 */
import { addDays } from '@sa/domain-shared';

/** Used when the policy value is not given on the command. */
export const defaultPublicNoticeDays = 7;

export interface NoticePeriod {
  readonly startsOn: string;
  readonly endsOn: string;
}

export function publicNoticePeriod(startsOn: string, days: number = defaultPublicNoticeDays): NoticePeriod {
  if (!Number.isInteger(days) || days < 1) throw new RangeError(`a public notice lasts a whole number of days, at least 1, got ${days}`);
  return { startsOn, endsOn: addDays(startsOn, days - 1) };
}

/** ISO dates compare correctly as strings. */
export function isDuringNotice(period: NoticePeriod, day: string): boolean {
  return day >= period.startsOn && day <= period.endsOn;
}

/** True from the day after endsOn: the last day of the notice still belongs to objectors. */
export function noticeHasEnded(period: NoticePeriod, today: string): boolean {
  return today > period.endsOn;
}

/** Minors' cases are noticed but not published (personal details of minors are protected). */
export function isPublished(involvesMinor: boolean): boolean {
  return !involvesMinor;
}
