/**
 * The entitlements read model (MongoDB): what payments officers list, the resident → entitlement
 * index a death report needs (members by residentKey), and the list of entitlements a payroll run
 * starts from. Resident IDs and account numbers are stored masked or keyed, never in clear; the
 * full entitlement lives in the event store.
 *
 * Payments are not counted here: a monthly payroll records one `EntitlementPaymentRecorded` per
 * entitlement, and one FerretDB update each (~65 a second) left a city's payroll hours of backlog
 * that every later stop or grant waited behind. The list reads `paymentsRecorded` /
 * `lastPaidMonth` from the payroll's PostgreSQL entitlement table instead, one query a page
 * (entitlements.controller.ts); the events stay on the stream and on Kafka.
 */
import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { maskAccountNumber, type EntitlementEvent } from '@sa/domain-payments';
import { maskResidentId } from '@sa/domain-shared';
import type { RecordedEvent } from '@sa/event-store';
import { recordedAs } from '@sa/messaging';
import { applyOnce, MONGO, ProjectionRunner } from '@sa/platform';
import { type Connection, type Model, Schema } from 'mongoose';
import { entitlementStreamPrefix } from '../streams';
import { applyInBatch } from './entitlement-batch';
import { residentKey } from './resident-key';

export const entitlementsProjection = 'entitlements';

export interface EntitlementMemberView {
  memberId: string;
  residentIdMasked: string;
  residentKey: string;
}

export interface EntitlementDoc {
  _id: string; // entitlementId
  applicationId: string;
  programme: string;
  region: string;
  householdSize: number;
  monthlyAmountFen: number;
  startMonth: string;
  policyId: string;
  members: EntitlementMemberView[];
  memberKeys: string[];
  payee: { bankName: string; accountNumberMasked: string };
  stop?: { effectiveMonth: string; reason: string } | null;
  suspended?: boolean;
  dateOfDeath?: string;
  flaggedForRecovery: number;
  recoveryFen: number;
  grantedAt: string;
  updatedAt: string;
}

const entitlementSchema = new Schema<EntitlementDoc>(
  {
    _id: String,
    applicationId: { type: String, index: true },
    programme: String,
    region: { type: String, index: true },
    householdSize: Number,
    monthlyAmountFen: Number,
    startMonth: String,
    policyId: String,
    members: [{ _id: false, memberId: String, residentIdMasked: String, residentKey: String }],
    memberKeys: { type: [String], index: true },
    payee: { bankName: String, accountNumberMasked: String },
    stop: { type: Schema.Types.Mixed, default: null },
    suspended: Boolean,
    dateOfDeath: String,
    flaggedForRecovery: Number,
    recoveryFen: Number,
    grantedAt: String,
    updatedAt: String,
  },
  { collection: 'entitlements', versionKey: false, strict: false },
);

/** The document a grant creates (what its $set holds; the projection adds _revision and _position). */
function grantedDoc(recorded: RecordedEvent): Omit<EntitlementDoc, '_id'> {
  const [granted] = recordedAs<EntitlementEvent>([recorded]);
  // Called for grants only (the projection and its batches pick them by type); anything else is a bug.
  if (granted?.type !== 'EntitlementGranted') throw new Error(`grantedDoc called with ${recorded.type}`);
  const d = granted.data;
  const members = d.members.map((m) => ({ memberId: m.memberId, residentIdMasked: maskResidentId(m.residentId), residentKey: residentKey(m.residentId) }));
  return {
    applicationId: d.applicationId,
    programme: d.programme,
    region: d.region,
    householdSize: d.householdSize,
    monthlyAmountFen: d.monthlyAmountFen,
    startMonth: d.startMonth,
    policyId: d.policyId,
    members,
    memberKeys: members.map((m) => m.residentKey),
    payee: { bankName: d.payee.bankName, accountNumberMasked: maskAccountNumber(d.payee.accountNumber) },
    stop: null,
    suspended: false,
    flaggedForRecovery: 0,
    recoveryFen: 0,
    grantedAt: d.grantedAt,
    updatedAt: recorded.recordedAt,
  };
}

/**
 * Events that change nothing here. Skipping one leaves the document's `_revision` behind the
 * stream's; `applyOnce` only asks that a later event be newer, so the next stop or suspension
 * still applies (and a replay still changes nothing).
 */
const notKept = new Set<string>(['EntitlementPaymentRecorded', 'EntitlementRefused']);

export type EntitlementStatus = 'active' | 'suspended' | 'stopped';

/** Status as a list shows it: a recorded stop wins (it may take effect in a later month), then an open suspension. */
export function statusOf(doc: Pick<EntitlementDoc, 'stop' | 'suspended'>): EntitlementStatus {
  if (doc.stop) return 'stopped';
  return doc.suspended ? 'suspended' : 'active';
}

export function statusFilter(status: EntitlementStatus): Record<string, unknown> {
  if (status === 'stopped') return { stop: { $ne: null } };
  if (status === 'suspended') return { stop: null, suspended: true };
  return { stop: null, suspended: { $ne: true } };
}

@Injectable()
export class EntitlementReadModel implements OnModuleInit {
  readonly model: Model<EntitlementDoc>;

  constructor(@Inject(MONGO) mongo: Connection, projections: ProjectionRunner) {
    this.model = mongo.model<EntitlementDoc>('Entitlement', entitlementSchema);
    projections.register({
      name: entitlementsProjection,
      filter: { streamPrefixes: [entitlementStreamPrefix] },
      collections: ['entitlements'],
      apply: (e) => this.apply(e),
      // Events this model does not keep are dropped before the batch groups the rest (no write, the checkpoint moves on).
      applyBatch: (events) =>
        applyInBatch(
          this.model,
          events.filter((e) => !notKept.has(e.type)),
          grantedDoc,
          (e) => this.apply(e),
        ),
    });
  }

  async onModuleInit(): Promise<void> {
    await this.model.createIndexes();
  }

  /** Entitlements covering a resident (the index a death report needs). */
  async coveringResident(residentId: string): Promise<Array<{ entitlementId: string; memberId: string; region: string }>> {
    const key = residentKey(residentId);
    const docs = await this.model.find({ memberKeys: key }, { _id: 1, region: 1, members: 1 }).lean();
    return docs.map((d) => ({ entitlementId: d._id, region: d.region, memberId: d.members.find((m) => m.residentKey === key)?.memberId ?? '' }));
  }

  /**
   * Entitlements a payroll for the region and month must consider: started by then and not stopped
   * before it. A stop only ever moves earlier, so one the read model already shows is certain.
   */
  async payrollCandidates(region: string, month: string): Promise<string[]> {
    const docs = await this.model
      .find({ region: { $regex: `^${region}` }, startMonth: { $lte: month }, $or: [{ stop: null }, { 'stop.effectiveMonth': { $gte: month } }] }, { _id: 1 })
      .sort({ _id: 1 })
      .lean();
    return docs.map((d) => d._id);
  }

  /** Applies one event (the batch path, entitlement-batch.ts, inserts grants in bulk and sends the rest here). */
  private async apply(recorded: RecordedEvent): Promise<void> {
    const event = { type: recorded.type, data: recorded.data } as EntitlementEvent;
    const id = event.data.entitlementId;
    const at = recorded.recordedAt;
    switch (event.type) {
      case 'EntitlementGranted':
        await applyOnce(this.model, id, recorded, { $set: grantedDoc(recorded) });
        return;
      case 'DeathReported':
        await applyOnce(this.model, id, recorded, { $set: { dateOfDeath: event.data.dateOfDeath, updatedAt: at } });
        return;
      case 'EntitlementStopped':
        // The decider only records a stop earlier than any before it, so the latest event is the stop.
        await applyOnce(this.model, id, recorded, { $set: { stop: { effectiveMonth: event.data.effectiveMonth, reason: event.data.reason }, updatedAt: at } });
        return;
      case 'EntitlementSuspended':
        await applyOnce(this.model, id, recorded, { $set: { suspended: true, updatedAt: at } });
        return;
      case 'EntitlementResumed':
        await applyOnce(this.model, id, recorded, { $set: { suspended: false, updatedAt: at } });
        return;
      case 'GradualExitStarted':
        await applyOnce(this.model, id, recorded, { $set: { updatedAt: at } });
        return;
      case 'EntitlementPaymentRecorded':
        // Counted from the payroll's entitlement table when listed (see the top of this file).
        return;
      case 'EntitlementRefused':
        // Nothing to list or pay: the refusal is on the stream and published (一人一保).
        return;
      case 'PaymentFlaggedForRecovery':
        await applyOnce(this.model, id, recorded, { $inc: { flaggedForRecovery: 1, recoveryFen: event.data.amountFen }, $set: { updatedAt: at } });
        return;
    }
  }
}
