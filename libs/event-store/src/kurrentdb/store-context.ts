/**
 * What the parts of the KurrentDB store share: the client, the clock and the tuning options. The
 * store (kurrentdb-event-store.ts) builds one and hands it to each part, so the parts hold no
 * state of their own.
 */
import type { KurrentDbClientLike } from './client';

export interface KurrentDbStoreContext {
  /** The client, created (and the gRPC client package loaded) on first use. */
  getClient(): Promise<KurrentDbClientLike>;
  readonly now: () => Date;
  /** Recorded on events that do not name their source system, and on inbox markers. */
  readonly sourceSystem: string;
  /** How many of a stream's latest events an append with 'any' or 'stream_exists' searches for a retried event id. */
  readonly idempotencyWindow: number;
  /** How many times an append (or a metadata write) retries after losing a race to another writer. */
  readonly maxAppendAttempts: number;
  /** Events per page when reading $all. */
  readonly pageSize: number;
}

export function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
