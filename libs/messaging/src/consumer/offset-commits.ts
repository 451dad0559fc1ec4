/**
 * The progress of every partition this consumer took messages from, and the commit of what is safe:
 * only offsets below messages that were handled or dead-lettered (PartitionProgress), only for
 * partitions still assigned. Work done on a partition we lost is not committed: the new owner
 * resumes from the last commit and its inbox drops what we already handled; committing it now
 * could move the new owner's offset back.
 */
import type { Consumer } from '@platformatic/kafka';
import { describeError, type MessagingLogger } from '../logging/logger';
import { PartitionProgress } from './partition-progress';

export class OffsetCommits {
  private readonly progress = new Map<string, PartitionProgress>();

  constructor(
    private readonly consumerName: string,
    private readonly logger: MessagingLogger,
  ) {}

  /** The partition's progress, created on its first message. */
  of(partitionKey: string): PartitionProgress {
    let progress = this.progress.get(partitionKey);
    if (!progress) {
      progress = new PartitionProgress();
      this.progress.set(partitionKey, progress);
    }
    return progress;
  }

  /** After a rebalance: forgets lost partitions with nothing in flight; answers the lost ones still busy. */
  keepAssigned(assigned: ReadonlySet<string>): string[] {
    const lostBusy: string[] = [];
    for (const [partitionKey, progress] of this.progress) {
      if (assigned.has(partitionKey)) continue;
      if (progress.busy) lostBusy.push(partitionKey);
      else this.progress.delete(partitionKey);
    }
    return lostBusy;
  }

  /** Commits what is safe on the partitions `isAssigned` says are ours; a failure is logged, the next commit carries it. */
  async commit(consumer: Consumer, isAssigned: (topic: string, partition: number) => boolean): Promise<void> {
    const offsets: { topic: string; partition: number; offset: bigint; leaderEpoch: number }[] = [];
    for (const [partitionKey, progress] of this.progress) {
      const separator = partitionKey.lastIndexOf(':');
      const topic = partitionKey.slice(0, separator);
      const partition = Number(partitionKey.slice(separator + 1));
      if (!isAssigned(topic, partition)) {
        if (!progress.busy) this.progress.delete(partitionKey);
        continue;
      }
      const offset = progress.commitable();
      if (offset !== undefined && offset > progress.committed) offsets.push({ topic, partition, offset, leaderEpoch: -1 });
    }
    if (offsets.length === 0) return;
    try {
      await consumer.commit({ offsets });
      for (const { topic, partition, offset } of offsets) {
        const progress = this.progress.get(`${topic}:${partition}`);
        if (progress && offset > progress.committed) progress.committed = offset;
      }
    } catch (error) {
      // Not fatal: the next commit carries the same or later offsets; a rebalance re-delivers (the inbox drops repeats).
      this.logger.warn({ consumer: this.consumerName, error: describeError(error) }, 'committing offsets failed');
    }
  }
}
