/**
 * The applications read model (MongoDB, through mongoose): what case workers list and open.
 * Resident IDs are stored masked here; the full household lives only in the event store.
 */
import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { type ApplicationEvent } from '@sa/domain-intake';
import { maskResidentId } from '@sa/domain-shared';
import type { RecordedEvent } from '@sa/event-store';
import { applyOnce, MONGO, ProjectionRunner } from '@sa/platform';
import { type Connection, type Model, Schema } from 'mongoose';
import { ResidentReservations } from './resident-reservations';

export interface ApplicationView {
  _id: string;
  programme: string;
  region: string;
  applicationLocation: string;
  channel: string;
  status: 'submitted' | 'withdrawn' | 'closed';
  outcome?: string;
  nearRelativeFlagged: boolean;
  members: { memberId: string; residentIdMasked: string; relation: string }[];
  householdSize: number;
  submittedAt: string;
  submittedBy: string;
  updatedAt: string;
  amendments: number;
}

const applicationSchema = new Schema<ApplicationView>(
  {
    _id: String,
    programme: String,
    region: { type: String, index: true },
    applicationLocation: String,
    channel: String,
    status: { type: String, index: true },
    outcome: String,
    nearRelativeFlagged: Boolean,
    members: [{ _id: false, memberId: String, residentIdMasked: String, relation: String }],
    householdSize: Number,
    submittedAt: String,
    submittedBy: String,
    updatedAt: String,
    amendments: Number,
  },
  { collection: 'applications', versionKey: false, strict: false },
);

@Injectable()
export class ApplicationReadModel implements OnModuleInit {
  readonly model: Model<ApplicationView>;

  constructor(
    @Inject(MONGO) mongo: Connection,
    projections: ProjectionRunner,
    private readonly reservations: ResidentReservations,
  ) {
    this.model = mongo.model<ApplicationView>('Application', applicationSchema);
    projections.register({ name: 'applications', filter: { streamPrefixes: ['application-'] }, collections: ['applications'], apply: (e) => this.apply(e) });
  }

  async onModuleInit(): Promise<void> {
    await this.model.createIndexes();
  }

  private async apply(recorded: RecordedEvent): Promise<void> {
    const event = { type: recorded.type, data: recorded.data } as ApplicationEvent;
    const id = event.data.applicationId;
    switch (event.type) {
      case 'ApplicationSubmitted': {
        const d = event.data;
        await applyOnce(this.model, id, recorded, {
          $set: {
            programme: d.programme,
            region: d.region,
            applicationLocation: d.applicationLocation,
            channel: d.channel,
            status: 'submitted',
            nearRelativeFlagged: d.nearRelative.declared,
            members: d.household.members.map((m) => ({ memberId: m.memberId, residentIdMasked: maskResidentId(m.residentId), relation: m.relation })),
            householdSize: d.household.members.length,
            submittedAt: d.submittedAt,
            submittedBy: d.submittedBy.userId,
            updatedAt: d.submittedAt,
            amendments: 0,
          },
        });
        return;
      }
      case 'NearRelativeCaseFlagged':
        await applyOnce(this.model, id, recorded, { $set: { nearRelativeFlagged: true } });
        return;
      case 'ApplicationAmended': {
        const c = event.data.changes;
        await applyOnce(this.model, id, recorded, {
          $set: {
            updatedAt: event.data.amendedAt,
            ...(c.region ? { region: c.region } : {}),
            ...(c.applicationLocation ? { applicationLocation: c.applicationLocation } : {}),
            ...(c.members
              ? {
                  members: c.members.map((m) => ({ memberId: m.memberId, residentIdMasked: maskResidentId(m.residentId), relation: m.relation })),
                  householdSize: c.members.length,
                }
              : {}),
          },
          $inc: { amendments: 1 },
        });
        return;
      }
      case 'ApplicationWithdrawn':
        await applyOnce(this.model, id, recorded, { $set: { status: 'withdrawn', updatedAt: event.data.withdrawnAt } });
        await this.reservations.release(id);
        return;
      case 'ApplicationClosed':
        await applyOnce(this.model, id, recorded, { $set: { status: 'closed', outcome: event.data.outcome, updatedAt: event.data.closedAt } });
        // An approved case keeps its residents until payments stops or refuses its entitlement (integration.ts).
        if (event.data.outcome !== 'approved') await this.reservations.release(id);
        return;
    }
  }
}
