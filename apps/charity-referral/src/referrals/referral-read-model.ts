/**
 * The referrals read model (MongoDB): what an organisation lists as offered to it, what case workers
 * list by region, and what the offer-timeouts job scans for lapsed offers. The household's contact
 * stays out of it: it is read from the referral's events, by those allowed to see it.
 */
import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import type { AssistanceTotals, Need, ReferralEvent } from '@sa/domain-charity-referral';
import type { RecordedEvent } from '@sa/event-store';
import { applyOnce, MONGO, ProjectionRunner } from '@sa/platform';
import { type Connection, type Model, Schema } from 'mongoose';

export type ReferralStatus = 'awaiting-offer' | 'offered' | 'accepted' | 'exhausted' | 'closed';

export interface ReferralView {
  _id: string;
  applicationId: string;
  basis: string;
  region: string;
  needs: Need[];
  status: ReferralStatus;
  /** The organisation the referral is with now (offered to it, or accepted by it). */
  organisationId?: string;
  coveredNeeds?: Need[];
  attempt?: number;
  offeredAt?: string;
  /** UTC instant (toISOString form, so strings compare in time order). */
  deadline?: string;
  triedOrganisationIds: string[];
  totals: AssistanceTotals;
  outcome?: string;
  openedAt: string;
  updatedAt: string;
}

const referralSchema = new Schema<ReferralView>(
  {
    _id: String,
    applicationId: { type: String, index: true },
    basis: String,
    region: { type: String, index: true },
    needs: [String],
    status: { type: String, index: true },
    organisationId: { type: String, index: true },
    coveredNeeds: [String],
    attempt: Number,
    offeredAt: String,
    deadline: { type: String, index: true },
    triedOrganisationIds: [String],
    totals: { _id: false, moneyFen: Number, goodsValueFen: Number, goodsRecords: Number, serviceVisits: Number },
    outcome: String,
    openedAt: String,
    updatedAt: String,
  },
  { collection: 'referrals', versionKey: false, strict: false },
);

@Injectable()
export class ReferralReadModel implements OnModuleInit {
  readonly model: Model<ReferralView>;

  constructor(@Inject(MONGO) mongo: Connection, projections: ProjectionRunner) {
    this.model = mongo.model<ReferralView>('Referral', referralSchema);
    projections.register({ name: 'referrals', filter: { streamPrefixes: ['referral-'] }, collections: ['referrals'], apply: (e) => this.apply(e) });
  }

  async onModuleInit(): Promise<void> {
    await this.model.createIndexes();
  }

  /** Offers whose deadline passed before `now`, oldest first. */
  async lapsedOffers(now: Date, limit: number, within?: string): Promise<Pick<ReferralView, '_id' | 'region' | 'deadline'>[]> {
    const region = within === undefined ? {} : { region: { $regex: `^${within.replace(/\D/g, '')}` } };
    return this.model
      .find({ status: 'offered', deadline: { $lt: now.toISOString() }, ...region }, { _id: 1, region: 1, deadline: 1 })
      .sort({ deadline: 1 })
      .limit(limit)
      .lean();
  }

  /** Referrals every matching organisation declined or let lapse, in these regions, not yet offered to this organisation. */
  async exhaustedIn(regions: readonly string[], notTriedBy: string, limit: number): Promise<Pick<ReferralView, '_id' | 'region'>[]> {
    const inRegions = regions.map((region) => ({ region: { $regex: `^${region}` } }));
    return this.model
      .find({ status: 'exhausted', triedOrganisationIds: { $ne: notTriedBy }, $or: inRegions }, { _id: 1, region: 1 })
      .sort({ updatedAt: 1 })
      .limit(limit)
      .lean();
  }

  private async apply(recorded: RecordedEvent): Promise<void> {
    const event = { type: recorded.type, data: recorded.data } as ReferralEvent;
    const id = event.data.referralId;
    const update = this.updateFor(event, recorded.occurredAt);
    if (update) await applyOnce(this.model, id, recorded, update);
  }

  private updateFor(event: ReferralEvent, occurredAt: string): Record<string, unknown> | undefined {
    switch (event.type) {
      case 'ReferralOpened': {
        const d = event.data;
        const totals: AssistanceTotals = { moneyFen: 0, goodsValueFen: 0, goodsRecords: 0, serviceVisits: 0 };
        return {
          $set: {
            applicationId: d.applicationId,
            basis: d.basis,
            region: d.region,
            needs: [...d.needs],
            status: 'awaiting-offer',
            triedOrganisationIds: [],
            totals,
            openedAt: d.openedAt,
            updatedAt: d.openedAt,
          },
        };
      }
      case 'ReferralOffered': {
        const d = event.data;
        return {
          $set: {
            status: 'offered',
            organisationId: d.organisationId,
            coveredNeeds: [...d.coveredNeeds],
            attempt: d.attempt,
            offeredAt: d.offeredAt,
            deadline: d.deadline,
            updatedAt: d.offeredAt,
          },
          $addToSet: { triedOrganisationIds: d.organisationId },
        };
      }
      case 'ReferralAccepted':
        return { $set: { status: 'accepted', updatedAt: event.data.acceptedAt }, $unset: { deadline: '' } };
      case 'ReferralDeclined':
      case 'ReferralOfferTimedOut':
        // The next offer or the exhaustion follows in the same append.
        return { $set: { status: 'awaiting-offer', updatedAt: occurredAt }, $unset: { organisationId: '', deadline: '' } };
      case 'ReferralExhausted':
        return { $set: { status: 'exhausted', updatedAt: event.data.exhaustedAt }, $unset: { organisationId: '', deadline: '' } };
      case 'AssistanceRecorded':
        return { $set: { updatedAt: event.data.recordedAt }, $inc: increments(event.data.assistance) };
      case 'ReferralClosed':
        return { $set: { status: 'closed', outcome: event.data.outcome, totals: event.data.totals, updatedAt: event.data.closedAt }, $unset: { deadline: '' } };
    }
  }
}

function increments(assistance: Extract<ReferralEvent, { type: 'AssistanceRecorded' }>['data']['assistance']): Record<string, number> {
  switch (assistance.kind) {
    case 'money':
      return { 'totals.moneyFen': assistance.amountFen };
    case 'goods':
      return { 'totals.goodsValueFen': assistance.valueFen, 'totals.goodsRecords': 1 };
    case 'volunteer-service':
      return { 'totals.serviceVisits': 1 };
  }
}
