/**
 * The periodic reviews read model (MongoDB): one document per live case with its current cycle,
 * indexed by phase and due date so the jobs read only what is due (never the caseload), and by area
 * and due date for the township worklist (keyset pages, no skip).
 */
import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import type { PeriodicReviewEvent } from '@sa/domain-approval';
import type { RecordedEvent } from '@sa/event-store';
import { applyOnce, MONGO, ProjectionRunner } from '@sa/platform';
import { type Connection, type Model, Schema } from 'mongoose';
import { periodicReviewStreamPrefix } from './integration';

export interface PeriodicReviewView {
  _id: string;
  programme: string;
  /** The household's village or community. */
  region: string;
  cycle: number;
  phase: 'scheduled' | 'open' | 'rechecked' | 'closed';
  dueOn: string;
  cadence?: string;
  recheckDueBy?: string;
  /** The re-check was late and payment is suspended until a review decides. */
  lapsed: boolean;
  proposedOutcome?: string;
  lastOutcome?: string;
  updatedAt: string;
}

const schema = new Schema<PeriodicReviewView>(
  { _id: String, programme: String, region: String, cycle: Number, phase: String, dueOn: String, recheckDueBy: String, lapsed: Boolean, updatedAt: String },
  { collection: 'periodic_reviews', versionKey: false, strict: false },
);
// The opening job: scheduled reviews by due date. The lapse job: open reviews by re-check deadline.
schema.index({ phase: 1, dueOn: 1 });
schema.index({ phase: 1, recheckDueBy: 1 });
// The worklist: an area's reviews in a phase by due date (a region prefix is a range on `region`).
schema.index({ phase: 1, region: 1, dueOn: 1, _id: 1 });

@Injectable()
export class PeriodicReviewReadModel implements OnModuleInit {
  readonly model: Model<PeriodicReviewView>;

  constructor(@Inject(MONGO) mongo: Connection, projections: ProjectionRunner) {
    this.model = mongo.model<PeriodicReviewView>('PeriodicReview', schema);
    projections.register({
      name: 'periodic-reviews',
      filter: { streamPrefixes: [periodicReviewStreamPrefix] },
      collections: ['periodic_reviews'],
      apply: (e) => this.apply(e),
    });
  }

  async onModuleInit(): Promise<void> {
    await this.model.createIndexes();
  }

  /** Scheduled reviews due on or before `today`, oldest first, within a region when given. */
  due(today: string, limit: number, region?: string): Promise<PeriodicReviewView[]> {
    return this.model
      .find({ phase: 'scheduled', dueOn: { $lte: today }, ...within(region) })
      .sort({ dueOn: 1 })
      .limit(limit)
      .lean();
  }

  /** Open reviews whose re-check deadline passed before `today` and that have not lapsed yet. */
  overdue(today: string, limit: number, region?: string): Promise<PeriodicReviewView[]> {
    return this.model
      .find({ phase: 'open', lapsed: false, recheckDueBy: { $lt: today }, ...within(region) })
      .sort({ recheckDueBy: 1 })
      .limit(limit)
      .lean();
  }

  private async apply(recorded: RecordedEvent): Promise<void> {
    const event = { type: recorded.type, data: recorded.data } as PeriodicReviewEvent;
    const id = event.data.applicationId;
    const at = recorded.recordedAt;
    switch (event.type) {
      case 'PeriodicReviewScheduled': {
        const { programme, region, cycle, dueOn, cadence } = event.data;
        await applyOnce(this.model, id, recorded, {
          // A suspension from a lapse carries into the next cycle until a review resumes payment.
          $set: { programme, region, cycle, dueOn, cadence, phase: 'scheduled', updatedAt: at, ...(cycle === 1 ? { lapsed: false } : {}) },
          $unset: { recheckDueBy: '', proposedOutcome: '' },
        });
        return;
      }
      case 'PeriodicReviewOpened':
        await applyOnce(this.model, id, recorded, { $set: { phase: 'open', recheckDueBy: event.data.recheckDueBy, updatedAt: at } });
        return;
      case 'PeriodicRecheckRecorded':
        await applyOnce(this.model, id, recorded, { $set: { phase: 'rechecked', proposedOutcome: event.data.proposal.outcome, updatedAt: at } });
        return;
      case 'PeriodicReviewLapsed':
        await applyOnce(this.model, id, recorded, { $set: { lapsed: true, updatedAt: at } });
        return;
      case 'PeriodicReviewDecided': {
        const { outcome, resumesSuspension } = event.data;
        const closed = outcome === 'terminate' || outcome === 'start-gradual-exit';
        const lapsed = outcome === 'suspend' ? { lapsed: true } : resumesSuspension ? { lapsed: false } : {};
        await applyOnce(this.model, id, recorded, { $set: { lastOutcome: outcome, ...lapsed, ...(closed ? { phase: 'closed' } : {}), updatedAt: at } });
        return;
      }
    }
  }
}

function within(region: string | undefined): Record<string, unknown> {
  return region ? { region: { $regex: `^${region}` } } : {};
}
