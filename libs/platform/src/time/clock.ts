/**
 * The service's sense of time. Deciders never read a clock: handlers and schedulers take the time
 * from here. Tests (and only tests) may move it forward through PUT /admin/clock when
 * ALLOW_CLOCK_CONTROL=true, so a 7-day public notice ends without waiting 7 days.
 */
export abstract class Clock {
  abstract now(): Date;
}

export class SystemClock extends Clock {
  now(): Date {
    return new Date();
  }
}

/** Real time shifted by an offset that tests can set; it keeps ticking. */
export class AdjustableClock extends Clock {
  private offsetMs = 0;

  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }

  setNow(instant: Date): void {
    this.offsetMs = instant.getTime() - Date.now();
  }
}
