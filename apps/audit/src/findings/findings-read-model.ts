/**
 * The findings read model (MongoDB): FindingRaised events of the audit service's own store,
 * projected for listing and filtering. The events stay the record; this can be rebuilt.
 */
import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import type { RecordedEvent } from '@sa/event-store';
import { applyOnce, MONGO, ProjectionRunner } from '@sa/platform';
import { type Connection, type Model, Schema } from 'mongoose';
import { findingStreamPrefix, type RecordedFinding } from './findings-scanner';

export interface FindingView extends Omit<RecordedFinding, 'findingId'> {
  _id: string;
}

const findingSchema = new Schema<FindingView>(
  {
    _id: String,
    key: String,
    kind: { type: String, index: true },
    severity: String,
    applicationIds: { type: [String], index: true },
    regions: { type: [String], index: true },
    summary: String,
    evidence: { type: [Schema.Types.Mixed] },
    details: { type: Schema.Types.Mixed },
    detectedAt: { type: String, index: true },
    scanId: String,
  },
  { collection: 'findings', versionKey: false, strict: false },
);

export interface FindingsQuery {
  readonly kind?: string;
  readonly applicationId?: string;
  readonly limit: number;
}

@Injectable()
export class FindingsReadModel implements OnModuleInit {
  readonly model: Model<FindingView>;

  constructor(@Inject(MONGO) mongo: Connection, projections: ProjectionRunner) {
    this.model = mongo.model<FindingView>('Finding', findingSchema);
    projections.register({
      name: 'findings',
      filter: { streamPrefixes: [findingStreamPrefix], eventTypes: ['FindingRaised'] },
      collections: ['findings'],
      apply: (e) => this.apply(e),
    });
  }

  async onModuleInit(): Promise<void> {
    await this.model.createIndexes();
  }

  private async apply(event: RecordedEvent): Promise<void> {
    const { findingId, ...finding } = event.data as RecordedFinding;
    await applyOnce(this.model, findingId, event, { $set: finding });
  }

  /** Newest first, only findings touching a region within `orgUnit` (a county sees its townships and villages). */
  async list(query: FindingsQuery, orgUnit: string): Promise<RecordedFinding[]> {
    const filter: Record<string, unknown> = { regions: { $regex: `^${orgUnit.replace(/\D/g, '')}` } };
    if (query.kind) filter.kind = query.kind;
    if (query.applicationId) filter.applicationIds = query.applicationId;
    const docs = await this.model.find(filter).sort({ detectedAt: -1, _id: 1 }).limit(query.limit).lean();
    return docs.map(({ _id, ...rest }) => {
      const { _revision: _r, _position: _p, ...finding } = rest as typeof rest & { _revision?: number; _position?: number };
      return { ...finding, findingId: _id } as RecordedFinding;
    });
  }
}
