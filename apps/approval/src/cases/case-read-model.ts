/**
 * The cases read model (MongoDB through mongoose): what township and county staff list. Each event
 * folds into the stored view with the same pure function GET /cases/:id uses; `applyOnce` skips
 * events the document already reflects, so a replay after a restart changes nothing.
 */
import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import type { CaseEvent } from '@sa/domain-approval';
import type { RecordedEvent } from '@sa/event-store';
import { applyOnce, MONGO, ProjectionRunner } from '@sa/platform';
import { type Connection, type Model, Schema } from 'mongoose';
import { type CaseView, evolveCaseView } from './case-view';

export type StoredCaseView = Omit<CaseView, 'applicationId'> & { _id: string };

const caseSchema = new Schema<StoredCaseView>(
  {
    _id: String,
    status: { type: String, index: true },
    region: { type: String, index: true },
    updatedAt: { type: String, index: true },
  },
  { collection: 'cases', versionKey: false, strict: false },
);

/** Parts of the view an event can take away (a new check voids the review and the notice). */
const removableParts = ['review', 'notice', 'decision', 'homeVisit', 'check', 'greenChannel', 'openedAt'] as const;

@Injectable()
export class CaseReadModel implements OnModuleInit {
  readonly model: Model<StoredCaseView>;

  constructor(@Inject(MONGO) mongo: Connection, projections: ProjectionRunner) {
    this.model = mongo.model<StoredCaseView>('Case', caseSchema);
    projections.register({ name: 'cases', filter: { streamPrefixes: ['case-'] }, collections: ['cases'], apply: (e) => this.apply(e) });
  }

  async onModuleInit(): Promise<void> {
    await this.model.createIndexes();
  }

  private async apply(recorded: RecordedEvent): Promise<void> {
    const event = { type: recorded.type, data: recorded.data } as CaseEvent;
    const id = event.data.applicationId;
    // Events of one stream are applied one after another, so reading the document first is safe.
    const stored = await this.model.findById(id).lean<StoredCaseView & { _revision?: number }>();
    if (stored?._revision !== undefined && stored._revision >= recorded.revision) return;
    const { _id, _revision: _r, ...current } = (stored ?? {}) as StoredCaseView & { _revision?: number };
    const next = evolveCaseView(stored ? { ...current, applicationId: _id } : undefined, event, recorded.recordedAt);
    const { applicationId: _applicationId, ...fields } = next;
    const set = Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined));
    const unset = Object.fromEntries(removableParts.filter((part) => next[part] === undefined).map((part) => [part, '']));
    await applyOnce(this.model, id, recorded, { $set: set, ...(Object.keys(unset).length > 0 ? { $unset: unset } : {}) });
  }
}
