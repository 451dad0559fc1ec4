import type { OutgoingRecord } from '../kafka/serial-producer';

/** Bytes of records per send, under the broker's default message.max.bytes (1,048,588) with room for headers. */
export const maxBatchBytes = 900_000;

export interface PendingEvent {
  readonly position: number;
  readonly record: OutgoingRecord | null;
  /** For its producer span: the journey's trace, the event's span, when it was read. */
  readonly trace?: { readonly traceId: string; readonly spanId: string; readonly type: string; readonly readAt: number };
}

/**
 * Collects events while the previous batch is in flight and sends them as the next one: one
 * request at a time, batches growing with the load. `add` waits when too much is queued, which
 * holds the subscription back instead of buffering without bound.
 */
export class Batcher {
  private pending: PendingEvent[] = [];
  private inFlight: Promise<void> | undefined;
  private failed: Error | undefined;
  private failureListener: ((error: Error) => void) | undefined;

  constructor(
    private readonly batchSize: number,
    private readonly send: (batch: readonly PendingEvent[]) => Promise<void>,
  ) {}

  onFailure(listener: (error: Error) => void): void {
    this.failureListener = listener;
  }

  async add(item: PendingEvent): Promise<void> {
    if (this.failed) throw this.failed;
    this.pending.push(item);
    this.kick();
    while (this.pending.length >= this.batchSize * 2 && this.inFlight && !this.failed) await this.inFlight;
    if (this.failed) throw this.failed;
  }

  /**
   * How many pending events the next batch takes: up to batchSize, and no more than fit in
   * maxBatchBytes (at least one). A broker refuses a record batch over its message.max.bytes
   * (1 MB by default), and events of one stream go to one partition together: a payroll's batch
   * events (tens of kB each) caught up 123 at a time were refused on every retry.
   */
  private takeable(): number {
    let bytes = 0;
    let count = 0;
    for (const item of this.pending) {
      if (count >= this.batchSize) break;
      const size = (item.record?.value?.length ?? 0) + (item.record?.key?.length ?? 0) + 512;
      if (count > 0 && bytes + size > maxBatchBytes) break;
      bytes += size;
      count += 1;
    }
    return count;
  }

  /** Waits until everything added so far is sent (or sending failed). */
  async drain(): Promise<void> {
    while (!this.failed && (this.inFlight || this.pending.length > 0)) {
      this.kick();
      await this.inFlight;
    }
  }

  private kick(): void {
    if (this.inFlight || this.failed || this.pending.length === 0) return;
    const batch = this.pending.splice(0, this.takeable());
    this.inFlight = this.send(batch).then(
      () => {
        this.inFlight = undefined;
        // Events that arrived meanwhile go next; on the next tick, so a burst delivered in one go joins them.
        if (this.pending.length > 0) setImmediate(() => this.kick());
      },
      (error: unknown) => {
        this.inFlight = undefined;
        this.failed = error instanceof Error ? error : new Error(String(error));
        this.failureListener?.(this.failed);
      },
    );
  }
}
