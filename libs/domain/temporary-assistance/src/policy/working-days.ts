/**
 * Working days (工作日) follow the State Council's yearly holiday schedule: weekends and public
 * holidays are off, except weekend days made working days (调休). The policy lists both.
 */
import { addDays } from '@sa/domain-shared';

export interface WorkingCalendar {
  readonly holidays: readonly string[];
  readonly adjustedWorkingDays: readonly string[];
}

export function isWorkingDay(date: string, calendar: WorkingCalendar): boolean {
  if (calendar.adjustedWorkingDays.includes(date)) return true;
  if (calendar.holidays.includes(date)) return false;
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
  return weekday !== 0 && weekday !== 6;
}

/** The n-th working day after `date` (the day itself does not count). */
export function addWorkingDays(date: string, n: number, calendar: WorkingCalendar): string {
  let day = date.slice(0, 10);
  for (let counted = 0; counted < n;) {
    day = addDays(day, 1);
    if (isWorkingDay(day, calendar)) counted += 1;
  }
  return day;
}
