/**
 * The reservation inserts of concurrent submissions, sent together: one unordered insertMany for
 * every household waiting while the previous one was in flight. Why: each MongoDB command is a
 * round trip to FerretDB and a few queries on its PostgreSQL; at 16 case workers' submissions at
 * once that was one command per application (issue #10). A quiet intake sends each alone, at once.
 *
 * Nothing about the race changes: each resident is still its own document under the unique _id,
 * so of two households naming one person, in one command or two, exactly one insert succeeds and
 * the other is told the resident is held (duplicate key) — per household, as if sent alone.
 */
import type { Collection } from 'mongoose';

export interface ReservationDoc {
  _id: string; // resident ID
  applicationId: string;
  stage?: 'application' | 'benefit';
  reservedAt: Date;
}

interface Waiting {
  readonly docs: readonly ReservationDoc[];
  resolve(refused: Set<string>): void;
  reject(error: unknown): void;
}

/** Documents per command at most. */
const maxDocs = 1000;

export class ReservationInserts {
  private queue: Waiting[] = [];
  private flushing = false;

  constructor(private readonly collection: () => Collection<ReservationDoc>) {}

  /** Inserts the documents; answers the resident IDs refused because a reservation exists already. */
  insert(docs: readonly ReservationDoc[]): Promise<Set<string>> {
    return new Promise((resolve, reject) => {
      this.queue.push({ docs, resolve, reject });
      if (!this.flushing) void this.flush();
    });
  }

  private async flush(): Promise<void> {
    this.flushing = true;
    while (this.queue.length > 0) {
      const batch: Waiting[] = [];
      let count = 0;
      for (let next = this.queue[0]; next && (batch.length === 0 || count + next.docs.length <= maxDocs); next = this.queue[0]) {
        batch.push(next);
        count += next.docs.length;
        this.queue.shift();
      }
      await this.send(batch);
    }
    this.flushing = false;
  }

  private async send(batch: readonly Waiting[]): Promise<void> {
    const docs = batch.flatMap((w) => w.docs);
    try {
      await this.collection().insertMany(docs, { ordered: false });
      for (const w of batch) w.resolve(new Set());
    } catch (error) {
      type WriteError = { index: number; code: number };
      // The driver gives one write error as an object, several as an array.
      const raw = (error as { writeErrors?: WriteError | WriteError[] }).writeErrors;
      const writeErrors = raw === undefined ? [] : ([] as WriteError[]).concat(raw);
      // Anything but duplicates (the server unreachable): every household of the command is told, as if it had sent alone.
      if (writeErrors.length === 0 || writeErrors.some((w) => w.code !== 11000)) {
        for (const w of batch) w.reject(error);
        return;
      }
      const refused = new Set(writeErrors.map((w) => w.index));
      let offset = 0;
      for (const w of batch) {
        const mine = new Set(w.docs.flatMap((doc, i) => (refused.has(offset + i) ? [doc._id] : [])));
        offset += w.docs.length;
        w.resolve(mine);
      }
    }
  }
}
