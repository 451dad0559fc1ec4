/**
 * What a payroll run and payment feedback must know of each other in one process, without
 * depending on each other: whether a run is issuing batches (feedback waits meanwhile), and the
 * position of the last payment feedback appended on an entitlement (the next run waits until the
 * entitlement table has applied it: a store read stops at its safe horizon, which can lag a write
 * that has just committed while other transactions are open — seen under load, a city run paying
 * a county's household again because its feedback was not yet visible).
 */
import { Injectable } from '@nestjs/common';

@Injectable()
export class PayrollActivity {
  private driving = 0;
  private feedbackThrough = -1;

  get issuing(): boolean {
    return this.driving > 0;
  }

  async whileIssuing<T>(work: () => Promise<T>): Promise<T> {
    this.driving += 1;
    try {
      return await work();
    } finally {
      this.driving -= 1;
    }
  }

  feedbackAppended(position: number | undefined): void {
    if (position !== undefined && position > this.feedbackThrough) this.feedbackThrough = position;
  }

  /** Position of the last feedback appended in this process (-1: none). */
  get lastFeedback(): number {
    return this.feedbackThrough;
  }
}
