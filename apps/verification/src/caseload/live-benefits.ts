/**
 * The platform's own caseload as verification knows it: residents covered by a live dibao or
 * extreme-poverty entitlement. Learnt from payments' integration events over Kafka (never by
 * reading payments' store): a grant names the application, whose household verification holds in
 * its own check stream; a stop removes them. Used to find an obliged supporter's own status
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

  /** Idempotent: a redelivered grant writes the same documents. One write per member (at most 30). */
  async granted(residentIds: readonly string[], benefit: LiveBenefit & { since: string }): Promise<void> {
    for (const residentId of residentIds) {
      await this.collection.updateOne({ _id: residentId }, { $set: { ...benefit } }, { upsert: true });
    }
  }

  async stopped(applicationId: string): Promise<void> {
    await this.collection.deleteMany({ applicationId });
  }

  /** The live benefits of these residents (supporters of one household: a handful), by resident ID. */
  async of(residentIds: readonly string[]): Promise<Map<string, LiveBenefit>> {
    if (residentIds.length === 0) return new Map();
    const docs = await this.collection.find({ _id: { $in: [...residentIds] } }).toArray();
    return new Map(docs.map((d) => [d._id, { applicationId: d.applicationId, entitlementId: d.entitlementId, programme: d.programme }]));
  }
}
