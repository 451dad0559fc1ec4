/**
 * The applications read model (MongoDB, through mongoose): what case workers list and open.
 * Resident IDs are stored masked here; the full household lives only in the event store.
 */
import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { type ApplicationEvent } from '@sa/domain-intake';
import { maskResidentId } from '@sa/domain-shared';
import type { RecordedEvent } from '@sa/event-store';
import { applyOnce, type DocumentChange, insertingNewDocuments, MONGO, ProjectionRunner } from '@sa/platform';
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
    projections.register({
      name: 'applications',
      filter: { streamPrefixes: ['application-'] },
      collections: ['applications'],
      apply: (e) => this.apply(e),
      // A busy intake's new applications: one insert per batch instead of an upsert each (issue #10).
      applyBatch: insertingNewDocuments(
        this.model,
        (e) => this.foldableChangeOf(e),
        (e) => this.apply(e),
      ),
    });
  }

  async onModuleInit(): Promise<void> {
    await this.model.createIndexes();
  }

  /**
   * Applies one event: its document change, then what the event releases. An approved case keeps
   * its residents until payments stops or refuses its entitlement (integration.ts).
   */
  private async apply(recorded: RecordedEvent): Promise<void> {
    const change = this.changeOf(recorded);
    if (change) await applyOnce(this.model, change.id, recorded, change.update);
    const event = { type: recorded.type, data: recorded.data } as ApplicationEvent;
    if (event.type === 'ApplicationWithdrawn' || (event.type === 'ApplicationClosed' && event.data.outcome !== 'approved')) {
      await this.reservations.release(event.data.applicationId);
    }
  }

  /** Events that release residents go one by one through `apply`; the others may be folded into new documents (new-documents.ts). */
  private foldableChangeOf(recorded: RecordedEvent): DocumentChange | null | undefined {
    return recorded.type === 'ApplicationWithdrawn' || recorded.type === 'ApplicationClosed' ? undefined : this.changeOf(recorded);
  }

  /** What an event changes in its application's document (null: nothing). */
  private changeOf(recorded: RecordedEvent): DocumentChange | null {
    const event = { type: recorded.type, data: recorded.data } as ApplicationEvent;
    const id = event.data.applicationId;
    const members = (list: readonly { memberId: string; residentId: string; relation: string }[]) =>
      list.map((m) => ({ memberId: m.memberId, residentIdMasked: maskResidentId(m.residentId), relation: m.relation }));
    switch (event.type) {
      case 'ApplicationSubmitted': {
        const d = event.data;
        return {
          id,
          update: {
            $set: {
              programme: d.programme,
              region: d.region,
              applicationLocation: d.applicationLocation,
              channel: d.channel,
              status: 'submitted',
              nearRelativeFlagged: d.nearRelative.declared,
              members: members(d.household.members),
              householdSize: d.household.members.length,
              submittedAt: d.submittedAt,
              submittedBy: d.submittedBy.userId,
              updatedAt: d.submittedAt,
              amendments: 0,
            },
          },
        };
      }
      case 'NearRelativeCaseFlagged':
        return { id, update: { $set: { nearRelativeFlagged: true } } };
      case 'ApplicationAmended': {
        const c = event.data.changes;
        return {
          id,
          update: {
            $set: {
              updatedAt: event.data.amendedAt,
              ...(c.region ? { region: c.region } : {}),
              ...(c.applicationLocation ? { applicationLocation: c.applicationLocation } : {}),
              ...(c.members ? { members: members(c.members), householdSize: c.members.length } : {}),
            },
            $inc: { amendments: 1 },
          },
        };
      }
      case 'ApplicationWithdrawn':
        return { id, update: { $set: { status: 'withdrawn', updatedAt: event.data.withdrawnAt } } };
      case 'ApplicationClosed':
        return { id, update: { $set: { status: 'closed', outcome: event.data.outcome, updatedAt: event.data.closedAt } } };
      default:
        return null;
    }
  }
}
