/**
 * What each household was approved in temporary assistance, one document per case (MongoDB): the
 * yearly cap sums a household's approvals in a year through an index, so the cost follows that
 * household's cases, never the caseload. It lags the event store by the projection's delay, so two
 * approvals for one household in the same moment could each pass the cap (the audit detector of
 * repeated assistance is the backstop).
 */
import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { chinaDate } from '@sa/domain-shared';
import type { TemporaryDecisionEvent } from '@sa/domain-temporary-assistance';
import type { RecordedEvent } from '@sa/event-store';
import { applyOnce, MONGO, ProjectionRunner } from '@sa/platform';
import { type Connection, type Model, Schema } from 'mongoose';

export interface TemporaryApprovalView {
  _id: string;
  householdKey: string;
  year: string;
  totalFen: number;
  tier: string;
  township: string;
}

const schema = new Schema<TemporaryApprovalView>(
  { _id: String, householdKey: String, year: String, totalFen: Number, tier: String, township: String },
  { collection: 'temporary_approvals', versionKey: false, strict: false },
);
schema.index({ householdKey: 1, year: 1 });

@Injectable()
export class TemporaryApprovalsReadModel implements OnModuleInit {
  readonly model: Model<TemporaryApprovalView>;

  constructor(@Inject(MONGO) mongo: Connection, projections: ProjectionRunner) {
    this.model = mongo.model<TemporaryApprovalView>('TemporaryApproval', schema);
    projections.register({
      name: 'temporary-approvals',
      filter: { streamPrefixes: ['temporary-decision-'] },
      collections: ['temporary_approvals'],
      apply: (e) => this.apply(e),
    });
  }

  async onModuleInit(): Promise<void> {
    await this.model.createIndexes();
  }

  /** The household's approved totals in a calendar year, other than this case's. */
  async approvedInYear(householdKey: string, year: string, exceptCaseId: string): Promise<number> {
    const rows = await this.model.find({ householdKey, year, _id: { $ne: exceptCaseId } }, { totalFen: 1 }).lean();
    return rows.reduce((sum, r) => sum + r.totalFen, 0);
  }

  private async apply(recorded: RecordedEvent): Promise<void> {
    const event = { type: recorded.type, data: recorded.data } as TemporaryDecisionEvent;
    if (event.type !== 'TemporaryAssistanceApproved') return;
    const d = event.data;
    await applyOnce(this.model, d.caseId, recorded, {
      $set: { householdKey: d.householdKey, year: chinaDate(d.decidedAt).slice(0, 4), totalFen: d.totalFen, tier: d.tier, township: d.township },
    });
  }
}
