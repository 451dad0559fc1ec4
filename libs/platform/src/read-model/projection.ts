/**
 * Keeps a MongoDB read model up to date from the service's own event store: a catch-up
 * subscription from the projection's checkpoint (stored beside the read model), turning live.
 * MongoDB-protocol servers such as FerretDB have no multi-document transactions, so the document
 * write and the checkpoint are separate: after a crash a few events are applied again, and every
 * handler must be idempotent (see `applyOnce`). Rebuild = drop the collections and the checkpoint.
 */
import type { EventFilter, EventStore, RecordedEvent, Subscription } from '@sa/event-store';
import type { Connection, Model } from 'mongoose';
import type { Logger } from '../logging/logger';
import { type ApplyBatch, BatchedApply } from './batched-apply';

export interface ProjectionDefinition {
  readonly name: string;
  readonly filter: EventFilter;
  /** Applies one event; must be idempotent (an event can arrive again after a restart). */
  readonly apply: (event: RecordedEvent) => Promise<void>;
  /**
   * Applies events in batches (in order; idempotent like `apply`), used instead of `apply` when
   * given: a read model written with a few commands per hundreds of events (batched-apply.ts).
   */
  readonly applyBatch?: ApplyBatch;
  /** Events per batch at most (default 500): fewer for events that each carry a lot (a payroll's 100 instructions). */
  readonly maxBatch?: number;
  /** Collections this projection owns (dropped on rebuild). */
  readonly collections: readonly string[];
}

interface CheckpointDoc {
  _id: string;
  position: number;
  updatedAt: Date;
}

export class Projection {
  private subscription?: Subscription;
  private lastPosition?: number;
  private savedPosition?: number;
  private flushTimer?: NodeJS.Timeout;
  private saving: Promise<void> = Promise.resolve();
  private caughtUp = false;
  private stopped = false;
  private failures = 0;
  private retryTimer?: NodeJS.Timeout;
  private batcher?: BatchedApply;
  /** Which subscription is current: a failure of one already replaced is not handled twice. */
  private generation = 0;

  constructor(
    private readonly definition: ProjectionDefinition,
    private readonly store: EventStore,
    private readonly mongo: Connection,
    private readonly logger: Logger,
  ) {}

  get name(): string {
    return this.definition.name;
  }

  get isCaughtUp(): boolean {
    return this.caughtUp;
  }

  get position(): number | undefined {
    return this.lastPosition;
  }

  private get checkpoints() {
    return this.mongo.collection<CheckpointDoc>('projection_checkpoints');
  }

  async start(): Promise<void> {
    const checkpoint = await this.checkpoints.findOne({ _id: this.definition.name });
    this.lastPosition = this.savedPosition = checkpoint?.position;
    this.stopped = false;
    this.subscribe();
    this.logger.info({ projection: this.definition.name, from: this.lastPosition ?? 'start' }, 'projection started');
  }

  /** Follows the store from the last applied event; after a failure (a database blip, a bad handler run) it resumes there. */
  private subscribe(): void {
    const generation = ++this.generation;
    const failed = (error: Error) => this.failed(generation, error);
    const batcher = this.definition.applyBatch
      ? new BatchedApply(this.definition.applyBatch, (last) => this.applied(last), failed, this.definition.maxBatch)
      : undefined;
    this.batcher = batcher;
    this.subscription = this.store.subscribeToAll({
      ...(this.lastPosition !== undefined ? { afterPosition: this.lastPosition } : {}),
      filter: this.definition.filter,
      onEvent: async (event) => {
        if (batcher) return batcher.push(event);
        await this.definition.apply(event);
        this.applied(event);
      },
      onCaughtUp: () => {
        if (!batcher) this.caughtUp = true;
        else void batcher.drain().then(() => (this.caughtUp = true), failed);
      },
      onError: failed,
    });
  }

  private applied(event: RecordedEvent): void {
    this.lastPosition = event.position;
    this.failures = 0;
    this.scheduleFlush();
  }

  private failed(generation: number, error: Error): void {
    if (this.stopped || generation !== this.generation) return;
    this.generation += 1;
    // A batch written after a pause failed while the subscription runs on: stop it (its own error, if any, is ignored now).
    void this.subscription?.stop();
    this.failures += 1;
    // Handlers are idempotent, so resuming after the last applied event loses and repeats nothing.
    const delayMs = Math.min(30_000, 500 * 2 ** Math.min(this.failures - 1, 6));
    this.logger.error({ err: error, projection: this.definition.name, retryInMs: delayMs, failures: this.failures }, 'projection failed; resuming');
    this.retryTimer = setTimeout(() => {
      if (!this.stopped) this.subscribe();
    }, delayMs);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retryTimer);
    await this.subscription?.stop();
    await this.batcher?.drain().catch(() => undefined);
    clearTimeout(this.flushTimer);
    await this.flush();
  }

  /** Drops the read model and its checkpoint, then replays the whole history. */
  async rebuild(): Promise<void> {
    await this.stop();
    for (const name of this.definition.collections) await this.mongo.dropCollection(name).catch(() => undefined);
    await this.checkpoints.deleteOne({ _id: this.definition.name });
    this.caughtUp = false;
    await this.start();
  }

  private scheduleFlush(): void {
    if (this.flushTimer) return;
    this.flushTimer = setTimeout(() => {
      this.flushTimer = undefined;
      void this.flush().catch((error: unknown) => this.logger.warn({ err: error }, 'checkpoint save failed; will retry'));
    }, 100);
  }

  /** One save at a time: a timed save and stop()'s save upserting a new checkpoint at once collide on its _id (E11000). */
  private flush(): Promise<void> {
    const save = this.saving.then(() => this.saveCheckpoint());
    this.saving = save.catch(() => undefined);
    return save;
  }

  private async saveCheckpoint(): Promise<void> {
    const position = this.lastPosition;
    if (position === undefined || position === this.savedPosition) return;
    await this.checkpoints.updateOne({ _id: this.definition.name }, { $set: { position, updatedAt: new Date() } }, { upsert: true });
    this.savedPosition = position;
  }
}

/**
 * Upserts a read-model document only if this event is newer than what the document already
 * reflects (per source stream revision), so replays change nothing.
 */
export async function applyOnce<T>(model: Model<T>, id: string, event: RecordedEvent, update: Record<string, unknown>): Promise<boolean> {
  try {
    const result = await model.updateOne(
      { _id: id, $or: [{ _revision: { $lt: event.revision } }, { _revision: { $exists: false } }] } as never,
      { ...update, $set: { ...((update.$set as object | undefined) ?? {}), _revision: event.revision, _position: event.position } } as never,
      { upsert: true },
    );
    return result.modifiedCount + result.upsertedCount > 0;
  } catch (error) {
    // The document exists with a newer revision: the upsert's insert collides on _id. Already applied.
    if ((error as { code?: number }).code === 11000) return false;
    throw error;
  }
}
