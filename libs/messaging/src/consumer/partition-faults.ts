/**
 * Which partitions are waiting on a transient fault, since when and why. While a message of a
 * partition waits, the partition is paused: its further messages are not taken in (they stay in
 * Kafka, below no committed offset) so nothing piles up in memory behind a database that is away,
 * while other partitions go on. When its last waiting message is through, the partition resumes;
 * if messages were left out meanwhile, `onResume` is told to fetch them again. The same list feeds
 * readiness (which consumer, which partition, which fault, since when).
 */
export interface PartitionFault {
  readonly topic: string;
  readonly partition: number;
  /** Masked error text of the latest failure. */
  readonly error: string;
  /** What the classification recognised, e.g. "ECONNREFUSED" or "postgres 57P01". */
  readonly because: string;
  readonly since: Date;
  /** Messages of the partition waiting on it. */
  readonly waiting: number;
}

interface Waiter {
  error: string;
  because: string;
  since: Date;
  /** Latest failure. */
  at: Date;
}

export class PartitionFaults {
  private readonly waiting = new Map<string, Map<object, Waiter>>();
  private readonly leftOut = new Set<string>();

  /** `onResume(partitionKey, refetch)`: refetch is true when messages were left out while it was paused. */
  constructor(private readonly onResume: (partitionKey: string, refetch: boolean) => void) {}

  /** A message (`waiter`) of the partition failed transiently and will be retried. */
  report(partitionKey: string, waiter: object, failure: { error: string; because: string }): void {
    let waiters = this.waiting.get(partitionKey);
    if (!waiters) this.waiting.set(partitionKey, (waiters = new Map()));
    const since = waiters.get(waiter)?.since ?? new Date();
    waiters.set(waiter, { ...failure, since, at: new Date() });
  }

  /** The message is through (handled, dead-lettered or abandoned). */
  clear(partitionKey: string, waiter: object): void {
    const waiters = this.waiting.get(partitionKey);
    if (!waiters?.delete(waiter) || waiters.size > 0) return;
    this.waiting.delete(partitionKey);
    const refetch = this.leftOut.delete(partitionKey);
    this.onResume(partitionKey, refetch);
  }

  isPaused(partitionKey: string): boolean {
    return this.waiting.has(partitionKey);
  }

  /** A message of a paused partition was not taken in: it must be fetched again on resume. */
  leaveOut(partitionKey: string): void {
    this.leftOut.add(partitionKey);
  }

  /** A partition no longer ours: what was left out is the next owner's. */
  forget(partitionKey: string): void {
    this.leftOut.delete(partitionKey);
  }

  list(): PartitionFault[] {
    return [...this.waiting].map(([partitionKey, waiters]) => {
      const all = [...waiters.values()];
      const latest = all.reduce((a, b) => (b.at > a.at ? b : a));
      const separator = partitionKey.lastIndexOf(':');
      return {
        topic: partitionKey.slice(0, separator),
        partition: Number(partitionKey.slice(separator + 1)),
        error: latest.error,
        because: latest.because,
        since: new Date(Math.min(...all.map((w) => w.since.getTime()))),
        waiting: all.length,
      };
    });
  }
}

/** One line for readiness: undefined when no partition waits. */
export function describeFaults(consumer: string, faults: readonly PartitionFault[]): string | undefined {
  if (faults.length === 0) return undefined;
  const oldest = faults.reduce((a, b) => (b.since < a.since ? b : a));
  const partitions = faults.map((f) => `${f.topic}:${f.partition}`).join(', ');
  return `consumer ${consumer} waiting on a transient fault since ${oldest.since.toISOString()} (${oldest.because}: ${oldest.error}); paused partitions: ${partitions}`;
}
