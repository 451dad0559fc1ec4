/**
 * The checks read model (MongoDB, through mongoose): which applications have a check, where it
 * stands, its headline figures, and which residents it covers. Resident IDs are kept only as
 * SHA-256 keys (to find a resident's applications for jurisdiction) and masked for display; the
 * full household and the rule trace live in the event store.
 */
import { createHash } from 'node:crypto';
import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { maskResidentId } from '@sa/domain-shared';
import type { HouseholdCheckEvent, HouseholdSnapshot } from '@sa/domain-verification';
import type { RecordedEvent } from '@sa/event-store';
import { applyOnce, type DocumentChange, insertingNewDocuments, MONGO, ProjectionRunner } from '@sa/platform';
import { type Connection, type Model, Schema } from 'mongoose';

export interface CheckSummary {
  _id: string;
  programme: string;
  region: string;
  area: string;
  status: 'open' | 'completed' | 'cancelled' | 'abandoned';
  /** Why an abandoned check could not complete, e.g. amount-out-of-range. */
  abandonedReason?: string;
  checkId: string;
  rounds: number;
  requestedAt: string;
  completedAt?: string;
  outcome?: 'eligible' | 'ineligible';
  reasons?: string[];
  policyId?: string;
  countedMonthlyIncomeFen?: number;
  perCapitaMonthlyIncomeFen?: number;
  memberKeys: string[];
  membersMasked: string[];
  updatedAt: string;
}

/** A lookup key for a resident ID: lets the read model find a person's applications without storing the number. */
export function residentKey(residentId: string): string {
  return createHash('sha256').update(`resident:${residentId}`).digest('hex');
}

const schema = new Schema<CheckSummary>(
  {
    _id: String,
    programme: String,
    region: { type: String, index: true },
    area: String,
    status: { type: String, index: true },
    checkId: String,
    rounds: Number,
    requestedAt: String,
    completedAt: String,
    outcome: String,
    reasons: [String],
    policyId: String,
    countedMonthlyIncomeFen: Number,
    perCapitaMonthlyIncomeFen: Number,
    memberKeys: { type: [String], index: true },
    membersMasked: [String],
    updatedAt: String,
  },
  { collection: 'household_checks', versionKey: false, strict: false },
);

const members = (household: HouseholdSnapshot) => ({
  memberKeys: household.members.map((m) => residentKey(m.residentId)),
  membersMasked: household.members.map((m) => maskResidentId(m.residentId)),
});

@Injectable()
export class CheckReadModel implements OnModuleInit {
  readonly model: Model<CheckSummary>;

  constructor(@Inject(MONGO) mongo: Connection, projections: ProjectionRunner) {
    this.model = mongo.model<CheckSummary>('HouseholdCheck', schema);
    projections.register({
      name: 'household-checks',
      filter: { streamPrefixes: ['household-check-'] },
      collections: ['household_checks'],
      apply: (e) => this.apply(e),
      // A check's request to its completion arrives in one append: one insert per batch, not an upsert per event (issue #10).
      applyBatch: insertingNewDocuments(this.model, changeOf, (e) => this.apply(e)),
    });
  }

  async onModuleInit(): Promise<void> {
    await this.model.createIndexes();
  }

  /** Regions of the applications whose household includes the resident. */
  async regionsOfResident(residentId: string): Promise<string[]> {
    const docs = await this.model.find({ memberKeys: residentKey(residentId) }, { region: 1 }).lean();
    return [...new Set(docs.map((d) => d.region))];
  }

  private async apply(recorded: RecordedEvent): Promise<void> {
    const change = changeOf(recorded);
    if (change) await applyOnce(this.model, change.id, recorded, change.update);
  }
}

/** What an event changes in its application's check summary (null: nothing). */
function changeOf(recorded: RecordedEvent): DocumentChange | null {
  const event = { type: recorded.type, data: recorded.data } as HouseholdCheckEvent;
  const id = event.data.applicationId;
  switch (event.type) {
    case 'CheckRequested': {
      const d = event.data;
      const $set = {
        programme: d.programme,
        region: d.region,
        area: d.area,
        status: 'open',
        checkId: d.checkId,
        rounds: 1,
        requestedAt: d.requestedAt,
        updatedAt: d.requestedAt,
        ...members(d.household),
      };
      return { id, update: { $set } };
    }
    case 'RecheckRequested': {
      const d = event.data;
      const $set = {
        status: 'open',
        checkId: d.checkId,
        requestedAt: d.requestedAt,
        updatedAt: d.requestedAt,
        ...members(d.household),
        ...(d.region ? { region: d.region } : {}),
        ...(d.area ? { area: d.area } : {}),
      };
      return { id, update: { $set, $inc: { rounds: 1 }, $unset: { completedAt: '', outcome: '', reasons: '', abandonedReason: '' } } };
    }
    case 'CheckCompleted': {
      const d = event.data;
      const $set = {
        status: 'completed',
        completedAt: d.completedAt,
        outcome: d.outcome,
        reasons: d.reasons.map((r) => r.code),
        policyId: d.assessment.policyId,
        countedMonthlyIncomeFen: d.assessment.countedMonthlyIncomeFen,
        perCapitaMonthlyIncomeFen: d.assessment.perCapitaMonthlyIncomeFen,
        updatedAt: d.completedAt,
      };
      return { id, update: { $set } };
    }
    case 'CheckAbandoned':
      return { id, update: { $set: { status: 'abandoned', abandonedReason: event.data.reason.code, updatedAt: event.data.abandonedAt } } };
    case 'CheckCancelled':
      return { id, update: { $set: { status: 'cancelled', updatedAt: event.data.cancelledAt } } };
    default:
      return null;
  }
}
