/**
 * The platform's own caseload as verification knows it: residents covered by a live dibao or
 * extreme-poverty entitlement. Learnt from payments' integration events over Kafka (never by
 * reading payments' store): a grant names the application, whose household verification holds in
 * its own check stream; a stop keeps them until the stop takes effect (a benefit stopped from next
 * month is still paid this month: the resident is on dibao until then). Used to find an obliged supporter's own status
 * (运民发〔2021〕59号: support from a supporter who is dibao or 特困 is not counted).
 */
import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { MONGO } from '@sa/platform';
import type { Collection, Connection } from 'mongoose';

interface LiveBenefitDoc {
  _id: string; // resident ID
  applicationId: string;
  entitlementId: string;
  programme: 'dibao' | 'extreme-poverty';
  since: string;
  /** The first month no longer paid, once payments has stopped the entitlement. */
  until?: string;
}

export interface LiveBenefit {
  readonly applicationId: string;
  readonly entitlementId: string;
  readonly programme: 'dibao' | 'extreme-poverty';
}

@Injectable()
export class LiveBenefits implements OnModuleInit {
  constructor(@Inject(MONGO) private readonly mongo: Connection) {}

  private get collection(): Collection<LiveBenefitDoc> {
    return this.mongo.collection<LiveBenefitDoc>('live_benefits');
  }

  async onModuleInit(): Promise<void> {
    await this.collection.createIndex({ applicationId: 1 });
  }

  /** Idempotent: a redelivered grant writes the same documents. One write per member (at most 30). A new benefit has no stop. */
  async granted(residentIds: readonly string[], benefit: LiveBenefit & { since: string }): Promise<void> {
    for (const residentId of residentIds) {
      await this.collection.updateOne({ _id: residentId }, { $set: { ...benefit }, $unset: { until: '' } }, { upsert: true });
    }
  }

  /**
   * The entitlement stops from effectiveMonth: its residents stay in the caseload until then. A
   * stop can only come earlier (death during the gradual exit), so the earliest month is kept.
   */
  async stopped(applicationId: string, effectiveMonth: string): Promise<void> {
    await this.collection.updateMany({ applicationId }, { $min: { until: effectiveMonth } });
  }

  /** The benefits of these residents live in `month` (supporters of one household: a handful), by resident ID. */
  async of(residentIds: readonly string[], month: string): Promise<Map<string, LiveBenefit>> {
    if (residentIds.length === 0) return new Map();
    const docs = await this.collection.find({ _id: { $in: [...residentIds] } }).toArray();
    return new Map(
      docs.filter((d) => isLiveIn(d, month)).map((d) => [d._id, { applicationId: d.applicationId, entitlementId: d.entitlementId, programme: d.programme }]),
    );
  }
}

/** Live in a month until the first month no longer paid (YYYY-MM strings compare in calendar order). */
export function isLiveIn(benefit: { readonly until?: string }, month: string): boolean {
  return benefit.until === undefined || month < benefit.until;
}
