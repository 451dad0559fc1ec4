/**
 * One resident, one live benefit (一人一保; 重复申请): a unique index on the resident ID in MongoDB
 * reserves residents *before* the application's events are appended, so two case workers entering
 * the same person at the same moment cannot both succeed (the second insert meets the key).
 *
 * A reservation is held from the application until the resident's benefit ends: released when the
 * application is withdrawn or rejected (by the projection), when payments refuses the approved case
 * or stops its entitlement (death, exit, termination; payments' integration events), or when the
 * append it guarded fails. An approved case keeps it: its stage becomes 'benefit' once payments
 * grants the entitlement. See apps/payments/src/entitlements/DESIGN-one-benefit.md.
 */
import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { MONGO } from '@sa/platform';
import type { Collection, Connection } from 'mongoose';

export type ReservationStage = 'application' | 'benefit';

interface ReservationDoc {
  _id: string; // resident ID
  applicationId: string;
  stage?: ReservationStage;
  reservedAt: Date;
}

/** Who holds a resident another application asked for. */
export interface Holding {
  readonly residentId: string;
  readonly applicationId: string;
  readonly stage: ReservationStage;
}

@Injectable()
export class ResidentReservations implements OnModuleInit {
  constructor(@Inject(MONGO) private readonly mongo: Connection) {}

  private get collection(): Collection<ReservationDoc> {
    return this.mongo.collection<ReservationDoc>('resident_reservations');
  }

  async onModuleInit(): Promise<void> {
    await this.collection.createIndex({ applicationId: 1 });
  }

  /**
   * Reserves each resident for the application. When another application holds one, nothing is
   * left reserved by this call and the holdings are returned; otherwise the residents it newly took.
   */
  async reserve(applicationId: string, residentIds: readonly string[]): Promise<{ taken: Holding[]; reserved: string[] }> {
    const taken: Holding[] = [];
    const reserved: string[] = [];
    for (const residentId of residentIds) {
      try {
        await this.collection.insertOne({ _id: residentId, applicationId, stage: 'application', reservedAt: new Date() });
        reserved.push(residentId);
      } catch (error) {
        if ((error as { code?: number }).code !== 11000) throw error;
        const holder = await this.collection.findOne({ _id: residentId });
        if (holder && holder.applicationId !== applicationId)
          taken.push({ residentId, applicationId: holder.applicationId, stage: holder.stage ?? 'application' });
      }
    }
    if (taken.length > 0) await this.release(applicationId, reserved);
    return { taken, reserved: taken.length > 0 ? [] : reserved };
  }

  /** The case's entitlement was granted: its residents are now held by a live benefit. */
  async markOnBenefit(applicationId: string): Promise<void> {
    await this.collection.updateMany({ applicationId }, { $set: { stage: 'benefit' } });
  }

  async release(applicationId: string, residentIds?: readonly string[]): Promise<void> {
    await this.collection.deleteMany(residentIds ? { _id: { $in: [...residentIds] }, applicationId } : { applicationId });
  }

  /** An amendment changed the household: residents no longer in it are free again. */
  async releaseAllBut(applicationId: string, kept: readonly string[]): Promise<void> {
    await this.collection.deleteMany({ applicationId, _id: { $nin: [...kept] } });
  }
}
