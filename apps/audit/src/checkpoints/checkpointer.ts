/**
 * Takes the signed checkpoints: for each source, the events appended since its last checkpoint
 * (read once, in log order: the cost follows what changed, not the size of the store) give the new
 * head of every stream that changed; those heads, the position reached and the previous
 * checkpoint's digest are signed and appended to the checkpoint file.
 *
 * An event whose transaction committed after a checkpoint's read with a lower position than the
 * position reached is not in that checkpoint; its stream is checkpointed at its next change, and
 * verify-all checks every chain in full regardless.
 */
import { randomUUID, type KeyObject } from 'node:crypto';
import type { EventStore } from '@sa/event-store';
import type { SourceStores } from '../sources/source-stores';
import { scanRange } from '../integrity/store-verifier';
import type { CheckpointFile } from './checkpoint-file';
import { checkpointDigest, signCheckpoint, statementOf, type SignedCheckpoint } from './signed-checkpoint';

/** The audit's own stream of a source's checkpoints: the relay publishes each on sa.audit.checkpoints.v1. */
export const checkpointStreamPrefix = 'integrity-checkpoint-';

/** The service itself signs, for every region (no organisation unit narrower than the platform). */
const checkpointer = { userId: 'audit-checkpointer', role: 'platform-operator', orgUnit: 'platform' } as const;

export interface CheckpointKeys {
  readonly privateKey: KeyObject;
  readonly publicKey: KeyObject;
}

export interface CheckpointOutcome {
  readonly source: string;
  readonly position: number;
  readonly heads: number;
}

export class Checkpointer {
  /** The latest checkpoint of each source's schema (one file may serve several deployments), read from the file once. */
  private latest?: Map<string, SignedCheckpoint>;

  constructor(
    private readonly sources: SourceStores,
    private readonly file: CheckpointFile,
    private readonly keys: CheckpointKeys,
    private readonly pageSize: number,
    /** The audit's own store, whose relay publishes each checkpoint statement on Kafka. */
    private readonly auditStore?: EventStore,
  ) {}

  async takeAll(now: Date): Promise<CheckpointOutcome[]> {
    const outcomes: CheckpointOutcome[] = [];
    for (const source of this.sources.all) {
      const outcome = await this.take(source, now);
      if (outcome) outcomes.push(outcome);
    }
    return outcomes;
  }

  private async take(source: SourceStores['all'][number], now: Date): Promise<CheckpointOutcome | undefined> {
    const previous = this.latestOf(source.schema);
    const from = (previous?.position ?? 0) + 1;
    const { rows } = await source.store.pool.query<{ max: string | null }>(`select max(position) as max from "${source.schema}".events`);
    const position = Number(rows[0]?.max ?? 0);
    if (position < from) return undefined; // nothing new since the last checkpoint
    const scan = await scanRange(source.store, this.pageSize, { from, before: position + 1 });
    const heads = [...scan.spans].map(([stream, span]) => ({ stream, revision: span.last.revision, hash: span.last.hash }));
    const checkpoint = signCheckpoint(
      { source: source.name, schema: source.schema, position, takenAt: now.toISOString(), previous: previous ? checkpointDigest(previous) : null, heads },
      this.keys.privateKey,
      this.keys.publicKey,
    );
    // The file first: a checkpoint on Kafka is always one the file holds.
    this.file.append(checkpoint);
    this.latest?.set(source.schema, checkpoint);
    await this.auditStore?.appendToStream(
      `${checkpointStreamPrefix}${source.name}`,
      [{ eventId: randomUUID(), type: 'CheckpointSigned', data: statementOf(checkpoint), actor: checkpointer, occurredAt: checkpoint.takenAt }],
      { expectedRevision: 'any' },
    );
    return { source: source.name, position, heads: heads.length };
  }

  private latestOf(schema: string): SignedCheckpoint | undefined {
    if (!this.latest) {
      this.latest = new Map();
      for (const entry of this.file.read()) if (typeof entry !== 'string') this.latest.set(entry.schema, entry);
    }
    return this.latest.get(schema);
  }
}
