/**
 * Open urgent payments awaiting documents (MongoDB): what the overdue-documents job queries by its
 * indexed due date, so a run reads only the cases due, never the caseload.
 */
import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import type { TemporaryCaseEvent } from '@sa/domain-temporary-assistance';
import type { RecordedEvent } from '@sa/event-store';
import { applyOnce, MONGO, ProjectionRunner } from '@sa/platform';
import { type Connection, type Model, Schema } from 'mongoose';

export interface TemporaryCaseView {
  _id: string;
  township: string;
  category: string;
  /** Set while an urgent payment waits for its documents; unset once they came or the case was flagged. */
  documentsDueBy?: string;
  documentsOverdue: boolean;
}

const schema = new Schema<TemporaryCaseView>(
  { _id: String, township: { type: String, index: true }, category: String, documentsDueBy: { type: String, index: true }, documentsOverdue: Boolean },
  { collection: 'temporary_cases', versionKey: false, strict: false },
);

@Injectable()
export class TemporaryCaseReadModel implements OnModuleInit {
  readonly model: Model<TemporaryCaseView>;

  constructor(@Inject(MONGO) mongo: Connection, projections: ProjectionRunner) {
    this.model = mongo.model<TemporaryCaseView>('TemporaryCase', schema);
    projections.register({
      name: 'temporary-cases',
      filter: { streamPrefixes: ['temporary-assistance-'] },
      collections: ['temporary_cases'],
      apply: (e) => this.apply(e),
    });
  }

  async onModuleInit(): Promise<void> {
    await this.model.createIndexes();
  }

  /** Cases whose documents were due before `today` (YYYY-MM-DD), within a region when given. */
  async overdue(today: string, limit: number, region?: string): Promise<TemporaryCaseView[]> {
    const filter: Record<string, unknown> = { documentsDueBy: { $lt: today } };
    if (region) filter.township = { $regex: `^${region}` };
    return this.model.find(filter).limit(limit).lean();
  }

  private async apply(recorded: RecordedEvent): Promise<void> {
    const event = { type: recorded.type, data: recorded.data } as TemporaryCaseEvent;
    const id = event.data.caseId;
    switch (event.type) {
      case 'TemporaryAssistanceApplied':
        await applyOnce(this.model, id, recorded, { $set: { township: event.data.township, category: event.data.category, documentsOverdue: false } });
        return;
      case 'UrgentPaymentRecorded':
        await applyOnce(this.model, id, recorded, { $set: { documentsDueBy: event.data.documentsDueBy } });
        return;
      case 'DocumentsReceived':
        await applyOnce(this.model, id, recorded, { $unset: { documentsDueBy: '' } });
        return;
      case 'DocumentsOverdueFlagged':
        await applyOnce(this.model, id, recorded, { $set: { documentsOverdue: true }, $unset: { documentsDueBy: '' } });
        return;
      case 'TemporaryCaseConverted':
        return;
    }
  }
}
