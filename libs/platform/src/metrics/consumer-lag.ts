/**
 * Consumer lag per partition, as Kafka sees it: the partition's end offset minus the group's
 * committed offset (a partition the group never committed counts from its start). A group-level
 * figure: every replica reports the same, so dashboards take the max over replicas. Read at most
 * every 5 s whatever the scrape rate, through the service's admin client.
 */
import type { Admin } from '@platformatic/kafka';
import type { Sample } from './metrics-registry';

export interface ConsumerGroupTopics {
  readonly consumer: string;
  readonly groupId: string;
  readonly topics: readonly string[];
}

export class ConsumerLag {
  private cache?: { at: number; samples: Promise<Sample[]> };

  constructor(
    private readonly admin: Admin,
    private readonly groups: () => readonly ConsumerGroupTopics[],
  ) {}

  samples(): Promise<Sample[]> {
    if (!this.cache || Date.now() - this.cache.at > 5000) {
      this.cache = { at: Date.now(), samples: this.read().catch(() => []) };
    }
    return this.cache.samples;
  }

  private async read(): Promise<Sample[]> {
    const groups = this.groups();
    if (groups.length === 0) return [];
    const topics = [...new Set(groups.flatMap((g) => g.topics))];
    const metadata = await this.admin.metadata({ topics });
    const request = topics.flatMap((name) => {
      const count = metadata.topics.get(name)?.partitionsCount ?? 0;
      return count === 0 ? [] : [{ name, partitions: Array.from({ length: count }, (_, partitionIndex) => ({ partitionIndex, timestamp: -1n })) }];
    });
    const ends = new Map<string, bigint>();
    for (const topic of await this.admin.listOffsets({ topics: request })) {
      for (const p of topic.partitions) ends.set(`${topic.name}/${p.partitionIndex}`, p.offset);
    }
    const committed = await this.admin.listConsumerGroupOffsets({ groups: groups.map((g) => g.groupId) });
    const samples: Sample[] = [];
    for (const group of groups) {
      const offsets = new Map<string, bigint>();
      for (const topic of committed.find((c) => c.groupId === group.groupId)?.topics ?? []) {
        for (const p of topic.partitions) if (p.committedOffset >= 0n) offsets.set(`${topic.name}/${p.partitionIndex}`, p.committedOffset);
      }
      for (const topic of group.topics) {
        for (const [key, end] of ends) {
          if (!key.startsWith(`${topic}/`)) continue;
          const lag = end - (offsets.get(key) ?? 0n);
          samples.push([{ consumer: group.consumer, topic, partition: key.slice(topic.length + 1) }, Number(lag > 0n ? lag : 0n)]);
        }
      }
    }
    return samples;
  }
}
