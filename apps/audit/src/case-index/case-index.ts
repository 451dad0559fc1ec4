/**
 * The case index (MongoDB read model): for each join key — an application, a lead, a resident —
 * the source streams that hold its events. It only says WHERE to read; replay always reads and
 * folds the events themselves from the services' stores. It is fed by one catch-up subscription
 * per source (CaseIndexer) and is rebuildable at any time by dropping it.
 */
import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { MONGO } from '@sa/platform';
import type { Collection, Connection } from 'mongoose';
import type { StreamDirectory, StreamRef } from '../cases/stream-directory';

/**
 * One document per join key, holding its `source|stream` entries: a lookup is one read by _id per
 * key, the one query every MongoDB-protocol server (FerretDB included) answers from an index
 * whatever the collection's size. FerretDB's updates are not atomic against concurrent writers of
 * one document, so writes to one key are queued here (the sources' indexers run side by side).
 */
interface IndexDoc {
  _id: string;
  refs: string[];
}

// Source names are [a-z0-9-] (checked at start-up), so the first '|' ends the source.
const refOf = (ref: StreamRef) => `${ref.source}|${ref.stream}`;
function parseRef(value: string): StreamRef {
  const at = value.indexOf('|');
  return { source: value.slice(0, at), stream: value.slice(at + 1) };
}

interface CheckpointDoc {
  _id: string;
  position: number;
  updatedAt: Date;
}

@Injectable()
export class CaseIndex implements OnModuleInit {
  /** The last write queued per key: the next write to the key waits for it. */
  private readonly writing = new Map<string, Promise<void>>();

  constructor(@Inject(MONGO) private readonly mongo: Connection) {}

  private get entries(): Collection<IndexDoc> {
    return this.mongo.collection<IndexDoc>('case_index');
  }

  private get checkpoints(): Collection<CheckpointDoc> {
    return this.mongo.collection<CheckpointDoc>('case_index_checkpoints');
  }

  async onModuleInit(): Promise<void> {
    // Nothing to create: every lookup is by _id.
  }

  /** Idempotent: the same key, source and stream is one entry however often it is added. */
  async add(key: string, ref: StreamRef): Promise<void> {
    const write = (this.writing.get(key) ?? Promise.resolve()).then(() => this.write(key, ref));
    const done = write.catch(() => undefined);
    this.writing.set(key, done);
    try {
      await write;
    } finally {
      if (this.writing.get(key) === done) this.writing.delete(key);
    }
  }

  private async write(key: string, ref: StreamRef): Promise<void> {
    await this.entries.updateOne({ _id: key }, { $addToSet: { refs: refOf(ref) } }, { upsert: true });
  }

  async lookup(keys: readonly string[]): Promise<StreamRef[]> {
    const docs = await Promise.all([...new Set(keys)].map((key) => this.entries.findOne({ _id: key })));
    return docs.flatMap((doc) => (doc?.refs ?? []).map(parseRef));
  }

  /**
   * The index as a replay's directory for a reader that does not feed it (the CLI): complete up to
   * the checkpoints saved now, the replay reading each source's log after them.
   */
  async savedDirectory(sources: readonly string[]): Promise<StreamDirectory> {
    const through = new Map(await Promise.all(sources.map(async (source) => [source, await this.checkpoint(source)] as const)));
    return { lookup: (keys) => this.lookup(keys), indexedThrough: (source) => through.get(source) ?? 0 };
  }

  async checkpoint(source: string): Promise<number> {
    return (await this.checkpoints.findOne({ _id: source }))?.position ?? 0;
  }

  async saveCheckpoint(source: string, position: number): Promise<void> {
    await this.checkpoints.updateOne({ _id: source }, { $set: { position, updatedAt: new Date() } }, { upsert: true });
  }
}
