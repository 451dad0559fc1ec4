/**
 * The temporary-assistance cases intake has taken, as payments learns them from intake's topic:
 * an urgent draw from a township's reserve fund (先行救助) pays cash at once, so it must name a case
 * intake really took, in that township. One small document per case, looked up by `_id`.
 *
 * The draw usually follows the application within seconds, while intake's event is still on its
 * way; the look-up waits a bounded moment for it rather than refuse a genuine case.
 */
import { Inject, Injectable } from '@nestjs/common';
import { MONGO } from '@sa/platform';
import type { Collection, Connection } from 'mongoose';

export interface TemporaryCaseKnown {
  _id: string;
  township: string;
  category: string;
  appliedAt: string;
}

/** How long a draw waits for intake's event of a case it names (a case taken moments ago). */
export const caseArrivalWaitMs = 10_000;

@Injectable()
export class TemporaryCasesKnown {
  constructor(@Inject(MONGO) private readonly mongo: Connection) {}

  /** Keyed by `_id` (the case id): no other index. */
  private get collection(): Collection<TemporaryCaseKnown> {
    return this.mongo.collection<TemporaryCaseKnown>('temporary_cases_known');
  }

  /** Idempotent: a redelivered application writes the same document. */
  async record(known: TemporaryCaseKnown): Promise<void> {
    await this.collection.updateOne({ _id: known._id }, { $set: known }, { upsert: true });
  }

  /** The case, waiting up to `waitMs` for it to arrive; undefined when it did not. */
  async find(caseId: string, waitMs = caseArrivalWaitMs): Promise<TemporaryCaseKnown | undefined> {
    const deadline = Date.now() + waitMs;
    for (;;) {
      const found = await this.collection.findOne({ _id: caseId });
      if (found || Date.now() >= deadline) return found ?? undefined;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
}
