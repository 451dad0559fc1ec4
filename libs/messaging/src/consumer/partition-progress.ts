/**
 * Which offset of one partition is safe to commit: everything below it was handled or
 * dead-lettered. With several messages of a partition in flight at once (one lane per key group),
 * that is the lowest offset still in flight, or one past the highest finished when none is.
 */
export class PartitionProgress {
  private readonly inFlight = new Set<bigint>();
  private highestFinished = -1n;
  /** Highest offset handed to a handler, to drop re-fetched copies after a rebalance. */
  highestDispatched = -1n;
  /** Last offset committed to Kafka (the next one to read). */
  committed = -1n;

  begin(offset: bigint): void {
    this.inFlight.add(offset);
    if (offset > this.highestDispatched) this.highestDispatched = offset;
  }

  finish(offset: bigint): void {
    this.inFlight.delete(offset);
    if (offset > this.highestFinished) this.highestFinished = offset;
  }

  get busy(): boolean {
    return this.inFlight.size > 0;
  }

  /** The offset to commit (the next to read), or undefined when nothing finished yet. */
  commitable(): bigint | undefined {
    if (this.inFlight.size > 0) {
      let lowest: bigint | undefined;
      for (const offset of this.inFlight) if (lowest === undefined || offset < lowest) lowest = offset;
      return lowest;
    }
    return this.highestFinished >= 0n ? this.highestFinished + 1n : undefined;
  }
}
