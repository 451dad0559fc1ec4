/**
 * Hands a projection's events to its handler in batches instead of one at a time. Why: the read
 * model server answers one write in milliseconds whatever its size, so a projection that writes
 * per event is bound by round trips (the payroll seed: ~80 grants/s); a handler given a few hundred
 * events writes them with a few commands. Events are collected while the subscription delivers
 * them and written when a batch is full or as soon as the delivery pauses (the next turn of the
 * event loop), so a live event waits no longer than one write.
 *
 * The position only moves after a batch is written. After a failure the batcher is spent: every
 * later push and drain answers that failure, so no batch after a failed one is ever written (the
 * projection resubscribes after its last applied position with a fresh batcher).
 */
import type { RecordedEvent } from '@sa/event-store';

export type ApplyBatch = (events: readonly RecordedEvent[]) => Promise<void>;

export class BatchedApply {
  private pending: RecordedEvent[] = [];
  private running: Promise<void> = Promise.resolve();
  private scheduled = false;
  private failure: Error | undefined;

  constructor(
    private readonly apply: ApplyBatch,
    /** Called with the last event of each batch once it is written. */
    private readonly applied: (last: RecordedEvent) => void,
    /** Called once when a batch written off the delivery path (after a pause) fails. */
    private readonly failed: (error: Error) => void,
    private readonly maxBatch = 500,
  ) {}

  /** Takes an event; waits only when a full batch must be written first (back-pressure on the subscription). */
  async push(event: RecordedEvent): Promise<void> {
    if (this.failure) throw this.failure;
    this.pending.push(event);
    if (this.pending.length >= this.maxBatch) return this.drain();
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      this.drain().catch((error: unknown) => this.failed(error as Error));
    });
  }

  /** Writes everything pending, in order; resolves once it is written. */
  drain(): Promise<void> {
    const run = this.running.then(async () => {
      if (this.failure) throw this.failure;
      while (this.pending.length > 0) {
        const batch = this.pending.splice(0, this.maxBatch);
        try {
          await this.apply(batch);
        } catch (error) {
          this.failure = error instanceof Error ? error : new Error(String(error));
          this.pending = [];
          throw this.failure;
        }
        this.applied(batch[batch.length - 1] as RecordedEvent);
      }
    });
    this.running = run.catch(() => undefined);
    return run;
  }
}
